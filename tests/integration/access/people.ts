import type { RouteAccess } from "./types";

export const access: Record<string, RouteAccess> = {
  "people._index.tsx": { loader: "people:read", action: "people:read" },
  "admin.break-glass.tsx": { loader: "audit:read", action: "audit:read" },
  "people.new.tsx": { loader: "people:write", action: "people:write" },
  "people.$personId._index.tsx": { loader: "people:read", action: "people:write", careTeam: true },
  "people.$personId.edit.tsx": { loader: "people:write", action: "people:write", careTeam: true },
  "people.$personId.refer.tsx": { loader: "referrals:write", action: "referrals:write", careTeam: true },
  "people.$personId.care-team.tsx": { loader: "people:write", action: "people:write", careTeam: true },
  "people.$personId.access.tsx": { loader: "people:read", action: "people:read" },
  "people.duplicates.tsx": { loader: "people:merge" },
  "people.merge.tsx": { loader: "people:merge", action: "people:merge" },
  "referrals.new.tsx": { loader: "referrals:write", action: "referrals:write" },
  "referrals.$referralId._index.tsx": { loader: "people:read", action: "referrals:write", careTeam: true },
  "referrals.$referralId.edit.tsx": { loader: "referrals:write", action: "referrals:write", careTeam: true },
  "triage._index.tsx": { loader: "triage:manage" },
  "triage.all-areas.tsx": { loader: "triage:read-all" },
  "triage.$selfReferralId.tsx": { loader: "triage:manage", action: "triage:manage" },
  "start._index.tsx": { loader: "public", action: "public" },
  "start.thank-you.tsx": { loader: "public" },
};
