import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { consentForReferral } from "~/people/consent";
import { requireConsent } from "~/people/consent.server";
import { isLivePerson } from "~/people/people.server";
import { isUniqueViolation, RefusedError } from "~/errors";
import {
  allowedTransitions,
  providerReplyOverdue,
  OPEN_STATUSES,
  SNOMED_REFERRED,
  statusLabels,
  type ReferralKind,
  type ReferralStatus,
} from "./lifecycle";
import { isReferralStatus } from "./codes";
import type { ReferralFormData } from "./referral-form";
import { inCoordinatorsArea } from "./self-referral.server";
import { ConflictError, NotFoundError } from "~/errors";

/**
 * Records a referral (or a signposting) for a person: the caseworker is the user making it, who must already be on
 * the person's care team (the route's guard, app/care-team/access.server.ts); making a referral adds no one to the team
 * (docs/decisions/0802). A double submit makes one referral. From the triage queue, the self-referral is closed as handled.
 * A direct referral to a befriending scheme needs the person's consent to contact by a volunteer, recorded as given:
 * RefusedError at "activityId" otherwise (app/people/consent.ts). A person has at most one open referral (received,
 * contacted, accepted or attending) to an activity: RefusedError at "activityId" for a second, also when two are
 * made at once (the unique index referral_one_open_per_activity decides).
 */
export type NewReferral = Omit<ReferralFormData, "activityId" | "sourceDetail" | "supportNotes" | "selfReferralId"> &
  Partial<Pick<ReferralFormData, "activityId" | "sourceDetail" | "supportNotes" | "selfReferralId">>;

/** The person's open referral to an activity, if any (at most one: referral_one_open_per_activity). */
async function openReferralTo(db: Executor, personId: string, activityId: string) {
  return db
    .selectFrom("referral")
    .select(["id", "status"])
    .where("person_id", "=", personId)
    .where("activity_id", "=", activityId)
    .where("status", "in", OPEN_STATUSES)
    .executeTakeFirst();
}

function alreadyOpen(activityName: string, status: string, field = "activityId") {
  const state = isReferralStatus(status) ? statusLabels[status].toLowerCase() : "open";
  return new RefusedError(
    `They already have an open referral to ${activityName} (${state}). Update that referral instead, or end it before referring them again`,
    field,
  );
}

export async function createReferral(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  personId: string,
  input: NewReferral,
) {
  try {
    return await db.transaction().execute(async (trx) => {
      const earlier = await trx
        .selectFrom("referral")
        .select("id")
        .where("idempotency_key", "=", input.idempotencyKey)
        .executeTakeFirst();
      if (earlier) return earlier.id;
      if (!(await isLivePerson(trx, personId))) return null;
      if (input.activityId) {
        const activity = await trx
          .selectFrom("activity")
          .select(["name", "category_code"])
          .where("id", "=", input.activityId)
          .executeTakeFirst();
        const open = await openReferralTo(trx, personId, input.activityId);
        if (open) throw alreadyOpen(activity?.name ?? "this activity", open.status);
        const needed = consentForReferral(input.kind, activity?.category_code ?? null);
        if (needed)
          await requireConsent(trx, personId, needed, {
            action: "referred to a befriending scheme",
            field: "activityId",
          });
      }
      const { id } = await trx
        .insertInto("referral")
        .values({
          person_id: personId,
          activity_id: input.activityId ?? null,
          kind: input.kind,
          source: input.source,
          source_detail: input.sourceDetail ?? null,
          caseworker_id: actor.userId,
          needs: input.needs,
          barriers: input.barriers,
          support_notes: input.supportNotes ?? null,
          status: "received",
          snomed_code: SNOMED_REFERRED,
          created_by: actor.userId,
          idempotency_key: input.idempotencyKey,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("referral_event")
        .values({ referral_id: id, from_status: null, to_status: "received", actor_id: actor.userId })
        .execute();
      if (input.selfReferralId) {
        // Completing a self-referral is a triage action: area-checked as the queue is (docs/decisions/0782). A
        // request outside the author's area answers as a missing one.
        const author = await trx
          .selectFrom("app_user")
          .select("district_code")
          .where("id", "=", actor.userId)
          .executeTakeFirst();
        const inArea = await trx
          .selectFrom("self_referral")
          .select("id")
          .where("id", "=", input.selfReferralId)
          .where(inCoordinatorsArea(author?.district_code ?? null))
          .executeTakeFirst();
        if (!inArea) throw new NotFoundError("Self-referral");
        const done = await trx
          .updateTable("self_referral")
          .set({ referral_id: id, handled_by: actor.userId, handled_at: sql`now()`, version: sql`version + 1` })
          .where("id", "=", input.selfReferralId)
          .where("person_id", "=", personId)
          .where("referral_id", "is", null)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) === 0) throw new ConflictError();
      }
      await audit(trx, actor, {
        action: "referral.create",
        entityType: "referral",
        entityId: id,
        personId,
        details: {
          kind: input.kind,
          activityId: input.activityId ?? null,
          source: input.source,
          needs: input.needs,
          barriers: input.barriers,
          selfReferralId: input.selfReferralId ?? null,
        },
      });
      return id;
    });
  } catch (err) {
    // Two referrals made at once: the second loses to the index and is told as if it had seen the first.
    if (isUniqueViolation(err, "referral_one_open_per_activity"))
      throw alreadyOpen("this activity", "received", "activityId");
    if (isUniqueViolation(err, "referral_idempotency_key_key")) {
      return (
        await db
          .selectFrom("referral")
          .select("id")
          .where("idempotency_key", "=", input.idempotencyKey)
          .executeTakeFirstOrThrow()
      ).id;
    }
    throw err;
  }
}

