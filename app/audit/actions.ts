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
