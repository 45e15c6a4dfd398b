import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { auditListing, type AuditActor } from "~/audit/audit.server";
import { providerReplyOverdue, type ReferralKind, type ReferralStatus } from "~/referrals/lifecycle";
import { transitionReferral } from "~/referrals/transition.server";
import { auditPeopleShown, leadPersonColumns, leadReferralColumns } from "./participants.server";

// Referrals to a lead's activities, as the provider sees them: only who the person is and how to reach them.

/**
 * Direct referrals waiting for the lead's answer, oldest first, with the 14-day overdue flag. The list names people,
 * so it is audited as one (docs/decisions/0781): its own `referral.inbound-list` row and one `person.listed` row per
 * person shown, naming the referral, in the read's transaction.
 */
export async function listInbound(db: Kysely<DB>, actor: AuditActor, userId: string, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("referral as r")
      .innerJoin("activity_lead as l", "l.activity_id", "r.activity_id")
      .innerJoin("activity as a", "a.id", "r.activity_id")
      .innerJoin("person as p", "p.id", "r.person_id")
      .select([
        "r.id",
        "r.person_id",
        "r.activity_id",
        "a.name as activity_name",
        "r.kind",
        "r.status",
        "r.received_at",
        "r.provider_responded_at",
        "p.given_name",
        "p.family_name",
        "p.preferred_name",
      ])
      .where("l.user_id", "=", userId)
      .where("r.kind", "=", "direct")
      .where("r.status", "in", ["received", "contacted"])
      .orderBy("r.received_at")
      .execute();
    await auditListing(
      trx,
      actor,
      { action: "referral.inbound-list", entityType: "referral", details: { rows: rows.length } },
      rows.map((r) => ({ personId: r.person_id, entityType: "referral", entityId: r.id })),
    );
    return rows.map((r) => ({
      ...r,
      overdue: providerReplyOverdue(
        {
          kind: r.kind as ReferralKind,
          status: r.status as ReferralStatus,
          receivedAt: r.received_at,
          providerRespondedAt: r.provider_responded_at,
        },
        now,
      ),
    }));
  });
}

/** One referral to this activity with the lead's view of the person, audited; null when it is not this activity's. */
export async function getInbound(db: Kysely<DB>, actor: AuditActor, activityId: string, referralId: string) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("referral as r")
      .innerJoin("person as p", "p.id", "r.person_id")
      .select([
        "r.id",
        "r.person_id",
        "r.kind",
        "r.status",
        "r.version",
        "r.received_at",
        "r.provider_responded_at",
        "r.decline_reason",
        "r.declined_by",
        ...leadPersonColumns,
        ...leadReferralColumns,
      ])
      .where("r.id", "=", referralId)
      .where("r.activity_id", "=", activityId)
      .executeTakeFirst();
    if (!row) return null;
    await auditPeopleShown(trx, actor, "referral.inbound-view", [{ personId: row.person_id, referralId: row.id }], {
      activityId,
    });
    return row;
  });
}

/** The provider's answer, through the shared lifecycle (which checks the move, stamps the reply time and audits). */
export async function answerReferral(
  db: Kysely<DB>,
  actor: AuditActor,
  referralId: string,
  answer: { decision: "accept" | "decline"; reason?: string; expectedVersion: number },
) {
  return db.transaction().execute((trx) =>
    transitionReferral(trx, actor, {
      referralId,
      to: answer.decision === "accept" ? "accepted" : "declined",
      actor: "provider",
      expectedVersion: answer.expectedVersion,
      reason: answer.decision === "decline" ? answer.reason : undefined,
    }),
  );
}
