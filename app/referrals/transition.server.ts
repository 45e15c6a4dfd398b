import { sql } from "kysely";
import { londonToday } from "~/calendar";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { isReferralStatus } from "./codes";
import {
  type DeclinedBy,
  type EndReason,
  planTransition,
  type ReferralKind,
  type ReferralStatus,
  type TransitionActor,
} from "./lifecycle";
import { ConflictError, FieldError, NotFoundError } from "~/errors";

export interface TransitionInput {
  referralId: string;
  to: ReferralStatus;
  actor: TransitionActor;
  /** The version the user saw; omit only for system moves (first attendance). */
  expectedVersion?: number;
  declinedBy?: DeclinedBy;
  reason?: string;
  endReason?: EndReason;
  /** For a system move, the date it happened (the first session attended). */
  onDate?: string;
}

/**
 * Moves a referral one step along its lifecycle inside the caller's transaction: checks the rule, stamps the
 * columns, records the history row and the audit row. Throws FieldError (a move the
 * lifecycle does not allow, at its field), NotFoundError or ConflictError (stale version).
 */
export async function transitionReferral(trx: Executor, who: AuditActor, input: TransitionInput) {
  const current = await trx
    .selectFrom("referral")
    .select(["id", "person_id", "kind", "status", "version"])
    .where("id", "=", input.referralId)
    .forUpdate()
    .executeTakeFirst();
  if (!current || !isReferralStatus(current.status)) throw new NotFoundError("Referral");
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) throw new ConflictError();
  const plan = planTransition({
    kind: current.kind as ReferralKind,
    from: current.status,
    to: input.to,
    actor: input.actor,
    declinedBy: input.declinedBy,
    reason: input.reason,
    endReason: input.endReason,
  });
  if (!plan.ok) throw new FieldError(plan.field, plan.message);

  const reason = input.reason?.trim() || null;
  await trx
    .updateTable("referral")
    .set({
      status: input.to,
      version: sql`version + 1`,
      updated_at: sql`now()`,
      snomed_code: plan.snomedCode,
      ...(plan.stamp.contacted ? { contacted_at: sql`now()` } : {}),
      ...(plan.stamp.providerResponded ? { provider_responded_at: sql`now()` } : {}),
      ...(plan.stamp.firstAttended ? { first_attended_on: input.onDate ?? londonToday() } : {}),
      ...(plan.stamp.attendanceWithdrawn ? { first_attended_on: null } : {}),
      ...(plan.stamp.ended ? { ended_at: sql`now()` } : {}),
      ...(input.to === "declined" ? { declined_by: plan.declinedBy, decline_reason: reason } : {}),
      ...(input.to === "ended" ? { end_reason: plan.endReason } : {}),
    })
    .where("id", "=", current.id)
    .execute();
  await trx
    .insertInto("referral_event")
    .values({ referral_id: current.id, from_status: current.status, to_status: input.to, reason, actor_id: who.userId })
    .execute();
  await audit(trx, who, {
    action: "referral.transition",
    entityType: "referral",
    entityId: current.id,
    personId: current.person_id,
    details: { from: current.status, to: input.to, by: input.actor },
  });
  return { from: current.status, to: input.to, version: current.version + 1 };
}
