import type { Executor } from "~/audit/audit.server";
import { staleBefore } from "./listing";

/**
 * Active listings not checked for six calendar months (docs/decisions/0764-admin-home.md), oldest check first, for
 * the administrator's home: id, name, provider and last-checked date ('YYYY-MM-DD'). No personal data.
 */
export async function listStaleListings(db: Executor, today: string, limit = 20) {
  return db
    .selectFrom("activity as a")
    .innerJoin("provider as p", "p.id", "a.provider_id")
    .select(["a.id", "a.name", "p.name as provider", "a.last_checked_on as lastCheckedOn"])
    .where("a.status", "=", "active")
    .where("a.last_checked_on", "<", staleBefore(today))
    .orderBy("a.last_checked_on")
    .orderBy("a.name")
    .limit(limit)
    .execute();
}
