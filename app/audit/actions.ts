// Every action the audit trail records, in one list. An action is named `domain.verb`: the part before the first dot
// says what kind of record or activity it concerns (the audit trail's action filter matches on it: "person" finds
// every person.* row), the rest what was done. A new action is one new line here, in its domain's group; the type
// below then lets `audit()` accept it. Names once written to the trail are not changed: the trail is append-only,
// so a renamed action would split one event's history in two. See docs/decisions/0861-audit-actions-and-module-names.md.

export const auditActions = [
  // Refusals by the permission guard, whatever was asked.
  "access.denied",

  "activity.create",
  "activity.edit",
  "activity.edit-view",
  "activity.schedule-add",
  "activity.schedule-change",
  "activity.schedule-remove",
  "activity.schedule-view",
  "activity.update",

  "audit.read",

  // Signing in and out, and the password check before a sensitive step.
  "auth.reauth-failed",
  // A device handed to a person for self-completion, taken back with the staff member's password (decision 0820).
  "auth.hand-back",
  "auth.sign-in",
  "auth.sign-in-failed",
  "auth.sign-in-throttled",
  "auth.sign-out",

  "befriending.call",
  "befriending.change",
  "befriending.match",
  "befriending.match-end",
  "befriending.view",

  "case-note.create",

  "caseload.read",

  "cost.save",

  "measure.entered-in-error",
  // Written by the follow-up timing migration, for follow-ups saved too soon before the rule (decision 0830).
  "measure.moved-to-baseline-window",
  "measure.record",
  "measure-schedule.update",
  "measures.record-form.view",
  "measures.self-start.view",
  "measures.self.complete",
  "measures.self.start",
  "measures.self.view",
  "measures.view",

  "outcomes.disclosure_rule.set",
  "outcomes.download",
  "outcomes.view",

  // Care team and break glass (docs/decisions/0800, 0801).
  "person.break_glass",
  "person.break_glass.reviewed",
  "person.care_team.join",
  "break_glass.list",
  "person.create",
  "person.duplicate-check",
  "person.duplicates-list",
  // A subject access export (docs/decisions/0810-subject-access-export.md) and the search that finds its person.
  "person.export",
  "person.listed",
  "person.merge",
  "person.merged-away",
  "person.read",
  "person.search",
  "person.subject-access-search",
  "person.update",

  "provider.create",
  "provider.update",
  "provider.view",

  "referral.answer",
  "referral.create",
  "referral.decline-closed",
  "referral.inbound-list",
  "referral.inbound-view",
  "referral.read",
  "referral.transition",
  "referral.update",

  "register.save",
  "register.view",

  // The retention schedule's erasure run (docs/decisions/0811-retention-schedule.md).
  "retention.apply",

  "report.check",
  "report.download",
  "report.generate",
  "report.list",
  "report.request",
  "report.share",
  "report.unshare",
  "report.view",

  "self-referral.close",
  "self-referral.create",
  "self-referral.create-person",
  "self-referral.link",
  "self-referral.read",

  // An activity's sessions (dates it meets), not sign-in sessions.
  "session.add",
  "session.cancel",
  "session.generate",
  "session.open",

  "triage.read",
  // The administrators' read-only view of every area's queue (decision 0823).
  "triage.read-all-areas",

  "user.create",
  "user.password-reset",
  "user.update",

  "volunteer.change",
  "volunteer.create",
  "volunteer.list",
  "volunteer.update",
] as const satisfies readonly `${string}.${string}`[];

/** One action the audit trail records (`domain.verb`); `audit()` and its kin accept nothing else. */
export type AuditAction = (typeof auditActions)[number];

/**
 * What each action is called where people read the trail (the audit trail page, a subject access export's access
 * history): plain words, kept beside the list so a new action cannot be added without them. The code stays the
 * trail's key and the audit filter's prefix; it is never shown in place of these words.
 */
