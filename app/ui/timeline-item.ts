// The person page's timeline: one list of dated items from every source. Other parts of the service (measure
// scores) add their own items by passing them in; the list is merged and ordered here.

export interface TimelineItem {
  /** Unique across sources, e.g. "event:42". */
  key: string;
  /** ISO instant, or 'YYYY-MM-DD' for dated-only items (sessions). */
  at: string;
  kind:
    | "referral"
    | "status"
    | "attendance"
    | "note"
    | "safeguarding"
    | "quote"
    | "consent"
    | "measure"
    | "self_referral";
  title: string;
  detail?: string;
  href?: string;
  by?: string | null;
}

/** Newest first; items on the same instant keep their given order. */
export function mergeTimeline(...sources: TimelineItem[][]): TimelineItem[] {
  return sources
    .flat()
    .map((item, i) => ({ item, i, t: Date.parse(item.at.length === 10 ? `${item.at}T12:00:00Z` : item.at) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map(({ item }) => item);
}

export const timelineKindLabels: Record<TimelineItem["kind"], string> = {
  referral: "Referral",
  status: "Referral update",
  attendance: "Attendance",
  note: "Case note",
  safeguarding: "Safeguarding concern",
  quote: "Their words",
  consent: "Consent",
  measure: "Measure",
  self_referral: "Their request",
};
