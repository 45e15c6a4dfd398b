import { providerReplyOverdue, type ReferralKind, type ReferralStatus } from "./lifecycle";

// What a caseworker sees for each open referral, and what needs doing next. Pure, so the rules are tested alone.

export const caseloadSorts = ["person", "activity", "status", "district", "received_at"] as const;
export type CaseloadSort = (typeof caseloadSorts)[number];

/** Open = not yet declined or ended. */
export const openStatuses = [
  "received",
  "contacted",
  "accepted",
  "attending",
] as const satisfies readonly ReferralStatus[];

/** Days without a recorded attendance after which someone attending is flagged as possibly stopped. */
const NOT_ATTENDED_DAYS = 21;

export type NextAction =
  | "find_alternative"
  | "first_contact_due"
  | "provider_reply_overdue"
  | "awaiting_first_session"
  | "not_attended_recently"
  | "measure_due";

export const nextActionLabels: Record<NextAction, string> = {
  find_alternative: "Declined: find an alternative",
  first_contact_due: "First contact due",
  provider_reply_overdue: "Provider reply overdue",
  awaiting_first_session: "Waiting for first session",
  not_attended_recently: `No attendance for ${NOT_ATTENDED_DAYS} days`,
  measure_due: "Measure due",
};

export interface CaseloadRow {
  referralId: string;
  personId: string;
  personName: string;
  activityName: string | null;
  kind: ReferralKind;
  status: ReferralStatus;
  district: string | null;
  receivedAt: string;
  actions: NextAction[];
  /** Filled in by the measures schedule, merged by referral id. */
  measureDue?: boolean;
}

export interface CaseloadFacts {
  kind: ReferralKind;
  status: ReferralStatus;
  receivedAt: Date;
  contactedAt: Date | null;
  providerRespondedAt: Date | null;
  /** Last session marked present, 'YYYY-MM-DD'. */
  lastAttendedOn: string | null;
  measureDue?: boolean;
  /** Declined by the provider and not yet followed up (no later referral, not closed by the referrer). */
  declineToFollowUp?: boolean;
}

export function nextActions(f: CaseloadFacts, now = new Date()): NextAction[] {
  const out: NextAction[] = [];
  if (f.status === "declined" && f.declineToFollowUp) out.push("find_alternative");
  if (f.status === "received" && !f.contactedAt) out.push("first_contact_due");
  if (providerReplyOverdue(f, now)) out.push("provider_reply_overdue");
  if (f.status === "accepted") out.push("awaiting_first_session");
  if (f.status === "attending") {
    const last = f.lastAttendedOn ? Date.parse(`${f.lastAttendedOn}T12:00:00Z`) : null;
    if (last === null || now.getTime() - last > NOT_ATTENDED_DAYS * 24 * 60 * 60 * 1000)
      out.push("not_attended_recently");
  }
  if (f.measureDue) out.push("measure_due");
  return out;
}

/**
 * Which referrals head the caseload, whatever the chosen sort: 0 a provider's decline still to follow up, 1 a direct
 * referral the provider has not answered (overdue or not), 2 everything else. The chosen sort orders each group.
 */
export const ATTENTION_RANKS = { decline: 0, unanswered: 1, rest: 2 } as const;

/** Merges measure-due flags (from the measures schedule) into caseload rows by referral id. */
export function withMeasureDue(rows: CaseloadRow[], due: ReadonlySet<string>): CaseloadRow[] {
  return rows.map((r) =>
    due.has(r.referralId)
      ? {
          ...r,
          measureDue: true,
          actions: r.actions.includes("measure_due") ? r.actions : [...r.actions, "measure_due"],
        }
      : r,
  );
}
