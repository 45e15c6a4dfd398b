import { describe, expect, it } from "vitest";
import { scheduleProblem, sessionsBetween } from "../../../app/directory/schedule";
import { addDays, isIsoDate, isoWeekday, londonToday } from "~/calendar";

const slot = (
  weekday: number,
  startTime: string,
  endTime: string,
  validFrom = "2026-01-01",
  validTo: string | null = null,
  id?: string,
) => ({ id, weekday, startTime, endTime, validFrom, validTo });

describe("scheduleProblem", () => {
  it("accepts a slot that meets another end to end, or runs on another day or in another period", () => {
    const existing = [slot(2, "10:30:00", "11:30:00", "2026-01-01", "2026-03-31", "a")];
    expect(scheduleProblem(slot(2, "11:30", "12:30"), existing)).toBeNull();
    expect(scheduleProblem(slot(3, "10:30", "11:30"), existing)).toBeNull();
    expect(scheduleProblem(slot(2, "10:30", "11:30", "2026-04-01"), existing)).toBeNull();
  });
  it("refuses overlaps on the same day within overlapping periods", () => {
    const existing = [slot(2, "10:30:00", "11:30:00", "2026-01-01", null, "a")];
    expect(scheduleProblem(slot(2, "11:00", "12:00"), existing)).toMatchObject({
      field: "startTime",
      message: expect.stringContaining("10:30 to 11:30"),
    });
    expect(scheduleProblem(slot(2, "09:00", "13:00", "2025-01-01", "2026-02-01"), existing)?.field).toBe("startTime");
  });
  it("ignores the slot itself when it is being changed", () => {
    expect(
      scheduleProblem(slot(2, "10:45", "11:45", "2026-01-01", null, "a"), [
        slot(2, "10:30", "11:30", "2026-01-01", null, "a"),
      ]),
    ).toBeNull();
  });
  it.each([
    [slot(0, "10:00", "11:00"), "weekday"],
    [slot(8, "10:00", "11:00"), "weekday"],
    [slot(1, "25:00", "26:00"), "startTime"],
    [slot(1, "10:00", "9:99"), "endTime"],
    [slot(1, "11:00", "11:00"), "endTime"],
    [slot(1, "12:00", "11:00"), "endTime"],
    [slot(1, "10:00", "11:00", "2026-02-30"), "validFrom"],
    [slot(1, "10:00", "11:00", "2026-03-01", "2026-02-01"), "validTo"],
  ])("refuses an impossible slot %#", (s, field) => {
    expect(scheduleProblem(s, [])?.field).toBe(field);
  });
});

describe("dates", () => {
  it("knows weekdays, real dates and day arithmetic across month and year ends", () => {
    expect(isoWeekday("2026-11-24")).toBe(2);
    expect(isoWeekday("2026-11-29")).toBe(7);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  it("takes today in UK time, not the server's", () => {
    expect(londonToday(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(londonToday(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});

describe("sessionsBetween", () => {
  it("lists each dated session within the schedules' periods, in order", () => {
    const out = sessionsBetween(
      [slot(4, "10:30:00", "11:30:00"), slot(2, "10:30:00", "11:30:00", "2026-11-10", "2026-11-17")],
      "2026-11-01",
      "2026-11-21",
    );
    expect(out).toEqual([
      { date: "2026-11-05", startTime: "10:30", endTime: "11:30" },
      { date: "2026-11-10", startTime: "10:30", endTime: "11:30" },
      { date: "2026-11-12", startTime: "10:30", endTime: "11:30" },
      { date: "2026-11-17", startTime: "10:30", endTime: "11:30" },
      { date: "2026-11-19", startTime: "10:30", endTime: "11:30" },
    ]);
  });
});