export const auditActionLabels: Record<AuditAction, string> = {
  "access.denied": "Access refused",

  "activity.create": "Listed an activity",
  "activity.edit": "Changed an activity's listing",
  "activity.edit-view": "Opened an activity's listing to change it",
  "activity.schedule-add": "Added a weekly session time",
  "activity.schedule-change": "Changed a weekly session time",
  "activity.schedule-remove": "Removed a weekly session time",
  "activity.schedule-view": "Viewed an activity's schedule",
  "activity.update": "Updated an activity",

  "audit.read": "Read the audit trail",

  "auth.reauth-failed": "Password check failed",
  "auth.hand-back": "Device handed back after self-completion",
  "auth.sign-in": "Signed in",
  "auth.sign-in-failed": "Sign-in failed",
  "auth.sign-in-throttled": "Sign-in refused: too many attempts",
  "auth.sign-out": "Signed out",

  "befriending.call": "Recorded a befriending call",
  "befriending.change": "Changed a befriending match",
  "befriending.match": "Matched with a befriender",
  "befriending.match-end": "Ended a befriending match",
  "befriending.view": "Viewed a befriending scheme's people",

  "case-note.create": "Wrote a case note",

  "caseload.read": "Viewed a caseload",

  "cost.save": "Saved activity costs",

  "measure.entered-in-error": "Marked a questionnaire entered in error",
  "measure.moved-to-baseline-window": "Follow-up moved to the baseline window",
  "measure.record": "Recorded a questionnaire",
  "measure-schedule.update": "Changed a follow-up schedule",
  "measures.record-form.view": "Opened a questionnaire to record",
  "measures.self-start.view": "Opened self-completion to start it",
  "measures.self.complete": "Completed self-completion",
  "measures.self.start": "Started self-completion",
  "measures.self.view": "Opened self-completion",
  "measures.view": "Viewed questionnaires",

  "outcomes.disclosure_rule.set": "Changed the disclosure rule",
  "outcomes.download": "Downloaded outcome figures",
  "outcomes.view": "Viewed outcome figures",

  "person.break_glass": "Joined the care team by breaking glass",
  "person.break_glass.reviewed": "Break-glass access reviewed",
  "person.care_team.join": "Joined the care team",
  "break_glass.list": "Listed break-glass access",
  "person.create": "Created the record",
  "person.duplicate-check": "Checked for possible duplicates",
  "person.duplicates-list": "Listed as a possible duplicate",
  "person.export": "Subject access export",
  "person.listed": "Shown in a list",
  "person.merge": "Merged records",
  "person.merged-away": "Merged into another record",
  "person.read": "Opened the record",
  "person.search": "Searched for people",
  "person.subject-access-search": "Found for a subject access request",
  "person.update": "Changed the record",

  "provider.create": "Added a provider",
  "provider.update": "Changed a provider",
  "provider.view": "Viewed a provider",

  "referral.answer": "Provider answered a referral",
  "referral.create": "Made a referral",
  "referral.decline-closed": "Closed a declined referral",
  "referral.inbound-list": "Listed referrals waiting for an activity's answer",
  "referral.inbound-view": "Provider opened a referral",
  "referral.read": "Opened a referral",
  "referral.transition": "Changed a referral's status",
  "referral.update": "Changed a referral",

  "register.save": "Saved a register",
  "register.view": "Viewed a register",

  "retention.apply": "Applied the retention schedule",

  "report.check": "Checked a report",
  "report.download": "Downloaded a report",
  "report.generate": "Generated a report",
  "report.list": "Listed reports",
  "report.request": "Asked for a report",
  "report.share": "Shared a report",
  "report.unshare": "Stopped sharing a report",
  "report.view": "Viewed a report",

  "self-referral.close": "Closed a self-referral",
  "self-referral.create": "Self-referral received",
  "self-referral.create-person": "Recorded the person from a self-referral",
  "self-referral.link": "Linked a self-referral to the record",
  "self-referral.read": "Opened a self-referral",

  "session.add": "Added a session",
  "session.cancel": "Cancelled a session",
  "session.generate": "Added sessions from the schedule",
  "session.open": "Opened a session",

  "triage.read": "Opened a self-referral",
  "triage.read-all-areas": "Viewed every area's self-referrals",

  "user.create": "Added a user",
  "user.password-reset": "Reset a user's password",
  "user.update": "Changed a user",

  "volunteer.change": "Changed a volunteer",
  "volunteer.create": "Added a volunteer",
  "volunteer.list": "Listed volunteers",
  "volunteer.update": "Updated a volunteer",
};

type DomainOf<A> = A extends `${infer D}.${string}` ? D : never;

/** The kind of record or event an action concerns: its name before the first dot ("person" for `person.view`). */
export type AuditDomain = DomainOf<AuditAction>;

/**
 * Each kind of action in words, for the audit trail's action filter, which offers every kind and every action by
 * name. Typed by the action list: an action of a new kind cannot be added without its kind's words.
 */
export const auditDomainLabels: Record<AuditDomain, string> = {
  access: "Access refusals",
  activity: "Activities",
  audit: "The audit trail",
  auth: "Signing in and out",
  befriending: "Befriending",
  "case-note": "Case notes",
  caseload: "Caseloads",
  cost: "Activity costs",
  measure: "Questionnaires recorded",
  "measure-schedule": "Follow-up schedules",
  measures: "Questionnaires viewed and self-completion",
  outcomes: "Outcome figures",
  person: "People",
  break_glass: "Break-glass access",
  provider: "Providers",
  referral: "Referrals",
  register: "Registers",
  retention: "The retention schedule",
  report: "Reports",
  "self-referral": "Self-referrals",
  session: "Activity sessions",
  triage: "The self-referral queue",
  user: "Users",
  volunteer: "Volunteers",
};

/** The kind of an action's name, as the audit filter groups it: the part before the first dot. */
export function auditDomainOf(action: string): string {
  return action.split(".")[0];
}

/**
 * What the audit trail's action filter matches for a chosen value: a listed action exactly, a kind every action of
 * that kind (`person` is `person.*`, never `person-…`), anything else as the start of the stored name (an older
 * link's typed prefix).
 */
export function auditActionMatch(value: string): { exact: string } | { prefix: string } {
  if ((auditActions as readonly string[]).includes(value)) return { exact: value };
  if (Object.hasOwn(auditDomainLabels, value)) return { prefix: `${value}.` };
  return { prefix: value };
}
