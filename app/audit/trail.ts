export const auditSorts = ["occurred_at", "action", "actor", "outcome"] as const;
export type AuditSort = (typeof auditSorts)[number];

/** How an audited attempt ended, as stored in audit_event.outcome, with the words the audit trail shows. */
export const auditOutcomeLabels = { ok: "Done", denied: "Refused", failed: "Failed" } as const;
