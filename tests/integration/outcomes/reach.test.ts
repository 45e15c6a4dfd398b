import { describe, expect, it } from "vitest";
import { reachByDistrict } from "../../../app/outcomes/reach.server";
import { loader as outcomesLoader } from "../../../app/routes/outcomes";
import { testDb, useTestDatabase } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { call, getRequest } from "../../support/http";

useTestDatabase();

async function referPeople(district: string, count: number, attended: number) {
  for (let i = 0; i < count; i++) {
    const person = await testDb()
      .insertInto("person")
      .values({
        given_name: "Test",
        family_name: `Person ${district} ${i}`,
        date_of_birth: "1950-01-01",
        district_code: district,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await testDb()
      .insertInto("referral")
      .values({
        person_id: person.id,
        kind: "signpost",
        source: "prescriber",
        first_attended_on: i < attended ? "2026-11-01" : null,
      })
      .execute();
  }
}

describe("reach by district", () => {
  it("suppresses small counts, rounds the rest, and hides percentages built on hidden counts", async () => {
    await referPeople("melton", 3, 1);
    await referPeople("charnwood", 23, 12);
    const { rows, total } = await reachByDistrict(12);
    const melton = rows.find((r) => r.district === "Melton")!;
    const charnwood = rows.find((r) => r.district === "Charnwood")!;
    const rutland = rows.find((r) => r.district === "Rutland")!;
    expect(melton).toEqual({ district: "Melton", people: "*", referrals: "*", attended: "*", attendedPercent: "*" });
    // 12 of 23 attended, published as 10 of 25: the percentage is worked out from those published counts.
    expect(charnwood).toEqual({ district: "Charnwood", people: 25, referrals: 25, attended: 10, attendedPercent: 40 });
    expect(rutland).toMatchObject({ people: 0, referrals: 0 });
    expect(total).toMatchObject({ people: 25, referrals: 25, attended: 15 });
  });

  it("is shown to analysts only, and the view is audited", async () => {
    const analyst = await signedIn("analyst");
    const ok = await call(() =>
      outcomesLoader({ request: getRequest("/outcomes", analyst.cookie), context: context(), params: {} } as any),
    );
    expect(ok.status).toBe(200);
    const prescriber = await signedIn("prescriber");
    const refused = await call(() =>
      outcomesLoader({ request: getRequest("/outcomes", prescriber.cookie), context: context(), params: {} } as any),
    );
    expect(refused.status).toBe(403);
    const views = await testDb()
      .selectFrom("audit_event")
      .select("actor_user_id")
      .where("action", "=", "outcomes.view")
      .execute();
    expect(views).toEqual([{ actor_user_id: analyst.user.id }]);
  });
});
