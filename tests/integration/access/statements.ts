import type { RouteAccess } from "./types";

// The service's statements are public: linked from every footer and from /start.
export const access: Record<string, RouteAccess> = {
  "privacy.tsx": { loader: "public" },
  "accessibility.tsx": {},
  "cookies.tsx": { loader: "public" },
  // Any unmatched address: a 404 for everyone, answered after the root loader so the page knows who is signed in.
  "$.tsx": { loader: "public" },
};
