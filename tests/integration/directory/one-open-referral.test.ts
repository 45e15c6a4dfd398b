import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { saveRegister } from "../../../app/attendance/register.server";
import { mergePeople } from "../../../app/person-record/merge.server";
import { action as referAction } from "../../../app/routes/people.$personId.refer";
import { testDb, useTestDatabase } from "../../support/db";
import { makeActivity, makeLead, makeReferral, makeSession } from "../../support/directory-factories";
import { context, signedIn } from "../../support/factories";
import { call, formRequest } from "../../support/http";
import { joinCareTeam, makePerson } from "../../support/people-factories";

useTestDatabase();

const TODAY = "2026-11-25";

describe("one open referral of a person to an activity", () => {
  it("refuses a second at the field while the first is open, and allows one once it has ended", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const activity = await makeActivity({ name: "Chatter Chairs" });
    const person = await makePerson();
    await joinCareTeam(person.id, user.id);
    const refer = () =>
      call(() =>
        referAction({
          request: formRequest(
            `/people/${person.id}/refer`,
            {
              kind: "direct",
              activityId: activity.id,
              source: "prescriber",
              needs: "loneliness",
              idempotencyKey: randomUUID(),
            },
            cookie,
          ),
          params: { personId: person.id },
          context: context(),
        }),
      );
    expect((await refer()).status).toBe(302);
    const second = await refer();
    expect(second.status).toBe(409);
    expect(second.body.errors.activityId).toMatch(/already have an open referral to Chatter Chairs \(received\)/);
    expect(second.body.values.activityId).toBe(activity.id);
    await testDb().updateTable("referral").set({ status: "ended", end_reason: "completed" }).execute();
    expect((await refer()).status).toBe(302);
    expect(await testDb().selectFrom("referral").select("id").execute()).toHaveLength(2);
  });

  it("is kept by the database itself, whatever writes the row", async () => {
    const activity = await makeActivity();
    const person = await makePerson();
    await makeReferral(activity.id, { personId: person.id, status: "attending" });
    await expect(makeReferral(activity.id, { personId: person.id, status: "received" })).rejects.toMatchObject({
      code: "23505",
    });
    await makeReferral(activity.id, { personId: person.id, status: "declined" });
  });

  it("refuses to merge two records that each have an open referral to the same activity", async () => {
    const { user } = await signedIn("prescriber");
    const activity = await makeActivity({ name: "Craft club" });
    const a = await makePerson();
    const b = await makePerson();
    await makeReferral(activity.id, { personId: a.id, status: "accepted" });
    await makeReferral(activity.id, { personId: b.id, status: "received" });
    await expect(
      mergePeople(
        testDb(),
        { userId: user.id, role: "prescriber", requestId: "t" },
        { keepId: a.id, mergeId: b.id, keepVersion: a.version, mergeVersion: b.version },
      ),
    ).rejects.toThrow(/Both records have an open referral to Craft club/);
  });
});

describe("a register correction", () => {
  it("that removes someone's only attendance moves the referral back from attending", async () => {
    const lead = await signedIn("activity_lead");
    const activity = await makeActivity();
    await makeLead(activity.id, lead.user.id);
    const referral = await makeReferral(activity.id, { status: "accepted" });
    const session = await makeSession(activity.id, { date: "2026-11-24" });
    const actor = { userId: lead.user.id, role: "activity_lead", requestId: "t" };
    const save = (marks: Record<string, "present" | "absent">, registerVersion: number) =>
      saveRegister(
        testDb(),
        actor,
        activity.id,
        session.id,
        { marks, otherAttendees: 0, registerVersion, idempotencyKey: randomUUID() },
        TODAY,
      );
    const state = () =>
      testDb()
        .selectFrom("referral")
        .select(["status", "first_attended_on"])
        .where("id", "=", referral.id)
        .executeTakeFirstOrThrow();

    await save({ [referral.id]: "present" }, 0);
    expect(await state()).toEqual({ status: "attending", first_attended_on: "2026-11-24" });
    await save({ [referral.id]: "absent" }, 1);
    expect(await state()).toEqual({ status: "accepted", first_attended_on: null });
    const history = await testDb()
      .selectFrom("referral_event")
      .select(["from_status", "to_status"])
      .where("referral_id", "=", referral.id)
      .orderBy("id")
      .execute();
    expect(history.at(-1)).toEqual({ from_status: "attending", to_status: "accepted" });
  });

  it("that removes one of two attendances keeps them attending from the other", async () => {
    const lead = await signedIn("activity_lead");
    const activity = await makeActivity();
    await makeLead(activity.id, lead.user.id);
    const referral = await makeReferral(activity.id, { status: "accepted" });
    const first = await makeSession(activity.id, { date: "2026-11-17" });
    const second = await makeSession(activity.id, { date: "2026-11-24" });
    const actor = { userId: lead.user.id, role: "activity_lead", requestId: "t" };
    const save = (sessionId: string, marks: Record<string, "present" | "absent">, registerVersion: number) =>
      saveRegister(
        testDb(),
        actor,
        activity.id,
        sessionId,
        { marks, otherAttendees: 0, registerVersion, idempotencyKey: randomUUID() },
        TODAY,
      );
    await save(first.id, { [referral.id]: "present" }, 0);
    await save(second.id, { [referral.id]: "present" }, 0);
    await save(first.id, {}, 1);
    expect(
      await testDb()
        .selectFrom("referral")
        .select(["status", "first_attended_on"])
        .where("id", "=", referral.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "attending", first_attended_on: "2026-11-24" });
  });
});
