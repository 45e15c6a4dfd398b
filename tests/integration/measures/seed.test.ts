import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../../db/seed/index";
import { seedMeasures } from "../../../db/seed/measures";
import { compareScores } from "~/measures/change";
import { useTestDatabase, testDb } from "../../support/db";

useTestDatabase();

describe("demo measures", () => {
  it("do nothing when there are no referrals", async () => {
    await testDb()
      .transaction()
      .execute((trx) => seedMeasures(trx));
    expect(await testDb().selectFrom("measure_response").select("id").execute()).toEqual([]);
  });

  it("tell the widowed man's story: UCLA-3 7 → 4 and SWEMWBS up by more than 3 metric points, scored by the engine", async () => {
    // With the small set of outcome demo data too, so the check below covers its responses.
    await seedDemo(testDb(), { outcomes: "small" });
    const widower = await testDb()
      .selectFrom("referral as r")
      .innerJoin("person as p", "p.id", "r.person_id")
      // The story's people are on the demo prescriber's and coordinator's caseloads (the outcome data is not).
      .innerJoin("app_user as u", "u.id", "r.caseworker_id")
      .where("u.email", "in", ["prescriber@demo.connectwell.example", "coordinator@demo.connectwell.example"])
      .select(["r.id"])
      .where("p.sex", "=", "male")
      .where(({ eb, val }) => eb(val("bereavement"), "=", eb.fn.any("r.needs")))
      .orderBy("r.received_at")
      .executeTakeFirstOrThrow();
    const rows = await testDb()
      .selectFrom("measure_response")
      .selectAll()
      .where("referral_id", "=", widower.id)
      .execute();
    const find = (code: string, tp: string) => rows.find((r) => r.instrument_code === code && r.time_point === tp)!;
    expect(find("ucla3", "baseline").scores).toEqual({ total: 7 });
    expect(find("ucla3", "follow_up").scores).toEqual({ total: 4 });
    const swemwbs = compareScores(
      "swemwbs",
      find("swemwbs", "baseline") as never,
      find("swemwbs", "follow_up") as never,
    );
    expect(swemwbs.changes.metric.change).toBeGreaterThan(3);
    expect(swemwbs.changes.metric.meaningful).toBe(true);
    // Every demo response is consistent with its referral: never before it arrived, never in the future.
    const bad = await testDb()
      .selectFrom("measure_response as m")
      .innerJoin("referral as r", "r.id", "m.referral_id")
      .select("m.id")
      .where(
        sql<boolean>`m.administered_on > current_date or (r.received_at at time zone 'Europe/London')::date > m.administered_on`,
      )
      .execute();
    expect(bad).toEqual([]);
  }, 90_000); // the demo seed builds an archived report, and with it the outcome summaries
});
