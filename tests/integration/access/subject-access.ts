import type { RouteAccess } from "./types";

export const access: Record<string, RouteAccess> = {
  "admin.subject-access._index.tsx": { loader: "subject-access:export", action: "subject-access:export" },
  "admin.subject-access.$personId._index.tsx": { loader: "subject-access:export" },
  "admin.subject-access.$personId.json.tsx": { loader: "subject-access:export" },
};
