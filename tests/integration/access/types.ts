import type { Permission } from "../../../app/auth/roles";

export type Access = Permission | "public";
export interface RouteAccess {
  loader?: Access;
  action?: Access;
}
export const access: Record<string, RouteAccess> = {};
