// Each activity's follow-up schedule: weeks after the first session, and the least days after the baseline a
// follow-up must be to count as change (app/measures/follow-up-interval.ts). No row means the defaults, 6 and 12
// weeks and 28 days. Someone who leads activities changes only their own; a directory administrator any of them.

import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { can, type Role } from "~/auth/roles";
import { MIN_FOLLOW_UP_DAYS } from "./follow-up-interval";
import { DEFAULT_FOLLOW_UP_WEEKS } from "./time-points";

export interface FollowUpScheduleRow {
  activityId: string;
  activityName: string;
  providerName: string;
  weeks: number[];
  /** Least days after the baseline a follow-up counts as change. */
  minFollowUpDays: number;
  isDefault: boolean;
  /** 0 while the activity uses the default. */
  version: number;
}

interface Who {
  id: string;
  role: Role;
}

export async function listFollowUpSchedules(db: Executor, user: Who): Promise<FollowUpScheduleRow[]> {
  const rows = await activitiesInScope(db, user)
    .innerJoin("provider as p", "p.id", "a.provider_id")
    .leftJoin("measure_schedule as ms", "ms.activity_id", "a.id")
    .select(["a.id", "a.name", "p.name as provider_name", "ms.follow_up_weeks", "ms.min_follow_up_days", "ms.version"])
    .orderBy("p.name")
    .orderBy("a.name")
    .execute();
  return rows.map((r) => ({
    activityId: r.id,
    activityName: r.name,
    providerName: r.provider_name,
    weeks: r.follow_up_weeks ?? [...DEFAULT_FOLLOW_UP_WEEKS],
    minFollowUpDays: r.min_follow_up_days ?? MIN_FOLLOW_UP_DAYS,
    isDefault: r.follow_up_weeks === null,
    version: r.version ?? 0,
  }));
}

export type SetScheduleResult = "saved" | "not_found" | "stale";

/**
 * Sets an activity's follow-up weeks and minimum days between baseline and a counted follow-up (already checked
 * with parseFollowUpWeeks and parseMinFollowUpDays), guarded by the version the user saw (0 = still the default).
 */
export async function setFollowUpSchedule(
  db: Kysely<DB>,
  actor: AuditActor,
  user: Who,
  input: { activityId: string; weeks: number[]; minFollowUpDays: number; expectedVersion: number },
): Promise<SetScheduleResult> {
  return db.transaction().execute(async (trx) => {
    const allowed = (await followUpScheduleScope(trx, user)).has(input.activityId);
    if (!allowed) return "not_found";
    const current = await trx
      .selectFrom("measure_schedule")
      .select("version")
      .where("activity_id", "=", input.activityId)
      .forUpdate()
      .executeTakeFirst();
    if ((current?.version ?? 0) !== input.expectedVersion) return "stale";
    if (current) {
      await trx
        .updateTable("measure_schedule")
        .set({
          follow_up_weeks: input.weeks,
          min_follow_up_days: input.minFollowUpDays,
          updated_by: actor.userId,
          updated_at: sql`now()`,
          version: sql`version + 1`,
        })
        .where("activity_id", "=", input.activityId)
        .execute();
    } else {
      await trx
        .insertInto("measure_schedule")
        .values({
          activity_id: input.activityId,
          follow_up_weeks: input.weeks,
          min_follow_up_days: input.minFollowUpDays,
          updated_by: actor.userId,
        })
        .execute();
    }
    await audit(trx, actor, {
      action: "measure-schedule.update",
      entityType: "activity",
      entityId: input.activityId,
      details: { weeks: input.weeks, minFollowUpDays: input.minFollowUpDays },
    });
    return "saved";
  });
}

async function followUpScheduleScope(trx: Executor, user: Who): Promise<Set<string>> {
  const rows = await activitiesInScope(trx, user).select("a.id").execute();
  return new Set(rows.map((r) => r.id));
}

/** The activities whose schedule `user` may see and change: those not closed, and for a lead only their own. */
function activitiesInScope(db: Executor, user: Who) {
  return db
    .selectFrom("activity as a")
    .where("a.status", "!=", "closed")
    .$if(can(user.role, "activities:lead"), (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("activity_lead as l")
            .select("l.activity_id")
            .whereRef("l.activity_id", "=", "a.id")
            .where("l.user_id", "=", user.id),
        ),
      ),
    );
}