/** The referral page: details, history and the moves open to a caseworker, read with its audit row. */
export async function readReferral(db: Kysely<DB>, actor: AuditActor, referralId: string) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom("referral")
      .innerJoin("person", "person.id", "referral.person_id")
      .leftJoin("activity", "activity.id", "referral.activity_id")
      .leftJoin("provider", "provider.id", "activity.provider_id")
      .leftJoin("app_user as cw", "cw.id", "referral.caseworker_id")
      .selectAll("referral")
      .select([
        "person.given_name",
        "person.family_name",
        "person.preferred_name",
        "person.date_of_birth",
        "person.nhs_number",
        "activity.name as activity_name",
        "provider.name as provider_name",
        "cw.display_name as caseworker",
      ])
      .where("referral.id", "=", referralId)
      .executeTakeFirst();
    if (!r) return null;
    const history = await trx
      .selectFrom("referral_event")
      .leftJoin("app_user", "app_user.id", "referral_event.actor_id")
      .select([
        "referral_event.id",
        "from_status",
        "to_status",
        "reason",
        "occurred_at",
        "app_user.display_name as actor",
        "app_user.role as actor_role",
      ])
      .where("referral_id", "=", referralId)
      .orderBy("occurred_at")
      .orderBy("referral_event.id")
      .execute();
    // A provider's decline is followed up once the referrer closes it or refers the person again afterwards.
    const referredSince =
      r.status === "declined" && r.declined_by === "provider"
        ? await trx
            .selectFrom("referral")
            .select("id")
            .where("person_id", "=", r.person_id)
            .where("id", "<>", r.id)
            .where("received_at", ">", r.provider_responded_at ?? r.received_at)
            .executeTakeFirst()
        : undefined;
    // The request through /start that led to this referral, if any: what the person asked for in their words.
    const request = await trx
      .selectFrom("self_referral")
      .select(["received_at", "message", "topics", "best_time"])
      .where("referral_id", "=", referralId)
      .executeTakeFirst();
    await audit(trx, actor, {
      action: "referral.read",
      entityType: "referral",
      entityId: referralId,
      personId: r.person_id,
    });
    const kind = r.kind as ReferralKind;
    const status = r.status as ReferralStatus;
    return {
      referral: r,
      history,
      request: request ?? null,
      /** Declined by the provider, and the referrer has neither closed it nor referred the person since. */
      declineToFollowUp:
        r.status === "declined" && r.declined_by === "provider" && !r.decline_closed_at && !referredSince,
      nextSteps: allowedTransitions(kind, status, "caseworker"),
      overdue: providerReplyOverdue({
        kind,
        status,
        receivedAt: r.received_at,
        providerRespondedAt: r.provider_responded_at,
      }),
    };
  });
}

/** Changes needs, barriers and notes if nobody has changed the referral since the user loaded it. */
export async function updateReferralDetails(
  db: Kysely<DB>,
  actor: AuditActor,
  referralId: string,
  input: { needs: string[]; barriers: string[]; supportNotes?: string; version: number },
) {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("referral")
      .select(["person_id", "needs", "barriers", "support_notes", "version"])
      .where("id", "=", referralId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFoundError("Referral");
    if (before.version !== input.version) throw new ConflictError({ currentVersion: before.version });
    const changed = [
      before.needs.join() !== input.needs.join() ? "needs" : null,
      before.barriers.join() !== input.barriers.join() ? "barriers" : null,
      (before.support_notes ?? "") !== (input.supportNotes ?? "") ? "support_notes" : null,
    ].filter(Boolean);
    await trx
      .updateTable("referral")
      .set({
        needs: input.needs,
        barriers: input.barriers,
        support_notes: input.supportNotes ?? null,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where("id", "=", referralId)
      .where("version", "=", input.version)
      .execute();
    await audit(trx, actor, {
      action: "referral.update",
      entityType: "referral",
      entityId: referralId,
      personId: before.person_id,
      details: { changed },
    });
    return true;
  });
}
