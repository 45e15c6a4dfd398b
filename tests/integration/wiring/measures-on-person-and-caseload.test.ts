import { describe, expect, it } from "vitest";
import { loader as caseloadLoader } from "../../../app/routes/caseload";
import { loader as personLoader } from "../../../app/routes/people.$personId._index";
import { testDb, useTestDatabase } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { call, getRequest } from "../../support/http";
import { makeReferral } from "../../support/measures-factories";

useTestDatabase();

describe("measures on the caseload and the person page", () => {
  it("flags a referral whose baseline is due on the caseload, and clears the flag once it is recorded", async () => {
    const { user, cookie } = await signedIn("prescriber");
    const { referralId, personId } = await makeReferral({
      caseworkerId: user.id,
      status: "accepted",
      receivedAt: new Date(Date.now() - 3 * 86_400_000),
    });
    await testDb().insertInto("care_team_member").values({ person_id: personId, user_id: user.id }).execute();
    const before = await call(() =>
      caseloadLoader({ request: getRequest("/caseload", cookie), context: context(), params: {} } as any),
    );
    const row = before.body.rows.find((r: any) => r.referralId === referralId);
    expect(row.measureDue).toBe(true);
    expect(row.actions).toContain("measure_due");

    const person = await call(() =>
      personLoader({
        request: getRequest(`/people/${personId}`, cookie),
        context: context(),
        params: { personId },
      } as any),
    );
    expect(person.status).toBe(200);
    expect(person.body.measures.due).toHaveLength(1);
    expect(person.body.measures.due[0]).toMatchObject({ timePoint: "baseline" });
    expect([...person.body.measures.due[0].outstanding].sort()).toEqual(["swemwbs", "ucla3"]);
    // One audited read covers the person page, measures included.
    const reads = await testDb().selectFrom("audit_event").select("action").where("person_id", "=", personId).execute();
    expect(reads.filter((r) => r.action.startsWith("measures."))).toHaveLength(0);

    for (const [code, scores] of [
      ["ucla3", { total: 7 }],
      ["swemwbs", { raw: 21, metric: 19.25 }],
    ] as const) {
      await testDb()
        .insertInto("measure_response")
        .values({
          person_id: personId,
          referral_id: referralId,
          instrument_code: code,
          instrument_version: "1",
          mode: "staff",
          time_point: "baseline",
          administered_on: new Date().toISOString().slice(0, 10),
          answers: JSON.stringify({}),
          scores: JSON.stringify(scores),
          bands: JSON.stringify({}),
          recorded_by: user.id,
        } as any)
        .execute();
    }
    const after = await call(() =>
      caseloadLoader({ request: getRequest("/caseload", cookie), context: context(), params: {} } as any),
    );
    expect(after.body.rows.find((r: any) => r.referralId === referralId).measureDue).toBeFalsy();
  });

  it("puts recorded scores on the person's timeline, leaving out those entered in error", async () => {
    const { user, cookie } = await signedIn("prescriber");
    const { referralId, personId } = await makeReferral({ caseworkerId: user.id });
    const base = {
      person_id: personId,
      referral_id: referralId,
      instrument_code: "ucla3",
      instrument_version: "1",
      mode: "staff",
      answers: JSON.stringify({ ucla3_companionship: 3, ucla3_left_out: 2, ucla3_isolated: 2 }),
      scores: JSON.stringify({ total: 7 }),
      bands: JSON.stringify({ total: "lonely" }),
      recorded_by: user.id,
    };
    await testDb()
      .insertInto("measure_response")
      .values({ ...base, time_point: "baseline", administered_on: "2026-10-01" } as any)
      .execute();
    await testDb()
      .insertInto("measure_response")
      .values({
        ...base,
        time_point: "exit",
        administered_on: "2026-10-02",
        entered_in_error_at: new Date(),
        entered_in_error_by: user.id,
        entered_in_error_reason: "wrong person",
      } as any)
      .execute();
    const person = await call(() =>
      personLoader({
        request: getRequest(`/people/${personId}`, cookie),
        context: context(),
        params: { personId },
      } as any),
    );
    const items = person.body.measureItems;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "measure", at: "2026-10-01" });
    expect(items[0].detail).toContain("7");
    expect(items[0].detail).toContain("lonely");
  });
});
