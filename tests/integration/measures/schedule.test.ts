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
    expect((await listFollowUpSchedules(who)).find((r) => r.activityId === activityId)).toMatchObject({
      weeks: [6, 12],
      isDefault: true,
      version: 0,
    });
    expect(
      await setFollowUpSchedule(actor(admin.id, "admin"), who, { activityId, weeks: [4, 8], expectedVersion: 0 }),
    ).toBe("saved");
    expect(
      await setFollowUpSchedule(actor(admin.id, "admin"), who, { activityId, weeks: [5], expectedVersion: 0 }),
    ).toBe("stale");
    expect((await listFollowUpSchedules(who)).find((r) => r.activityId === activityId)).toMatchObject({
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
    expect((await listFollowUpSchedules(who)).map((r) => r.activityId)).toEqual([mine.activityId]);
    expect(
      await setFollowUpSchedule(actor(lead.id, "activity_lead"), who, {
        activityId: theirs.activityId,
        weeks: [3],
        expectedVersion: 0,
      }),
    ).toBe("not_found");
    expect(
      await setFollowUpSchedule(actor(lead.id, "activity_lead"), who, {
        activityId: mine.activityId,
        weeks: [3],
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
});
