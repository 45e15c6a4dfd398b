import { describe, expect, it } from "vitest";
import { MIN_FOLLOW_UP_DAYS, countsAsChange, parseMinFollowUpDays, placeFollowUp } from "~/measures/follow-up-interval";
import { MIN_FOLLOW_UP_DAYS as OUTCOMES_MIN } from "~/outcomes/outcome-measures";
import { timePointLabel, timePointOrder } from "~/measures/time-points";

describe("where a response entered as a follow-up is saved", () => {
  it("is an extra baseline-window response on the baseline's day", () => {
    expect(placeFollowUp({ baselineOn: "2026-03-02", administeredOn: "2026-03-02", minDays: 28 })).toEqual({
      placement: "baseline_extra",
      why: "too_soon",
      baselineOn: "2026-03-02",
      countsFrom: "2026-03-30",
      minDays: 28,
    });
  });

  it("is a follow-up from exactly the schedule's minimum interval after the baseline, not a day sooner", () => {
    expect(placeFollowUp({ baselineOn: "2026-03-02", administeredOn: "2026-03-30", minDays: 28 }).placement).toBe(
      "follow_up",
    );
    expect(placeFollowUp({ baselineOn: "2026-03-02", administeredOn: "2026-03-29", minDays: 28 }).placement).toBe(
      "baseline_extra",
    );
    // A stricter schedule (35 days) moves the line.
    expect(placeFollowUp({ baselineOn: "2026-03-02", administeredOn: "2026-04-05", minDays: 35 }).placement).toBe(
      "baseline_extra",
    );
    expect(placeFollowUp({ baselineOn: "2026-03-02", administeredOn: "2026-04-06", minDays: 35 }).placement).toBe(
      "follow_up",
    );
  });

  it("never uses a minimum below the floor, and crosses month and clock-change boundaries by calendar days", () => {
    expect(placeFollowUp({ baselineOn: "2026-03-20", administeredOn: "2026-04-03", minDays: 14 })).toMatchObject({
      placement: "baseline_extra",
      minDays: MIN_FOLLOW_UP_DAYS,
      countsFrom: "2026-04-17",
    });
  });

  it("is an extra baseline-window response when there is no live baseline", () => {
    expect(placeFollowUp({ baselineOn: null, administeredOn: "2026-06-01", minDays: 28 })).toMatchObject({
      placement: "baseline_extra",
      why: "no_baseline",
      countsFrom: null,
    });
  });
});

describe("which later responses count as change", () => {
  it("counts a follow-up or exit at least 28 days after the baseline, never an extra baseline-window response", () => {
    expect(countsAsChange({ timePoint: "follow_up", administeredOn: "2026-03-30" }, "2026-03-02")).toBe(true);
    expect(countsAsChange({ timePoint: "exit", administeredOn: "2026-03-30" }, "2026-03-02")).toBe(true);
    expect(countsAsChange({ timePoint: "follow_up", administeredOn: "2026-03-29" }, "2026-03-02")).toBe(false);
    expect(countsAsChange({ timePoint: "exit", administeredOn: "2026-03-02" }, "2026-03-02")).toBe(false);
    expect(countsAsChange({ timePoint: "baseline_extra", administeredOn: "2026-09-01" }, "2026-03-02")).toBe(false);
    expect(countsAsChange({ timePoint: "baseline", administeredOn: "2026-09-01" }, "2026-03-02")).toBe(false);
  });

  it("is the rule the outcome summaries read", () => {
    expect(OUTCOMES_MIN).toBe(MIN_FOLLOW_UP_DAYS);
    expect(MIN_FOLLOW_UP_DAYS).toBe(28);
  });
});

describe("a schedule's minimum interval as typed", () => {
  it("takes whole days between the floor and the first follow-up", () => {
    expect(parseMinFollowUpDays(" 35 ", 6)).toEqual({ ok: true, days: 35 });
    expect(parseMinFollowUpDays("42", 6)).toEqual({ ok: true, days: 42 });
    expect(parseMinFollowUpDays("28", 2)).toEqual({ ok: true, days: 28 });
  });

  it("refuses blanks, words, fractions, values out of range and values past the first follow-up, saying why", () => {
    expect(parseMinFollowUpDays("", 6)).toMatchObject({ ok: false, message: "Enter the days, for example 28" });
    expect(parseMinFollowUpDays("four weeks", 6)).toMatchObject({ ok: false, message: /whole number/ });
    expect(parseMinFollowUpDays("28.5", 6)).toMatchObject({ ok: false, message: /whole number/ });
    expect(parseMinFollowUpDays("14", 6)).toMatchObject({ ok: false, message: "Enter between 28 and 182 days" });
    expect(parseMinFollowUpDays("183", 52)).toMatchObject({ ok: false, message: "Enter between 28 and 182 days" });
    expect(parseMinFollowUpDays("43", 6)).toMatchObject({
      ok: false,
      message: "The first follow-up, at 6 weeks, would never count: enter 42 days or fewer",
    });
  });
});

describe("the extra baseline-window time point", () => {
  it("is labelled in words and sorts after the baseline, before follow-ups", () => {
    const extra = { timePoint: "baseline_extra", followUpWeek: null } as const;
    expect(timePointLabel(extra)).toBe("Extra baseline-window response");
    expect(timePointOrder(extra)).toBeGreaterThan(timePointOrder({ timePoint: "baseline", followUpWeek: null }));
    expect(timePointOrder(extra)).toBeLessThan(timePointOrder({ timePoint: "follow_up", followUpWeek: 1 }));
  });
});
