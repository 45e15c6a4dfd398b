import { afterEach, describe, expect, it, vi } from "vitest";
import { readAuditTrail } from "../../../app/audit/trail.server";
import { loader as serviceLoader } from "../../../app/routes/api.oruk.services.$id";
import { testDb, useTestDatabase } from "../../support/db";
import { makeActivity } from "../../support/directory-factories";
import { context } from "../../support/factories";

useTestDatabase();

// 00:30 on 16 July 2026 in the UK (BST) is 23:30 on 15 July in UTC.
const HALF_PAST_MIDNIGHT_BST = new Date("2026-07-15T23:30:00Z");

afterEach(() => {
  vi.useRealTimers();
});

async function oneOff(activityId: string, date: string) {
  await testDb()
    .insertInto("activity_session")
    .values({ activity_id: activityId, session_date: date, start_time: "14:00", end_time: "15:00", ad_hoc: true })
    .execute();
}

describe("the UK's today", () => {
  it("at 00:30 BST, the directory feed no longer lists yesterday's one-off session", async () => {
    const a = await makeActivity({ name: "Summer picnic" });
    await oneOff(a.id, "2026-07-15");
    await oneOff(a.id, "2026-07-16");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(HALF_PAST_MIDNIGHT_BST);
    const res = await serviceLoader({
      request: new Request(`http://localhost/api/oruk/services/${a.id}`),
      params: { id: a.id },
      context: context(),
    } as never);
    const body = await res.json();
    const dates = body.schedules.map((s: { dtstart: string }) => s.dtstart);
    expect(dates).toEqual(["2026-07-16"]);
  });

  it("an audit trail day runs from UK midnight to UK midnight", async () => {
    await testDb()
      .insertInto("audit_event")
      .values([
        { action: "test.before", occurred_at: new Date("2026-07-15T22:30:00Z") }, // 23:30 BST on the 15th
        { action: "test.after", occurred_at: HALF_PAST_MIDNIGHT_BST }, // 00:30 BST on the 16th
      ])
      .execute();
    const { rows } = await readAuditTrail(
      testDb(),
      { userId: null, role: "admin", requestId: "test" },
      {
        filters: { from: "2026-07-16", to: "2026-07-16" },
        sort: "occurred_at",
        dir: "asc",
        page: 1,
        pageSize: 50,
      },
    );
    expect(rows.map((r) => r.action)).toEqual(["test.after"]);
  });
});
