import { describe, expect, it } from "vitest";
import { listCaseload } from "../../../app/referrals/caseload.server";
import { closeDecline } from "../../../app/referrals/declines.server";
import { createReferral, readReferral } from "../../../app/referrals/referrals.server";
import { transitionReferral } from "../../../app/referrals/transition.server";
import { useTestDatabase, testDb } from "../../support/db";
import { makeUser } from "../../support/factories";
import { makeActivity, makePerson } from "../../support/people-factories";

useTestDatabase();

const state = { sort: "received_at" as const, dir: "desc" as const, page: 1, pageSize: 25 };

async function caseworkerWithReferrals() {
  const worker = await makeUser("prescriber");
  const actor = { userId: worker.id, role: "prescriber", requestId: "t" };
  const refer = async (personId: string, activityId: string) =>
    (await createReferral(testDb(), actor, personId, {
      kind: "direct",
      activityId,
      source: "prescriber",
      needs: ["loneliness"],
      barriers: [],
      idempotencyKey: crypto.randomUUID(),
    }))!;
  return { worker, actor, refer };
}

async function providerDeclines(referralId: string) {
  const lead = await makeUser("activity_lead");
  await transitionReferral(
    testDb(),
    { userId: lead.id, role: "activity_lead", requestId: "t" },
    { referralId, to: "declined", actor: "provider", declinedBy: "provider", reason: "Needs a women-only group" },
  );
}

describe("a provider's decline reaches the referrer", () => {
  it("keeps the declined referral on the caseload, at the top and flagged, until the referrer refers elsewhere", async () => {
    const { actor, refer } = await caseworkerWithReferrals();
    const [quiet, declined] = [await makePerson(), await makePerson()];
    const group = await makeActivity("direct");
    const accepted = await refer(quiet.id, group.id);
    await testDb()
      .updateTable("referral")
      .set({ status: "accepted", provider_responded_at: new Date() })
      .where("id", "=", accepted)
      .execute();
    const declinedRef = await refer(declined.id, group.id);
    await providerDeclines(declinedRef);
    const unanswered = await refer((await makePerson()).id, group.id);
    // The newest referral would sort first by date; the decline and the unanswered one come first regardless.
    const newest = await refer(quiet.id, (await makeActivity("direct")).id);
    await testDb()
      .updateTable("referral")
      .set({ status: "accepted", provider_responded_at: new Date() })
      .where("id", "=", newest)
      .execute();

    const { rows } = await listCaseload(testDb(), actor, state, {});
    expect(rows[0]).toMatchObject({ referralId: declinedRef, status: "declined", actions: ["find_alternative"] });
    expect(rows[1].referralId).toBe(unanswered);
    expect(rows.map((r) => r.referralId)).toContain(accepted);
    expect((await readReferral(testDb(), actor, declinedRef))?.declineToFollowUp).toBe(true);

    // Referring the person elsewhere is acting on the decline.
    await refer(declined.id, (await makeActivity("direct")).id);
    const after = await listCaseload(testDb(), actor, state, {});
    expect(after.rows.map((r) => r.referralId)).not.toContain(declinedRef);
    expect((await readReferral(testDb(), actor, declinedRef))?.declineToFollowUp).toBe(false);
  });

  it("lets the referrer close a decline without an alternative, once, audited", async () => {
    const { actor, refer } = await caseworkerWithReferrals();
    const person = await makePerson();
    const ref = await refer(person.id, (await makeActivity("direct")).id);
    await providerDeclines(ref);
    expect((await listCaseload(testDb(), actor, state, {})).rows.map((r) => r.referralId)).toContain(ref);
    expect(await closeDecline(testDb(), actor, ref)).toBe(true);
    expect(await closeDecline(testDb(), actor, ref)).toBe(false);
    expect((await listCaseload(testDb(), actor, state, {})).rows.map((r) => r.referralId)).not.toContain(ref);
    const audits = await testDb()
      .selectFrom("audit_event")
      .select(["actor_user_id", "person_id"])
      .where("action", "=", "referral.decline-closed")
      .execute();
    expect(audits).toEqual([{ actor_user_id: actor.userId, person_id: person.id }]);
  });

  it("does not flag a referral the person declined, nor offer to close one that is still open", async () => {
    const { actor, refer } = await caseworkerWithReferrals();
    const ref = await refer((await makePerson()).id, (await makeActivity("direct")).id);
    expect(await closeDecline(testDb(), actor, ref)).toBe(false);
    await transitionReferral(testDb(), actor, {
      referralId: ref,
      to: "declined",
      actor: "caseworker",
      declinedBy: "person",
      reason: "Changed their mind",
    });
    expect((await listCaseload(testDb(), actor, state, {})).rows.map((r) => r.referralId)).not.toContain(ref);
  });
});
