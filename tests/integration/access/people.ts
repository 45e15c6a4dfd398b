import type { RouteAccess } from "./types";

export const access: Record<string, RouteAccess> = {
  "people._index.tsx": { loader: "people:read", action: "people:read" },
  "people.new.tsx": { loader: "people:write", action: "people:write" },
  "people.$personId._index.tsx": { loader: "people:read", action: "people:write" },
  "people.$personId.edit.tsx": { loader: "people:write", action: "people:write" },
  "people.$personId.refer.tsx": { loader: "referrals:write", action: "referrals:write" },
  "people.duplicates.tsx": { loader: "people:merge" },
  "people.merge.tsx": { loader: "people:merge", action: "people:merge" },
  "referrals.new.tsx": { loader: "referrals:write", action: "referrals:write" },
  "referrals.$referralId._index.tsx": { loader: "people:read", action: "referrals:write" },
  "referrals.$referralId.edit.tsx": { loader: "referrals:write", action: "referrals:write" },
  "triage._index.tsx": { loader: "triage:manage" },
  "triage.all-areas.tsx": { loader: "triage:read-all" },
  "triage.$selfReferralId.tsx": { loader: "triage:manage", action: "triage:manage" },
  "start._index.tsx": { loader: "public", action: "public" },
  "start.thank-you.tsx": { loader: "public" },
};
