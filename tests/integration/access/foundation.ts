import type { RouteAccess } from "./types";

export const access: Record<string, RouteAccess> = {
  "_index.tsx": { loader: "public" },
  "sign-in.tsx": { loader: "public", action: "public" },
  "sign-out.tsx": { loader: "public", action: "public" },
  "session.keepalive.tsx": { action: "public" },
  "caseload.tsx": { loader: "caseload:view", action: "caseload:view" },
  "outcomes.tsx": { loader: "outcomes:view" },
  "admin._index.tsx": { loader: "users:manage" },
  "admin.users._index.tsx": { loader: "users:manage" },
  "admin.users.new.tsx": { loader: "users:manage", action: "users:manage" },
  "admin.users.$userId.tsx": { loader: "users:manage", action: "users:manage" },
  "admin.audit.tsx": { loader: "audit:read" },
};
