import { describe, expect, it } from "vitest";
import { addDays, firstWeekdayOnOrAfter, isoWeekday, londonUtcOffset } from "~/calendar";
import { serviceFull, type OrukActivityRow, type OrukOneOffRow, type OrukScheduleRow } from "~/directory/oruk/map";
import { cacheControlFor } from "../../../scripts/cache-policy.mjs";

const activity: OrukActivityRow = {
  id: "s",
  name: "Chatter group",
  description: "A weekly chat over tea",
  category_code: "social",
  category_label: "Social groups",
  taxonomy: "connect-well",
  taxonomy_term: "social",
  address: null,
  postcode: null,
  district_name: null,
  district_area: null,
  cost: null,
  free: true,
  accessibility: [],
  min_age: null,
  max_age: null,
  eligibility: null,
  transport: [],
  transport_zones: [],
  referral_mode: "direct",
  contact_email: null,
  last_checked_on: "2026-11-01",
  status: "active",
  updated_at: new Date("2026-11-01T10:00:00Z"),
  provider_id: "p",
  provider_name: "Provider",
  provider_description: null,
  provider_email: null,
  provider_website: null,
};

/** A weekly slot as the service feed publishes it, or null when the feed leaves it out. */
const schedule = (s: OrukScheduleRow) => serviceFull(activity, [s], []).schedules[0] ?? null;
/** A one-off session as the service feed publishes it. */
const oneOffSchedule = (s: OrukOneOffRow) => serviceFull(activity, [], [s]).schedules[0];

const weekly = (weekday: number, validFrom: string, validTo: string | null = null) => ({
  id: "00000000-0000-4000-8000-000000000001",
  weekday,
  start_time: "10:30:00",
  end_time: "11:30:00",
  valid_from: validFrom,
  valid_to: validTo,
});

describe("a weekly schedule's dtstart", () => {
  it("is the first session on or after the start date, never a day the group does not meet", () => {
    // 2026-11-28 is a Saturday; the group meets on Tuesdays.
    expect(schedule(weekly(2, "2026-11-28"))?.dtstart).toBe("2026-12-01");
    expect(schedule(weekly(6, "2026-11-28"))?.dtstart).toBe("2026-11-28");
    expect(schedule(weekly(5, "2026-11-28"))?.dtstart).toBe("2026-12-04");
  });
  it("falls on the schedule's weekday for every start date and weekday", () => {
    for (let day = 0; day < 14; day++) {
      const from = `2026-03-${String(20 + (day % 10)).padStart(2, "0")}`;
      for (let weekday = 1; weekday <= 7; weekday++) {
        const first = firstWeekdayOnOrAfter(from, weekday);
        expect(isoWeekday(first)).toBe(weekday);
        expect(first >= from).toBe(true);
        expect(first <= addDays(from, 6)).toBe(true);
      }
    }
  });
  it("leaves out a slot whose period ends before its first session", () => {
    expect(schedule(weekly(2, "2026-11-28", "2026-11-30"))).toBeNull();
  });
});

describe("opening times", () => {
  it("carry the UK offset in force on the day: GMT in winter, BST in summer", () => {
    expect(schedule(weekly(2, "2026-01-01"))).toMatchObject({ opens_at: "10:30+00:00", closes_at: "11:30+00:00" });
    expect(schedule(weekly(2, "2026-07-01"))).toMatchObject({ opens_at: "10:30+01:00", closes_at: "11:30+01:00" });
    expect(
      oneOffSchedule({ id: "x", session_date: "2026-10-25", start_time: "09:00:00", end_time: "10:00:00" }),
    ).toMatchObject({ opens_at: "09:00+00:00", notes: expect.stringContaining("Europe/London") });
  });
  it("follow the clock changes to the hour", () => {
    // 29 March 2026: clocks go forward at 01:00 GMT; 25 October 2026: back at 02:00 BST.
    expect(londonUtcOffset("2026-03-29", "00:30")).toBe("+00:00");
    expect(londonUtcOffset("2026-03-29", "03:00")).toBe("+01:00");
    expect(londonUtcOffset("2026-10-25", "00:30")).toBe("+01:00");
    expect(londonUtcOffset("2026-10-25", "03:00")).toBe("+00:00");
  });
});

describe("Cache-Control, decided in one place", () => {
  it("lets shared caches keep successful public API reads, and nothing else dynamic", () => {
    expect(cacheControlFor({ method: "GET", path: "/api/oruk/services", status: 200 })).toBe("public, max-age=300");
    expect(cacheControlFor({ method: "HEAD", path: "/api/oruk", status: 200 })).toBe("public, max-age=300");
    expect(cacheControlFor({ method: "GET", path: "/api/oruk/services/x", status: 404 })).toBe("no-store");
    expect(cacheControlFor({ method: "GET", path: "/api/oruk/services", status: 400 })).toBe("no-store");
    expect(cacheControlFor({ method: "OPTIONS", path: "/api/oruk/services", status: 204 })).toBe("no-store");
    expect(cacheControlFor({ method: "GET", path: "/api/orukish", status: 200 })).toBe("no-store");
    expect(cacheControlFor({ method: "GET", path: "/people", status: 200 })).toBe("no-store");
    expect(cacheControlFor({ method: "GET", path: "/favicon.svg", status: 200, publicFile: true })).toBe(
      "public, max-age=3600",
    );
    expect(cacheControlFor({ method: "GET", path: "/assets/entry-abc.js", status: 200 })).toContain("immutable");
  });
});
