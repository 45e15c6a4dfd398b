import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor } from "~/audit/audit.server";

/**
 * A request through /start that triage linked to `personId` and that has not yet led to a referral, for the referral
 * form to start from: what they asked about, when to call, their message and how they can be reached (whether they
 * gave a phone number or an email address, not the values). Null when there is none (a wrong id, another person's
 * request, or one already referred). The read is audited against the person.
 */
export async function requestForReferral(db: Kysely<DB>, actor: AuditActor, selfReferralId: string, personId: string) {
  return db.transaction().execute(async (trx) => {
    const sr = await trx
      .selectFrom("self_referral")
      .select(["id", "topics", "best_time", "message", "received_at"])
      .select((eb) => [eb("phone", "is not", null).as("has_phone"), eb("email", "is not", null).as("has_email")])
      .where("id", "=", selfReferralId)
      .where("person_id", "=", personId)
      .where("referral_id", "is", null)
      .executeTakeFirst();
    if (!sr) return null;
    await audit(trx, actor, {
      action: "self-referral.read",
      entityType: "self_referral",
      entityId: sr.id,
      personId,
      details: { for: "referral form" },
    });
    return {
      topics: sr.topics,
      bestTime: sr.best_time,
      message: sr.message,
      receivedAt: sr.received_at,
      hasPhone: Boolean(sr.has_phone),
      hasEmail: Boolean(sr.has_email),
    };
  });
}
