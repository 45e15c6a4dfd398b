import { describe, expect, it } from "vitest";
import * as route from "../../../app/routes/measures.schedules";
import { listFollowUpSchedules, setFollowUpSchedule } from "~/measures/follow-up-schedules.server";
import { useTestDatabase, testDb } from "../../support/db";
import { context, makeUser, signedIn } from "../../support/factories";
import { actor, makeReferral } from "../../support/measures-factories";

useTestDatabase();

describe("follow-up schedules per activity", () => {
  it("default to 6 and 12 weeks, are versioned, and refuse a stale save", async () => {
    const admin = await makeUser("admin");
    const { activityId } = await makeReferral();
    const who = { id: admin.id, role: "admin" as const };
    expect((await listFollowUpSchedules(testDb(), who)).find((r) => r.activityId === activityId)).toMatchObject({
      weeks: [6, 12],
      isDefault: true,
      version: 0,
    });
    expect(
      await setFollowUpSchedule(testDb(), actor(admin.id, "admin"), who, {
        activityId,
        weeks: [4, 8],
        minFollowUpDays: 28,
        expectedVersion: 0,
      }),
    ).toBe("saved");
    expect(
      await setFollowUpSchedule(testDb(), actor(admin.id, "admin"), who, {
        activityId,
        weeks: [5],
        minFollowUpDays: 28,
        expectedVersion: 0,
      }),
    ).toBe("stale");
    expect((await listFollowUpSchedules(testDb(), who)).find((r) => r.activityId === activityId)).toMatchObject({
      weeks: [4, 8],
      isDefault: false,
      version: 1,
    });
    const audit = await testDb()
      .selectFrom("audit_event")
      .select(["action", "entity_id"])
      .where("action", "=", "measure-schedule.update")
      .execute();
    expect(audit).toEqual([{ action: "measure-schedule.update", entity_id: activityId }]);
  });

  it("an activity lead sees and changes only the activities they lead", async () => {
    const lead = await makeUser("activity_lead");
    const mine = await makeReferral();
    const theirs = await makeReferral();
    await testDb().insertInto("activity_lead").values({ activity_id: mine.activityId, user_id: lead.id }).execute();
    const who = { id: lead.id, role: "activity_lead" as const };
    expect((await listFollowUpSchedules(testDb(), who)).map((r) => r.activityId)).toEqual([mine.activityId]);
    expect(
      await setFollowUpSchedule(testDb(), actor(lead.id, "activity_lead"), who, {
        activityId: theirs.activityId,
        weeks: [3],
        minFollowUpDays: 28,
        expectedVersion: 0,
      }),
    ).toBe("not_found");
    expect(
      await setFollowUpSchedule(testDb(), actor(lead.id, "activity_lead"), who, {
        activityId: mine.activityId,
        weeks: [3],
        minFollowUpDays: 28,
        expectedVersion: 0,
      }),
    ).toBe("saved");
  });

  it("the page refuses weeks that are not whole numbers from 1 to 104, keeping what was typed", async () => {
    const { cookie } = await signedIn("admin");
    const { activityId } = await makeReferral();
    const body = new URLSearchParams({ activityId, version: "0", weeks: "6, twelve" });
    const request = new Request("http://localhost/measures/schedules", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    const res = (await route.action({ request, params: {}, context: context() })) as unknown as {
      init: { status: number };
      data: { errors: Record<string, string>; values: Record<string, string> };
    };
    expect(res.init.status).toBe(400);
    expect(res.data.errors[`weeks-${activityId}`]).toMatch(/whole numbers/);
    expect(res.data.values.weeks).toBe("6, twelve");
  });

  it("the page saves the days before a follow-up counts, and refuses days past the first follow-up at the field", async () => {
    const { cookie, user } = await signedIn("admin");
    const { activityId } = await makeReferral();
    const post = (fields: Record<string, string>) =>
      route.action({
        request: new Request("http://localhost/measures/schedules", {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ activityId, ...fields }).toString(),
        }),
        params: {},
        context: context(),
      });
    const refused = (await post({ version: "0", weeks: "6, 12", minDays: "50" })) as unknown as {
      init: { status: number };
      data: { errors: Record<string, string>; values: Record<string, string> };
    };
    expect(refused.init.status).toBe(400);
    expect(refused.data.errors[`minDays-${activityId}`]).toBe(
      "The first follow-up, at 6 weeks, would never count: enter 42 days or fewer",
    );
    expect(refused.data.values.minDays).toBe("50");
    const tooFew = (await post({ version: "0", weeks: "6, 12", minDays: "7" })) as unknown as {
      data: { errors: Record<string, string> };
    };
    expect(tooFew.data.errors[`minDays-${activityId}`]).toBe("Enter between 28 and 182 days");

    const saved = (await post({ version: "0", weeks: "6, 12", minDays: "35" })) as Response;
    expect(saved.status).toBe(302);
    const who = { id: user.id, role: "admin" as const };
    expect((await listFollowUpSchedules(testDb(), who)).find((r) => r.activityId === activityId)).toMatchObject({
      weeks: [6, 12],
      minFollowUpDays: 35,
    });
    const audit = await testDb()
      .selectFrom("audit_event")
      .select("details")
      .where("action", "=", "measure-schedule.update")
      .where("entity_id", "=", activityId)
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ weeks: [6, 12], minFollowUpDays: 35 });
  });

  it("default to 28 days before a follow-up counts", async () => {
    const admin = await makeUser("admin");
    const { activityId } = await makeReferral();
    const row = (await listFollowUpSchedules(testDb(), { id: admin.id, role: "admin" })).find(
      (r) => r.activityId === activityId,
    );
    expect(row?.minFollowUpDays).toBe(28);
  });
});
