import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor } from "~/audit/audit.server";

/**
 * The referrer closes a provider's decline without referring elsewhere (the person found something else, or no
 * longer wants support): the referral leaves the caseload's "declined: find an alternative" list. Stamps who and
 * when, once; audited. Returns false when the referral is not a provider-declined one (or was already closed).
 */
export async function closeDecline(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  referralId: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("referral")
      .set({
        decline_closed_at: sql`now()`,
        decline_closed_by: actor.userId,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where("id", "=", referralId)
      .where("status", "=", "declined")
      .where("declined_by", "=", "provider")
      .where("decline_closed_at", "is", null)
      .returning("person_id")
      .executeTakeFirst();
    if (!done) return false;
    await audit(trx, actor, {
      action: "referral.decline-closed",
      entityType: "referral",
      entityId: referralId,
      personId: done.person_id,
    });
    return true;
  });
}
