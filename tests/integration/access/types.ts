import type { Permission } from "../../../app/auth/roles";

export type Access = Permission | "public";
export interface RouteAccess {
  loader?: Access;
  action?: Access;
  /** A page about one person (or one of their referrals): only their care team may use it (docs/decisions/0800). */
  careTeam?: true;
}
export const access: Record<string, RouteAccess> = {};
