import { sql, type Kysely } from "kysely";
import { conflictOn } from "~/versioned.server";
import type { DB } from "@db/types";
import { audit, auditListing, type AuditActor, type Executor } from "~/audit/audit.server";
import { onceByKey } from "~/idempotency.server";
import { canBeMatched, dbsStatus } from "~/directory/volunteers";
import { transitionReferral } from "~/referrals/transition.server";
import { leadReferralColumns } from "./participants.server";
import { requireConsent } from "~/people/consent.server";
import { FieldError } from "~/errors";

export async function listVolunteers(db: Executor, providerId: string, today: string) {
  const rows = await db
    .selectFrom("volunteer")
    .select(["id", "name", "phone", "email", "dbs_checked_on", "dbs_renewal_due_on", "active", "version"])
    .where("provider_id", "=", providerId)
    .orderBy("active", "desc")
    .orderBy("name")
    .execute();
  return rows.map((v) => ({ ...v, dbs: dbsStatus(v.dbs_checked_on, v.dbs_renewal_due_on, today) }));
}

export interface VolunteerInput {
  name: string;
  phone: string | null;
  email: string | null;
  dbsCheckedOn: string | null;
  dbsRenewalDueOn: string | null;
}

function checkDbsDates(v: VolunteerInput, today: string) {
  if (v.dbsCheckedOn && v.dbsCheckedOn > today)
    throw new FieldError("dbsCheckedOn", "The DBS check date cannot be in the future");
  if (v.dbsRenewalDueOn && !v.dbsCheckedOn)
    throw new FieldError("dbsCheckedOn", "Enter the date of the DBS check as well as its renewal date");
  if (v.dbsRenewalDueOn && v.dbsCheckedOn && v.dbsRenewalDueOn <= v.dbsCheckedOn)
    throw new FieldError("dbsRenewalDueOn", "The renewal date must be after the check date");
}

export async function addVolunteer(
  db: Kysely<DB>,
  actor: AuditActor,
  providerId: string,
  v: VolunteerInput,
  idempotencyKey: string,
  today: string,
) {
  checkDbsDates(v, today);
  const earlier = async (ex: Executor) =>
    (await ex.selectFrom("volunteer").select("id").where("idempotency_key", "=", idempotencyKey).executeTakeFirst())
      ?.id;
  return onceByKey(
    "volunteer_idempotency_key_key",
    () => earlier(db),
    () =>
      db.transaction().execute(async (trx) => {
        const again = await earlier(trx);
        if (again) return again;
        const { id } = await trx
          .insertInto("volunteer")
          .values({
            provider_id: providerId,
            name: v.name,
            phone: v.phone,
            email: v.email,
            dbs_checked_on: v.dbsCheckedOn,
            dbs_renewal_due_on: v.dbsRenewalDueOn,
            idempotency_key: idempotencyKey,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await audit(trx, actor, {
          action: "volunteer.create",
          entityType: "volunteer",
          entityId: id,
          details: { providerId, dbsRecorded: Boolean(v.dbsCheckedOn) },
        });
        return id;
      }),
  );
}

export async function updateVolunteer(
  db: Kysely<DB>,
  actor: AuditActor,
  providerId: string,
  volunteerId: string,
  expectedVersion: number,
  v: VolunteerInput & { active: boolean },
  today: string,
) {
  checkDbsDates(v, today);
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("volunteer")
      .set({
        name: v.name,
        phone: v.phone,
        email: v.email,
        dbs_checked_on: v.dbsCheckedOn,
        dbs_renewal_due_on: v.dbsRenewalDueOn,
        active: v.active,
        version: sql`version + 1`,
      })
      .where("id", "=", volunteerId)
      .where("provider_id", "=", providerId)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw await conflictOn(trx, "volunteer", volunteerId);
    await audit(trx, actor, {
      action: "volunteer.update",
      entityType: "volunteer",
      entityId: volunteerId,
      details: { providerId, fields: ["name", "phone", "email", "dbs_checked_on", "dbs_renewal_due_on", "active"] },
    });
  });
}

