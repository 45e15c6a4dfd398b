import { auditAll, type AuditAction, type AuditActor, type Executor } from "~/audit/audit.server";

/**
 * The only person fields an activity lead ever receives (decision 0402, least privilege): who they are, how to reach them,
 * and what they need to take part. Never NHS number, date of birth, notes, scores or safeguarding.
 */
export const leadPersonColumns = [
  "p.given_name",
  "p.family_name",
  "p.preferred_name",
  "p.phone",
  "p.email",
  "p.preferred_contact",
  "p.access_needs",
  "p.communication_needs",
] as const;

/**
 * The referral fields a lead receives beside the person's (decision 0762): the referrer's notes for the provider,
 * and the coded needs and barriers, which pages pass through `forTheProvider` so only the needs a lead may see are
 * shown. Select from `referral as r`.
 */
export const leadReferralColumns = ["r.support_notes", "r.needs", "r.barriers"] as const;

/** One audit row per person shown, in the caller's transaction: the page is not returned if these cannot be written. */
export async function auditPeopleShown(
  trx: Executor,
  actor: AuditActor,
  action: AuditAction,
  shown: { personId: string; referralId: string }[],
  details: Record<string, unknown>,
) {
  await auditAll(
    trx,
    actor,
    shown.map((s) => ({ action, entityType: "referral", entityId: s.referralId, personId: s.personId, details })),
  );
}
