export const auditSorts = ["occurred_at", "action", "actor", "outcome"] as const;
export type AuditSort = (typeof auditSorts)[number];
