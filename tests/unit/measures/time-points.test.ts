import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isIsoDate, londonDate } from "~/calendar";
import {
  decodeTimePoint,
  encodeTimePoint,
  parseFollowUpWeeks,
  timePointLabel,
  timePointOrder,
  timePointRefusal,
} from "~/measures/time-points";
import { referralStatuses } from "~/referrals/lifecycle";
import { suggestedTimePoint, timePointChoices } from "~/measures/suggest";
import type { ScheduledMeasure } from "~/measures/due";

describe("time points", () => {
  it("encode and decode for forms, refusing anything else", () => {
    for (const ref of [
      { timePoint: "baseline", followUpWeek: null },
      { timePoint: "follow_up", followUpWeek: 6 },
      { timePoint: "exit", followUpWeek: null },
    ] as const) {
      expect(decodeTimePoint(encodeTimePoint(ref))).toEqual(ref);
    }
    for (const bad of ["", "follow_up", "follow_up:0", "follow_up:105", "follow_up:6x", "Baseline", "exit "])
      expect(decodeTimePoint(bad)).toBeNull();
  });

  it("label and order baseline, follow-ups by week, exit", () => {
    expect(timePointLabel({ timePoint: "follow_up", followUpWeek: 12 })).toBe("12-week follow-up");
    const refs = [
      { timePoint: "exit", followUpWeek: null },
      { timePoint: "follow_up", followUpWeek: 12 },
      { timePoint: "baseline", followUpWeek: null },
      { timePoint: "follow_up", followUpWeek: 6 },
    ] as const;
    expect([...refs].sort((a, b) => timePointOrder(a) - timePointOrder(b)).map(timePointLabel)).toEqual([
      "Baseline",
      "6-week follow-up",
      "12-week follow-up",
      "Exit",
    ]);
    expect(timePointChoices([12, 6]).map(timePointLabel)).toEqual([
      "Baseline",
      "6-week follow-up",
      "12-week follow-up",
      "Exit",
    ]);
  });

  it("parses a follow-up schedule typed by a person", () => {
    expect(parseFollowUpWeeks("12, 6 6")).toEqual({ ok: true, weeks: [6, 12] });
    expect(parseFollowUpWeeks(" ").ok).toBe(false);
    expect(parseFollowUpWeeks("6, twelve").ok).toBe(false);
    expect(parseFollowUpWeeks("0").ok).toBe(false);
    expect(parseFollowUpWeeks("105").ok).toBe(false);
    expect(parseFollowUpWeeks("1 2 3 4 5 6 7").ok).toBe(false);
  });

  it("suggests the overdue time point first, then due, then the next upcoming, else baseline", () => {
    const m = (
      label: string,
      timePoint: ScheduledMeasure["timePoint"],
      followUpWeek: number | null,
      status: ScheduledMeasure["status"],
    ) =>
      ({
        referralId: "r",
        timePoint,
        followUpWeek,
        label,
        opensOn: "",
        dueOn: "",
        overdueFrom: "",
        closesOn: null,
        status,
        outstanding: [],
      }) as ScheduledMeasure;
    expect(
      suggestedTimePoint([
        m("Baseline", "baseline", null, "done"),
        m("6", "follow_up", 6, "due"),
        m("12", "follow_up", 12, "overdue"),
      ]),
    ).toBe("follow_up:12");
    expect(suggestedTimePoint([m("Baseline", "baseline", null, "done"), m("6", "follow_up", 6, "upcoming")])).toBe(
      "follow_up:6",
    );
    expect(suggestedTimePoint(undefined)).toBe("baseline");
  });
});

describe("calendar dates", () => {
  it("add days across month, year and clock-change boundaries", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-01-01", "2026-02-12")).toBe(42);
    expect(daysBetween("2026-02-12", "2026-01-01")).toBe(-42);
  });

  it("take the UK calendar date of an instant, whatever the server's zone", () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(londonDate(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(londonDate(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });

  it("recognise only real dates", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("26-02-01")).toBe(false);
  });
});

// The refusal's words, written out: what the person recording sees.
const EXIT_NOT_YET =
  "An exit measure can only be recorded once the person has started or ended the activity. Record a baseline instead, or end the referral first";

describe("which time points a referral's status allows", () => {
  // Issue 16: an exit was saved on a referral still "Received". Written out from the rule (an exit once the person has
  // started or ended the activity), not read from the code's own list.
  const allowsExit: Record<(typeof referralStatuses)[number], boolean> = {
    received: false,
    contacted: false,
    accepted: false,
    declined: false,
    attending: true,
    ended: true,
  };

  it.each(referralStatuses)("a referral that is %s", (status) => {
    expect(timePointRefusal(status, { timePoint: "exit" })).toBe(allowsExit[status] ? null : EXIT_NOT_YET);
    // Baselines and follow-ups are not held back by the status here (declined is refused for every time point
    // where measures are saved).
    expect(timePointRefusal(status, { timePoint: "baseline" })).toBeNull();
    expect(timePointRefusal(status, { timePoint: "follow_up" })).toBeNull();
  });

  it("says what to do instead", () => {
    expect(timePointRefusal("received", { timePoint: "exit" })).toBe(EXIT_NOT_YET);
  });
});
