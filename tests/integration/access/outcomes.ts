import type { RouteAccess } from "./types";

export const access: Record<string, RouteAccess> = {
  "outcomes.csv.$tableId.ts": { loader: "outcomes:view" },
  "admin.disclosure.tsx": { loader: "outcomes:configure", action: "outcomes:configure" },
};
