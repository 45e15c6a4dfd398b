import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { conflictOn } from "~/versioned.server";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { onceByKey } from "~/idempotency.server";
import type { ActivityInput } from "./forms";
import { scheduleProblem, type WeeklySlot } from "./schedule";
import { FieldError } from "~/errors";
import { runsActivityLedBy } from "./providers.server";

export async function referenceLists(db: Executor) {
  const [categories, districts] = await Promise.all([
    db.selectFrom("activity_category").select(["code", "label"]).orderBy("label").execute(),
    db.selectFrom("district").select(["code", "name"]).orderBy("name").execute(),
  ]);
  return { categories, districts };
}

/** Providers a new activity may be added under: all of them, or those the lead already runs activities for. */
export async function providerChoices(db: Executor, onlyLedBy: string | null) {
  let q = db.selectFrom("provider as p").select(["p.id", "p.name"]);
  if (onlyLedBy) q = q.where(runsActivityLedBy(onlyLedBy));
  return q.orderBy("p.name").execute();
}

type Row = Omit<ActivityInput, "version">;

function columns(input: Row) {
  return {
    provider_id: input.providerId,
    name: input.name,
    description: input.description,
    category_code: input.categoryCode,
    format: input.format,
    address: input.address,
    postcode: input.postcode,
    district_code: input.districtCode,
    capacity: input.capacity,
    cost: input.free === "yes" ? null : input.cost,
    free: input.free === "yes",
    accessibility: input.accessibility,
    min_age: input.minAge,
    max_age: input.maxAge,
    eligibility: input.eligibility,
    transport: input.transport,
    transport_zones: input.transportZones,
    referral_mode: input.referralMode,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    contact_email: input.contactEmail,
    last_checked_on: input.lastCheckedOn,
    status: input.status,
  };
}

async function checkReferences(trx: Executor, input: Row, providerIds: string[] | null) {
  const category = await trx
    .selectFrom("activity_category")
    .select("code")
    .where("code", "=", input.categoryCode)
    .executeTakeFirst();
  if (!category) throw new FieldError("categoryCode", "Select a category from the list");
  if (input.districtCode) {
    const district = await trx
      .selectFrom("district")
      .select("code")
      .where("code", "=", input.districtCode)
      .executeTakeFirst();
    if (!district) throw new FieldError("districtCode", "Select a district from the list");
  }
  const provider = await trx.selectFrom("provider").select("id").where("id", "=", input.providerId).executeTakeFirst();
  if (!provider || (providerIds && !providerIds.includes(input.providerId)))
    throw new FieldError("providerId", "Select a provider from the list");
}

/**
 * Adds an activity once per idempotency key (two posts at once included: app/idempotency.server.ts). A lead adding an activity becomes one of its leads, and may only
 * add it under a provider they already work with (`allowedProviders`).
 */
export async function createActivity(
  db: Kysely<DB>,
  actor: AuditActor,
  input: Row,
  idempotencyKey: string,
  opts: { allowedProviders: string[] | null; leadUserId: string | null },
) {
  const earlier = async (ex: Executor) =>
    (await ex.selectFrom("activity").select("id").where("idempotency_key", "=", idempotencyKey).executeTakeFirst())?.id;
  return onceByKey(
    "activity_idempotency_key_key",
    () => earlier(db),
    () =>
      db.transaction().execute(async (trx) => {
        const existing = await earlier(trx);
        if (existing) return existing;
        await checkReferences(trx, input, opts.allowedProviders);
        const { id } = await trx
          .insertInto("activity")
          .values({ ...columns(input), idempotency_key: idempotencyKey })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (opts.leadUserId)
          await trx.insertInto("activity_lead").values({ activity_id: id, user_id: opts.leadUserId }).execute();
        await audit(trx, actor, {
          action: "activity.create",
          entityType: "activity",
          entityId: id,
          details: { providerId: input.providerId, category: input.categoryCode },
        });
        return id;
      }),
  );
}

export async function getActivityForEdit(db: Executor, id: string) {
  return db.selectFrom("activity").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateActivity(
  db: Kysely<DB>,
  actor: AuditActor,
  id: string,
  expectedVersion: number,
  input: Row,
  allowedProviders: string[] | null,
) {
  return db.transaction().execute(async (trx) => {
    await checkReferences(trx, input, allowedProviders);
    const res = await trx
      .updateTable("activity")
      .set({ ...columns(input), version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw await conflictOn(trx, "activity", id);
    await audit(trx, actor, {
      action: "activity.update",
      entityType: "activity",
      entityId: id,
      details: { fields: Object.keys(input) },
    });
  });
}

export async function listActivitySchedules(db: Executor, activityId: string) {
  const rows = await db
    .selectFrom("activity_schedule")
    .select(["id", "weekday", "start_time", "end_time", "valid_from", "valid_to"])
    .where("activity_id", "=", activityId)
    .orderBy("weekday")
    .orderBy("start_time")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    weekday: r.weekday,
    startTime: r.start_time,
    endTime: r.end_time,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

/** Adds a weekly slot unless it is impossible or overlaps another of the activity's slots. */
export async function addSchedule(db: Kysely<DB>, actor: AuditActor, activityId: string, slot: WeeklySlot) {
  return db.transaction().execute(async (trx) => {
    // Lock the activity so two slots saved at once are checked against each other.
    await trx.selectFrom("activity").select("id").where("id", "=", activityId).forUpdate().executeTakeFirstOrThrow();
    const others = await trx
      .selectFrom("activity_schedule")
      .select([
        "id",
        "weekday",
        "start_time as startTime",
        "end_time as endTime",
        "valid_from as validFrom",
        "valid_to as validTo",
      ])
      .where("activity_id", "=", activityId)
      .execute();
    const problem = scheduleProblem(slot, others);
    if (problem) throw new FieldError(problem.field, problem.message);
    const { id } = await trx
      .insertInto("activity_schedule")
      .values({
        activity_id: activityId,
        weekday: slot.weekday,
        start_time: slot.startTime,
        end_time: slot.endTime,
        valid_from: slot.validFrom,
        valid_to: slot.validTo,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, {
      action: "activity.schedule-add",
      entityType: "activity",
      entityId: activityId,
      details: { scheduleId: id, weekday: slot.weekday },
    });
    return id;
  });
}

/** Ends a weekly slot: sessions already generated stay (with their registers); no new ones come from it. */
export async function removeSchedule(db: Kysely<DB>, actor: AuditActor, activityId: string, scheduleId: string) {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom("activity_schedule")
      .where("id", "=", scheduleId)
      .where("activity_id", "=", activityId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return false;
    await audit(trx, actor, {
      action: "activity.schedule-remove",
      entityType: "activity",
      entityId: activityId,
      details: { scheduleId },
    });
    return true;
  });
}
