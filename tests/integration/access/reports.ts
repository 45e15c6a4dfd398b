import type { RouteAccess } from "./types";

export const access: Record<string, RouteAccess> = {
  "reports._index.tsx": { loader: "reports:view" },
  "reports.new.tsx": { loader: "reports:manage", action: "reports:manage" },
  "reports.jobs.$jobId.tsx": { loader: "reports:manage" },
  "reports.$reportId._index.tsx": { loader: "reports:view", action: "reports:manage" },
  "reports.$reportId.pdf.tsx": { loader: "reports:view" },
  "reports.check.tsx": { loader: "reports:view", action: "reports:view" },
  "admin.costs.tsx": { loader: "reports:costs", action: "reports:costs" },
};
