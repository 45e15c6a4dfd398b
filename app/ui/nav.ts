import { can, type Role } from "~/auth/roles";
import type { Permission } from "~/auth/roles";

interface NavItem {
  href: string;
  text: string;
  permission: Permission;
}

// The header shows only what the role may open; each route still checks its own permission.
const items: NavItem[] = [
  { href: "/caseload", text: "Caseload", permission: "caseload:view" },
  { href: "/people", text: "People", permission: "people:read" },
  { href: "/triage", text: "Self-referrals", permission: "triage:manage" },
  { href: "/triage/all-areas", text: "Self-referrals", permission: "triage:read-all" },
  { href: "/directory", text: "Directory", permission: "directory:search" },
  { href: "/my-activities", text: "My activities", permission: "activities:lead" },
  { href: "/measures/schedules", text: "Measure schedules", permission: "directory:edit" },
  { href: "/outcomes", text: "Outcomes", permission: "outcomes:view" },
  { href: "/reports", text: "Reports", permission: "reports:view" },
  { href: "/providers", text: "Providers", permission: "users:manage" },
  { href: "/admin/users", text: "Users", permission: "users:manage" },
  { href: "/admin/audit", text: "Audit trail", permission: "audit:read" },
];

export function navFor(role: Role) {
  return items.filter((i) => can(role, i.permission)).map(({ href, text }) => ({ href, text }));
}

/** The statements every page's footer links to (privacy, accessibility, cookies); public, for everyone. */
export const statementLinks = [
  { href: "/privacy", text: "Privacy notice" },
  { href: "/accessibility", text: "Accessibility statement" },
  { href: "/cookies", text: "Cookies" },
];
