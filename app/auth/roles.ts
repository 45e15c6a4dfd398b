// Roles and the one role→permission map every loader and action checks against (deny by default).
export const roles = ["prescriber", "coordinator", "activity_lead", "analyst", "commissioner", "admin"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  prescriber: "Social prescriber",
  coordinator: "Local Area Coordinator",
  activity_lead: "Activity lead",
  analyst: "Public health analyst",
  commissioner: "Commissioner",
  admin: "Administrator",
};

export type Permission =
  | "caseload:view"
  | "people:read"
  | "people:write"
  | "people:merge"
  | "referrals:write"
  | "triage:manage"
  // The administrators' read-only view of every area's self-referral queue: it cannot act (docs/decisions/0823).
  | "triage:read-all"
  | "measures:record"
  | "directory:search"
  | "directory:edit"
  | "activities:lead"
  | "outcomes:view"
  | "outcomes:configure"
  | "reports:view"
  | "reports:manage"
  | "reports:costs"
  | "users:manage"
  | "audit:read"
  | "subject-access:export";

const prescriberPermissions: Permission[] = [
  "caseload:view",
  "people:read",
  "people:write",
  "referrals:write",
  "measures:record",
  "directory:search",
];

const rolePermissions: Record<Role, readonly Permission[]> = {
  prescriber: prescriberPermissions,
  coordinator: [...prescriberPermissions, "triage:manage", "people:merge"],
  activity_lead: ["activities:lead", "directory:edit"],
  analyst: ["outcomes:view", "reports:view", "reports:manage"],
  commissioner: ["reports:view"],
  admin: [
    "users:manage",
    "audit:read",
    "directory:edit",
    "directory:search",
    "people:merge",
    "subject-access:export",
    "triage:read-all",
    "reports:view",
    "reports:manage",
    "reports:costs",
    "outcomes:view",
    "outcomes:configure",
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/**
 * Permissions that open a page about identifiable people: a person's record, a referral, a caseload, the triage
 * queue, a duplicate pair, a questionnaire, a subject access export.
 */
const personLevelPermissions: readonly Permission[] = [
  "caseload:view",
  "people:read",
  "people:write",
  "people:merge",
  "referrals:write",
  "triage:manage",
  "triage:read-all",
  "measures:record",
  "subject-access:export",
];

/** Roles that work only with aggregate figures and never with a person's record (docs/decisions/0780). */
const aggregateOnlyRoles: readonly Role[] = ["analyst", "commissioner"];

/**
 * The status a refused request answers with: 404 when a role that never sees people asks for a person-level page,
 * so the answer is the same whether or not the record exists (a 403 would confirm it does); 403 otherwise.
 */
export function refusalStatus(role: Role, permission: Permission): 403 | 404 {
  return aggregateOnlyRoles.includes(role) && personLevelPermissions.includes(permission) ? 404 : 403;
}

/** Where each role lands after signing in. */
export const roleHome: Record<Role, string> = {
  prescriber: "/caseload",
  coordinator: "/caseload",
  activity_lead: "/my-activities",
  analyst: "/outcomes",
  commissioner: "/reports",
  admin: "/admin",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}
