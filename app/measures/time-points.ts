// When in a referral a measure is taken. Shared by forms, scoring views, due calculations and reports.

/** A time point a user may choose on a form. */
export type TimePoint = "baseline" | "follow_up" | "exit";

/**
 * Where a saved response sits: a chosen time point, or `baseline_extra`, a response entered as a follow-up too soon
 * after the baseline (or with none), kept and shown but never compared (app/measures/follow-up-interval.ts).
 */
export type RecordedTimePoint = TimePoint | "baseline_extra";

/** What the label of an extra baseline-window response says wherever responses are shown. */
export const BASELINE_EXTRA_LABEL = "Extra baseline-window response";

/** Each recorded time point in words; a follow-up's week is added by `timePointLabel` ("6-week follow-up"). */
export const timePointLabels: Record<RecordedTimePoint, string> = {
  baseline: "Baseline",
  follow_up: "Follow-up",
  exit: "Exit",
  baseline_extra: BASELINE_EXTRA_LABEL,
};

export type Mode = "staff" | "self";

export const modeLabels: Record<Mode, string> = {
  staff: "Entered by staff (paper, phone or in person)",
  self: "Completed by the person on a screen",
};

/** Follow-ups after the first session when the activity sets no schedule of its own. */
export const DEFAULT_FOLLOW_UP_WEEKS: readonly number[] = [6, 12];

/** Measures the service asks of everyone at baseline (the ONS loneliness indicator and wellbeing). */
export const CORE_INSTRUMENTS = ["ucla3", "swemwbs"] as const;

export interface TimePointRef {
  timePoint: TimePoint;
  followUpWeek: number | null;
}

/** A saved response's time point (possibly an extra baseline-window response). */
export interface RecordedTimePointRef {
  timePoint: RecordedTimePoint;
  followUpWeek: number | null;
}

/**
 * Referral statuses (app/referrals/lifecycle.ts) in which the person has started the activity ("attending") or the
 * referral has ended: the only ones an exit measure fits. An exit is due from the end date (app/measures/due.ts); a
 * person still attending may answer it at their last session, before the referral is ended.
 */
const EXIT_STATUSES: readonly string[] = ["attending", "ended"];

const EXIT_NOT_YET =
  "An exit measure can only be recorded once the person has started or ended the activity. Record a baseline instead, or end the referral first";

/**
 * Why a measure at `ref` cannot be recorded on a referral in `referralStatus` (a code of the referral lifecycle),
 * or null when it can: an exit is refused until the person has started or ended the activity (`EXIT_STATUSES`).
 * Declined referrals are refused for every time point by the recording functions themselves.
 */
export function timePointRefusal(referralStatus: string, ref: Pick<TimePointRef, "timePoint">): string | null {
  if (ref.timePoint === "exit" && !EXIT_STATUSES.includes(referralStatus)) return EXIT_NOT_YET;
  return null;
}

/** "Baseline", "6-week follow-up", "Exit" or "Extra baseline-window response". */
export function timePointLabel(ref: RecordedTimePointRef): string {
  if (ref.timePoint === "follow_up" && ref.followUpWeek !== null) return `${ref.followUpWeek}-week follow-up`;
  return timePointLabels[ref.timePoint];
}

/** A form value naming one time point: "baseline", "exit" or "follow_up:6". */
export function encodeTimePoint(ref: TimePointRef): string {
  return ref.timePoint === "follow_up" ? `follow_up:${ref.followUpWeek}` : ref.timePoint;
}

export function decodeTimePoint(value: string): TimePointRef | null {
  if (value === "baseline" || value === "exit") return { timePoint: value, followUpWeek: null };
  const m = /^follow_up:(\d{1,3})$/.exec(value);
  if (!m) return null;
  const week = Number(m[1]);
  return week >= 1 && week <= 104 ? { timePoint: "follow_up", followUpWeek: week } : null;
}

/** Sort key: baseline, extra baseline-window responses, then follow-ups by week, then exit. */
export function timePointOrder(ref: RecordedTimePointRef): number {
  if (ref.timePoint === "baseline") return 0;
  if (ref.timePoint === "baseline_extra") return 0.5;
  if (ref.timePoint === "exit") return 1000;
  return ref.followUpWeek ?? 500;
}

/** Follow-up weeks as typed by an administrator ("6, 12"), sorted and de-duplicated, or why not. */
export function parseFollowUpWeeks(text: string): { ok: true; weeks: number[] } | { ok: false; message: string } {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: "Enter at least one follow-up week, for example 6, 12" };
  if (parts.some((p) => !/^\d{1,3}$/.test(p)))
    return { ok: false, message: "Enter follow-up weeks as whole numbers separated by commas, for example 6, 12" };
  const weeks = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (weeks.some((w) => w < 1 || w > 104))
    return { ok: false, message: "Each follow-up week must be between 1 and 104" };
  if (weeks.length > 6) return { ok: false, message: "Enter no more than 6 follow-up weeks" };
  return { ok: true, weeks };
}
