import { createHash } from "node:crypto";

// ORUK requires uuid identifiers for every object. Objects the database keys by code (taxonomy terms) or holds
// inline on the activity (its location, address, cost) get name-based (version 5) uuids: stable across restarts
// and deployments, so a consumer's stored ids keep working, without extra tables.
const NAMESPACE = Buffer.from("6f1c2d1e8a7b4c3d9e0f1a2b3c4d5e6f", "hex");

function stableId(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const ids = {
  taxonomy: (name: string) => stableId(`taxonomy:${name}`),
  term: (code: string) => stableId(`taxonomy_term:${code}`),
  serviceAtLocation: (activityId: string) => stableId(`service_at_location:${activityId}`),
  location: (activityId: string) => stableId(`location:${activityId}`),
  address: (activityId: string) => stableId(`address:${activityId}`),
  accessibility: (activityId: string, code: string) => stableId(`accessibility:${activityId}:${code}`),
  cost: (activityId: string) => stableId(`cost_option:${activityId}`),
  attribute: (activityId: string, code: string) => stableId(`attribute:${activityId}:${code}`),
  area: (activityId: string) => stableId(`service_area:${activityId}`),
};
