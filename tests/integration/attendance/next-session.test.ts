import { describe, expect, it } from "vitest";
import { nextSessionAfter } from "../../../app/attendance/sessions.server";
import { useTestDatabase, testDb } from "../../support/db";
import { makeActivity, makeLead, makeSession } from "../../support/directory-factories";
import { makeUser } from "../../support/factories";

useTestDatabase();

const TODAY = "2026-11-25"; // a Wednesday

describe("the lead's next session", () => {
  it("is the earliest of made sessions and weekly slots after today, skipping a cancelled one", async () => {
    const lead = await makeUser("activity_lead");
    const weekly = await makeActivity();
    const oneOff = await makeActivity();
    await makeLead(weekly.id, lead.id);
    await makeLead(oneOff.id, lead.id);
    expect(await nextSessionAfter(testDb(), lead.id, TODAY)).toBeNull();

    // Tuesdays 10:00; next Tuesday is 1 December.
    await testDb()
      .insertInto("activity_schedule")
      .values({ activity_id: weekly.id, weekday: 2, start_time: "10:00", end_time: "11:30", valid_from: "2026-01-01" })
      .execute();
    expect(await nextSessionAfter(testDb(), lead.id, TODAY)).toMatchObject({
      activityId: weekly.id,
      date: "2026-12-01",
      startTime: "10:00",
    });
    // A one-off on Friday comes first; cancelled, it no longer does.
    const friday = await makeSession(oneOff.id, { date: "2026-11-27" });
    expect(await nextSessionAfter(testDb(), lead.id, TODAY)).toMatchObject({
      activityId: oneOff.id,
      date: "2026-11-27",
    });
    await testDb().updateTable("activity_session").set({ status: "cancelled" }).where("id", "=", friday.id).execute();
    expect(await nextSessionAfter(testDb(), lead.id, TODAY)).toMatchObject({
      activityId: weekly.id,
      date: "2026-12-01",
    });
  });
});
