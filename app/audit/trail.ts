export const auditSorts = ["occurred_at", "action", "actor", "outcome"] as const;
export type AuditSort = (typeof auditSorts)[number];

/** How an audited attempt ended, as stored in audit_event.outcome, with the words the audit trail shows. */
export const auditOutcomeLabels = { ok: "Done", denied: "Refused", failed: "Failed" } as const;

/**
 * The kinds of record an audit row names (audit_event.entity_type, the table's name), in words for the audit trail
 * and a subject access export's access history (also the tables an export counts rows of). A kind missing here reads "Not recognised (kind)" (app/labels.ts).
 */
export const auditEntityLabels: Readonly<Record<string, string>> = {
  person: "Person",
  referral: "Referral",
  self_referral: "Self-referral",
  activity: "Activity",
  activity_session: "Activity session",
  report: "Report",
  app_user: "User",
  measure_self_session: "Self-completion",
  measure_response: "Questionnaire response",
  break_glass_access: "Break-glass access",
  volunteer: "Volunteer",
  provider: "Provider",
  befriending_match: "Befriending match",
  befriending_call: "Befriending call",
  service_cost: "Activity costs",
  outcome_table: "Outcome table",
  outcome_setting: "Outcome setting",
  job: "Report job",
  case_note: "Case note",
  attendance: "Attendance",
  person_consent: "Consent",
  referral_event: "Referral status change",
  care_team_member: "Care team member",
};
