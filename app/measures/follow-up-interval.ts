// How long after the baseline a follow-up must be to count as change. Pure: no database, no clock.
//
// One rule read by the record form, the save, the person's change figures and charts, and the outcome summaries
// (app/outcomes/outcome-measures.ts re-exports MIN_FOLLOW_UP_DAYS for their SQL). See
// docs/decisions/0830-follow-up-timing.md.

import { addDays, daysBetween } from "~/calendar";

/**
 * The least number of days between a baseline and a follow-up (or exit) for the pair to count as change: six
 * weeks, the default first follow-up, less two weeks' tolerance. It is also the default for every schedule and the
 * lowest a schedule may set, so the outcome summaries' fixed floor is never looser than any schedule.
 */
export const MIN_FOLLOW_UP_DAYS = 28;

/** The most days a schedule may ask for between a baseline and a counted follow-up (26 weeks). */
const MAX_FOLLOW_UP_DAYS = 182;

/** Where a response "asked for" as a follow-up is saved. */
export type FollowUpPlacement =
  | { placement: "follow_up" }
  | {
      /** Saved as an extra baseline-window response: kept and shown, never compared with the baseline. */
      placement: "baseline_extra";
      why: "no_baseline" | "too_soon";
      /** The live baseline's date, when there is one. */
      baselineOn: string | null;
      /** The first date a follow-up counts, when there is a baseline. */
      countsFrom: string | null;
      minDays: number;
    };

/** The first date (YYYY-MM-DD) on which a follow-up counts, `minDays` after a baseline taken on `baselineOn`. */
export function followUpCountsFrom(baselineOn: string, minDays: number): string {
  return addDays(baselineOn, minDays);
}

/**
 * Decides where a response entered as a follow-up belongs. It is a follow-up only when the referral has a live
 * baseline of the same questionnaire at least `minDays` (the activity's schedule setting, at least
 * MIN_FOLLOW_UP_DAYS) earlier; otherwise it is an extra baseline-window response. Dates are 'YYYY-MM-DD'.
 */
export function placeFollowUp(input: {
  baselineOn: string | null;
  administeredOn: string;
  minDays: number;
}): FollowUpPlacement {
  const minDays = Math.max(MIN_FOLLOW_UP_DAYS, input.minDays);
  if (input.baselineOn === null)
    return { placement: "baseline_extra", why: "no_baseline", baselineOn: null, countsFrom: null, minDays };
  if (daysBetween(input.baselineOn, input.administeredOn) >= minDays) return { placement: "follow_up" };
  return {
    placement: "baseline_extra",
    why: "too_soon",
    baselineOn: input.baselineOn,
    countsFrom: followUpCountsFrom(input.baselineOn, minDays),
    minDays,
  };
}

/**
 * Whether a live later response is compared with the live baseline: it is a follow-up or exit (never an extra
 * baseline-window response) taken at least MIN_FOLLOW_UP_DAYS after it. The same predicate the outcome summaries
 * apply in SQL (`time_point in ('follow_up', 'exit') and administered_on >= baseline + MIN_FOLLOW_UP_DAYS`).
 */
export function countsAsChange(later: { timePoint: string; administeredOn: string }, baselineOn: string): boolean {
  return (
    (later.timePoint === "follow_up" || later.timePoint === "exit") &&
    daysBetween(baselineOn, later.administeredOn) >= MIN_FOLLOW_UP_DAYS
  );
}

/** A schedule's minimum interval as typed ("28"), or why it cannot be used. `firstWeek` is its first follow-up. */
export function parseMinFollowUpDays(
  text: string,
  firstWeek: number | undefined,
): { ok: true; days: number } | { ok: false; message: string } {
  const t = text.trim();
  if (t === "") return { ok: false, message: `Enter the days, for example ${MIN_FOLLOW_UP_DAYS}` };
  if (!/^\d{1,3}$/.test(t)) return { ok: false, message: "Enter the days as a whole number, for example 28" };
  const days = Number(t);
  if (days < MIN_FOLLOW_UP_DAYS || days > MAX_FOLLOW_UP_DAYS)
    return { ok: false, message: `Enter between ${MIN_FOLLOW_UP_DAYS} and ${MAX_FOLLOW_UP_DAYS} days` };
  if (firstWeek !== undefined && days > Math.max(MIN_FOLLOW_UP_DAYS, firstWeek * 7))
    return {
      ok: false,
      message: `The first follow-up, at ${firstWeek} weeks, would never count: enter ${Math.max(MIN_FOLLOW_UP_DAYS, firstWeek * 7)} days or fewer`,
    };
  return { ok: true, days };
}