/**
 * People on a befriending scheme (accepted or attending), each with their current befriender and recent calls. The
 * board names people, so it is audited as a list (docs/decisions/0781): its own `befriending.view` row (the activity,
 * how many shown) and one `person.listed` row per person, naming the referral shown, in the read's transaction.
 */
export async function befriendingBoard(db: Kysely<DB>, actor: AuditActor, activityId: string) {
  return db.transaction().execute(async (trx) => {
    const people = await trx
      .selectFrom("referral as r")
      .innerJoin("person as p", "p.id", "r.person_id")
      .leftJoin("befriending_match as m", (j) => j.onRef("m.referral_id", "=", "r.id").on("m.ended_on", "is", null))
      .leftJoin("volunteer as v", "v.id", "m.volunteer_id")
      .select([
        "r.id as referral_id",
        "r.person_id",
        "r.status",
        "p.given_name",
        "p.family_name",
        "p.preferred_name",
        "p.phone",
        "p.preferred_contact",
        "p.communication_needs",
        ...leadReferralColumns,
        "m.id as match_id",
        "m.started_on",
        "v.name as volunteer_name",
      ])
      .where("r.activity_id", "=", activityId)
      .where("r.status", "in", ["accepted", "attending"])
      .orderBy("p.family_name")
      .execute();
    const matchIds = people.map((p) => p.match_id).filter((id): id is string => id !== null);
    const calls = matchIds.length
      ? await trx
          .selectFrom("befriending_call")
          .select(["id", "match_id", "call_date", "outcome", "duration_minutes"])
          .where("match_id", "in", matchIds)
          .orderBy("call_date", "desc")
          .limit(200)
          .execute()
      : [];
    await auditListing(
      trx,
      actor,
      { action: "befriending.view", entityType: "activity", entityId: activityId, details: { rows: people.length } },
      people.map((p) => ({ personId: p.person_id, entityType: "referral", entityId: p.referral_id })),
    );
    return people.map((p) => ({ ...p, calls: calls.filter((c) => c.match_id === p.match_id).slice(0, 4) }));
  });
}

/**
 * Matches a volunteer to a person; refused while the volunteer's DBS check is missing or expired, and unless the
 * person's consent to contact by a volunteer is recorded as given (RefusedError at "referralId").
 */
export async function matchVolunteer(
  db: Kysely<DB>,
  actor: AuditActor,
  activity: { id: string; provider_id: string },
  referralId: string,
  volunteerId: string,
  today: string,
) {
  return db.transaction().execute(async (trx) => {
    const referral = await trx
      .selectFrom("referral")
      .select(["id", "person_id", "status"])
      .where("id", "=", referralId)
      .where("activity_id", "=", activity.id)
      .forUpdate()
      .executeTakeFirst();
    if (!referral || !["accepted", "attending"].includes(referral.status))
      throw new FieldError("referralId", "Select a person who has been accepted onto this scheme");
    const v = await trx
      .selectFrom("volunteer")
      .select(["id", "name", "active", "dbs_checked_on", "dbs_renewal_due_on"])
      .where("id", "=", volunteerId)
      .where("provider_id", "=", activity.provider_id)
      .executeTakeFirst();
    if (!v || !v.active) throw new FieldError("volunteerId", "Select one of this scheme's active volunteers");
    const status = dbsStatus(v.dbs_checked_on, v.dbs_renewal_due_on, today);
    if (!canBeMatched(status)) {
      const why = status === "missing" ? "no DBS check is recorded" : "their DBS check has expired";
      throw new FieldError("volunteerId", `${v.name} cannot be matched: ${why}. Record a current DBS check first`);
    }
    const current = await trx
      .selectFrom("befriending_match")
      .select("id")
      .where("referral_id", "=", referralId)
      .where("ended_on", "is", null)
      .executeTakeFirst();
    if (current) throw new FieldError("referralId", "This person already has a befriender. End that match first");
    await requireConsent(trx, referral.person_id, "volunteer_contact", {
      action: "matched with a volunteer",
      field: "referralId",
    });
    const { id } = await trx
      .insertInto("befriending_match")
      .values({ referral_id: referralId, volunteer_id: volunteerId, started_on: today, created_by: actor.userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, {
      action: "befriending.match",
      entityType: "befriending_match",
      entityId: id,
      personId: referral.person_id,
      details: { referralId, volunteerId },
    });
    return id;
  });
}

export async function endMatch(db: Kysely<DB>, actor: AuditActor, activityId: string, matchId: string, today: string) {
  return db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom("befriending_match as m")
      .innerJoin("referral as r", "r.id", "m.referral_id")
      .select(["m.id", "r.person_id"])
      .where("m.id", "=", matchId)
      .where("r.activity_id", "=", activityId)
      .where("m.ended_on", "is", null)
      .executeTakeFirst();
    if (!m) return false;
    await trx.updateTable("befriending_match").set({ ended_on: today }).where("id", "=", matchId).execute();
    await audit(trx, actor, {
      action: "befriending.match-end",
      entityType: "befriending_match",
      entityId: matchId,
      personId: m.person_id,
      details: {},
    });
    return true;
  });
}

