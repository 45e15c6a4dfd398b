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

export const permissions = [
  "caseload:view",
  "people:read",
  "people:write",
  "people:merge",
  "referrals:write",
  "triage:manage",
  "measures:record",
  "directory:search",
  "directory:edit",
  "activities:lead",
  "outcomes:view",
  "reports:view",
  "reports:manage",
  "reports:costs",
  "users:manage",
  "audit:read",
  "subject-access:export",
] as const;
export type Permission = (typeof permissions)[number];

const prescriberPermissions: Permission[] = [
  "caseload:view",
  "people:read",
  "people:write",
  "referrals:write",
  "measures:record",
  "directory:search",
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
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
    "reports:view",
    "reports:manage",
    "reports:costs",
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
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
