// What a listing says about itself beyond its typed fields: whether it may be out of date, and how its provider
// answers referrals. Computed on read from dates and referral history, never typed in.
import { STALE_AFTER_MONTHS } from "./options";

/** The date six calendar months before today ('YYYY-MM-DD'): a listing last checked before it is stale. */
export function staleBefore(today: string): string {
  const [y, m, d] = today.split("-").map(Number);
  const limit = new Date(Date.UTC(y, m - 1 - STALE_AFTER_MONTHS, d));
  // A month without that day (31 August → 31 February) rolls over; clamp to the month's last day instead.
  if (limit.getUTCDate() !== d) limit.setUTCDate(0);
  return limit.toISOString().slice(0, 10);
}

/** Checked more than six calendar months before today ('YYYY-MM-DD' strings). */
export function isStale(lastCheckedOn: string, today: string): boolean {
  return lastCheckedOn < staleBefore(today);
}

export interface ReplyFigures {
  /** Direct referrals the provider has answered (accepted or declined) in the period. */
  answered: number;
  accepted: number;
  /** Median hours from receipt to the provider's answer; null when nothing was answered. */
  medianReplyHours: number | null;
  /** Direct referrals still waiting for an answer. */
  waiting: number;
}

export interface ReplySummary {
  acceptance: string;
  replyTime: string;
  basis: string;
}

/** Fewer answers than this and a rate would mislead; the listing says so instead of showing one. */
const MIN_ANSWERS_FOR_RATE = 3;

export function describeReplies(f: ReplyFigures): ReplySummary {
  if (f.answered < MIN_ANSWERS_FOR_RATE) {
    const basis =
      f.answered === 0
        ? "No referrals answered yet"
        : `Only ${f.answered} referral${f.answered === 1 ? "" : "s"} answered so far`;
    return { acceptance: "Not enough replies yet", replyTime: "Not enough replies yet", basis };
  }
  const pct = Math.round((100 * f.accepted) / f.answered);
  return {
    acceptance: `${pct}% accepted`,
    replyTime: replyTimeText(f.medianReplyHours ?? 0),
    basis: `Based on ${f.answered} referrals answered in the last 12 months`,
  };
}

function replyTimeText(hours: number): string {
  if (hours < 24) return "Usually within a day";
  const days = Math.round(hours / 24);
  return `Usually ${days} day${days === 1 ? "" : "s"}`;
}