export interface CallInput {
  matchId: string;
  callDate: string;
  outcome: "done" | "no_answer" | "rearranged";
  durationMinutes: number | null;
  idempotencyKey: string;
}

/**
 * Records a weekly call once per key (two posts at once included: app/idempotency.server.ts), returning its id. A
 * first completed call on an accepted referral marks it as attending.
 */
export async function recordCall(
  db: Kysely<DB>,
  actor: AuditActor,
  activityId: string,
  input: CallInput,
  today: string,
) {
  if (input.callDate > today) throw new FieldError("callDate", "The call date cannot be in the future");
  if (input.outcome === "done" && input.durationMinutes === null)
    throw new FieldError("durationMinutes", "Enter how long the call lasted, in minutes");
  const earlier = async (ex: Executor) =>
    (
      await ex
        .selectFrom("befriending_call")
        .select("id")
        .where("idempotency_key", "=", input.idempotencyKey)
        .executeTakeFirst()
    )?.id;
  return onceByKey(
    "befriending_call_idempotency_key_key",
    () => earlier(db),
    () =>
      db.transaction().execute(async (trx) => {
        const again = await earlier(trx);
        if (again) return again;
        const m = await trx
          .selectFrom("befriending_match as m")
          .innerJoin("referral as r", "r.id", "m.referral_id")
          .select(["m.id", "m.started_on", "r.id as referral_id", "r.person_id", "r.status"])
          .where("m.id", "=", input.matchId)
          .where("r.activity_id", "=", activityId)
          .where("m.ended_on", "is", null)
          .executeTakeFirst();
        if (!m) throw new FieldError("matchId", "Select a current befriending match");
        if (input.callDate < m.started_on)
          throw new FieldError("callDate", "The call date is before this match started");
        const { id } = await trx
          .insertInto("befriending_call")
          .values({
            match_id: m.id,
            call_date: input.callDate,
            outcome: input.outcome,
            duration_minutes: input.outcome === "done" ? input.durationMinutes : null,
            recorded_by: actor.userId,
            idempotency_key: input.idempotencyKey,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (input.outcome === "done" && m.status === "accepted") {
          await transitionReferral(trx, actor, {
            referralId: m.referral_id,
            to: "attending",
            actor: "system",
            onDate: input.callDate,
          });
        }
        await audit(trx, actor, {
          action: "befriending.call",
          entityType: "befriending_call",
          entityId: id,
          personId: m.person_id,
          details: { matchId: m.id, outcome: input.outcome },
        });
        return id;
      }),
  );
}
