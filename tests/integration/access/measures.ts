import type { RouteAccess } from "./types";

export const access: Record<string, RouteAccess> = {
  "people.$personId.measures._index.tsx": { loader: "people:read", careTeam: true },
  "people.$personId.measures.new.tsx": { loader: "measures:record", action: "measures:record", careTeam: true },
  "people.$personId.measures.$responseId.tsx": { loader: "people:read", action: "measures:record", careTeam: true },
  "people.$personId.measures.self.tsx": { loader: "measures:record", action: "measures:record", careTeam: true },
  "measures.self.$sessionId.tsx": { loader: "measures:record", action: "measures:record" },
  "hand-back.tsx": { loader: "measures:record", action: "measures:record" },
  "measures.schedules.tsx": { loader: "directory:edit", action: "directory:edit" },
};
