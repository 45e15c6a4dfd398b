import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { hhmm, minutesOf, sessionsBetween, type WeeklySlot } from "~/directory/schedule";
import { addDays } from "~/calendar";
import { FieldError, RefusedError } from "~/errors";
import { onceByKey } from "~/idempotency.server";

/** The weekly slots of some activities, each with its activity's id. */
async function schedulesOfActivities(
  db: Executor,
  activityIds: readonly string[],
): Promise<(WeeklySlot & { activity_id: string })[]> {
  if (activityIds.length === 0) return [];
  return db
    .selectFrom("activity_schedule")
    .select([
      "id",
      "activity_id",
      "weekday",
      "start_time as startTime",
      "end_time as endTime",
      "valid_from as validFrom",
      "valid_to as validTo",
    ])
    .where("activity_id", "in", activityIds)
    .execute();
}

const schedulesOf = (db: Executor, activityId: string): Promise<WeeklySlot[]> =>
  schedulesOfActivities(db, [activityId]);

/**
 * Creates the sessions an activity's weekly schedule gives between two dates. Idempotent: the slot key
 * (activity, date, start time) makes a second run, or two at once, add nothing twice.
 */
export async function ensureSessions(db: Executor, activityId: string, from: string, to: string): Promise<number> {
  const slots = sessionsBetween(await schedulesOf(db, activityId), from, to);
  if (slots.length === 0) return 0;
  const res = await db
    .insertInto("activity_session")
    .values(
      slots.map((s) => ({
        activity_id: activityId,
        session_date: s.date,
        start_time: s.startTime,
        end_time: s.endTime,
      })),
    )
    .onConflict((oc) => oc.columns(["activity_id", "session_date", "start_time"]).doNothing())
    .returning("id")
    .execute();
  return res.length;
}

export async function generateSessions(
  db: Kysely<DB>,
  actor: AuditActor,
  activityId: string,
  from: string,
  weeks: number,
) {
  return db.transaction().execute(async (trx) => {
    const created = await ensureSessions(trx, activityId, from, addDays(from, weeks * 7 - 1));
    await audit(trx, actor, {
      action: "session.generate",
      entityType: "activity",
      entityId: activityId,
      details: { from, weeks, created },
    });
    return created;
  });
}

/**
 * Opens a session the schedule says runs on that date at that time (the lead's "open register" on the day), once:
 * a second call finds the same session. Returns its id.
 * @throws FieldError (at "form") when the schedule has no session then
 */
export async function openScheduledSession(
  db: Kysely<DB>,
  actor: AuditActor,
  activityId: string,
  date: string,
  startTime: string,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const slot = sessionsBetween(await schedulesOf(trx, activityId), date, date).find(
      (s) => s.startTime === hhmm(startTime),
    );
    if (!slot) throw new FieldError("form", "That session is not on today's schedule");
    await ensureSessions(trx, activityId, date, date);
    const row = await trx
      .selectFrom("activity_session")
      .select("id")
      .where("activity_id", "=", activityId)
      .where("session_date", "=", date)
      .where("start_time", "=", slot.startTime)
      .executeTakeFirstOrThrow();
    await audit(trx, actor, {
      action: "session.open",
      entityType: "activity_session",
      entityId: row.id,
      details: { activityId },
    });
    return row.id;
  });
}

/**
 * A one-off session (an extra date or an event), returning its id. Once per idempotency key, two posts at once
 * included (app/idempotency.server.ts); refuses a clash with another session with a FieldError.
 */
export async function addOneOffSession(
  db: Kysely<DB>,
  actor: AuditActor,
  activityId: string,
  input: { sessionDate: string; startTime: string; endTime: string },
  idempotencyKey: string,
) {
  const start = minutesOf(input.startTime);
  const end = minutesOf(input.endTime);
  if (start === null) throw new FieldError("startTime", "Enter a start time in the 24-hour clock, like 10:30");
  if (end === null) throw new FieldError("endTime", "Enter an end time in the 24-hour clock, like 11:30");
  if (end <= start) throw new FieldError("endTime", "The end time must be after the start time");
  const earlier = async (ex: Executor) =>
    (
      await ex
        .selectFrom("activity_session")
        .select("id")
        .where("idempotency_key", "=", idempotencyKey)
        .executeTakeFirst()
    )?.id;
  return onceByKey(
    "activity_session_idempotency_key_key",
    () => earlier(db),
    () =>
      db.transaction().execute(async (trx) => {
        const again = await earlier(trx);
        if (again) return again;
        const sameDay = await trx
          .selectFrom("activity_session")
          .select(["id", "start_time", "end_time", "idempotency_key"])
          .where("activity_id", "=", activityId)
          .where("session_date", "=", input.sessionDate)
          .where("status", "!=", "cancelled")
          .execute();
        // This very form, posted twice at once, may have committed between the key look-up above and this read:
        // the session it made is not a clash but the answer.
        const own = sameDay.find((s) => s.idempotency_key === idempotencyKey);
        if (own) return own.id;
        const clash = sameDay.find((s) => start < minutesOf(s.end_time)! && minutesOf(s.start_time)! < end);
        if (clash)
          throw new FieldError(
            "startTime",
            `There is already a session from ${hhmm(clash.start_time)} to ${hhmm(clash.end_time)} that day`,
          );
        const row = await trx
          .insertInto("activity_session")
          .values({
            activity_id: activityId,
            session_date: input.sessionDate,
            start_time: input.startTime,
            end_time: input.endTime,
            ad_hoc: true,
            idempotency_key: idempotencyKey,
          })
          .onConflict((oc) => oc.columns(["activity_id", "session_date", "start_time"]).doNothing())
          .returning("id")
          .executeTakeFirst();
        if (!row) {
          // The session at that time may be this very form's, posted twice at once: the insert waited for the first
          // post to commit, which this statement now sees.
          const same = await earlier(trx);
          if (same) return same;
          throw new FieldError("startTime", "There is already a session at that time that day");
        }
        await audit(trx, actor, {
          action: "session.add",
          entityType: "activity_session",
          entityId: row.id,
          details: { activityId, adHoc: true },
        });
        return row.id;
      }),
  );
}

/** Cancels a session that has no register yet; a held session's register is kept as it is. */
export async function cancelSession(
  db: Kysely<DB>,
  actor: AuditActor,
  activityId: string,
  sessionId: string,
  reason: string,
) {
  return db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom("activity_session")
      .select(["status", "register_saved_at"])
      .where("id", "=", sessionId)
      .where("activity_id", "=", activityId)
      .forUpdate()
      .executeTakeFirst();
    if (!s) return "missing" as const;
    if (s.register_saved_at)
      throw new RefusedError("This session already has a register, so it cannot be cancelled", "reason");
    if (s.status === "cancelled") return "done" as const;
    await trx
      .updateTable("activity_session")
      .set({ status: "cancelled", cancel_reason: reason, register_version: sql`register_version + 1` })
      .where("id", "=", sessionId)
      .execute();
    await audit(trx, actor, {
      action: "session.cancel",
      entityType: "activity_session",
      entityId: sessionId,
      details: { activityId },
    });
    return "done" as const;
  });
}

export async function listSessions(db: Executor, activityId: string, from: string, to: string) {
  return db
    .selectFrom("activity_session as s")
    .select([
      "s.id",
      "s.session_date",
      "s.start_time",
      "s.end_time",
      "s.status",
      "s.ad_hoc",
      "s.other_attendees",
      "s.register_saved_at",
    ])
    .select((eb) =>
      eb
        .selectFrom("attendance as t")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("t.session_id", "=", "s.id")
        .where("t.status", "=", "present")
        .as("present"),
    )
    .where("s.activity_id", "=", activityId)
    .where("s.session_date", ">=", from)
    .where("s.session_date", "<=", to)
    .orderBy("s.session_date")
    .orderBy("s.start_time")
    .execute();
}

/** The group activities (one-to-one schemes have no sessions) `userId` leads, each id and name; `activeOnly`: running now. */
function groupActivitiesLed(db: Executor, userId: string, { activeOnly }: { activeOnly: boolean }) {
  return db
    .selectFrom("activity as a")
    .innerJoin("activity_lead as l", "l.activity_id", "a.id")
    .select(["a.id", "a.name"])
    .where("l.user_id", "=", userId)
    .where("a.format", "!=", "one_to_one")
    .$if(activeOnly, (q) => q.where("a.status", "=", "active"))
    .execute();
}

/**
 * Today's sessions across the activities a lead runs: those already created, and the ones the weekly schedule
 * says happen today but that nobody has opened yet (the lead opens them with one button).
 */
export async function todaysSessions(db: Executor, userId: string, today: string) {
  const activities = await groupActivitiesLed(db, userId, { activeOnly: false });
  if (activities.length === 0) return [];
  const ids = activities.map((a) => a.id);
  const nameOf = new Map(activities.map((a) => [a.id, a.name]));
  const [existing, schedules] = await Promise.all([
    db
      .selectFrom("activity_session")
      .select(["id", "activity_id", "start_time", "end_time", "status", "register_saved_at", "other_attendees"])
      .where("activity_id", "in", ids)
      .where("session_date", "=", today)
      .execute(),
    schedulesOfActivities(db, ids),
  ]);
  const out = existing.map((s) => ({
    activityId: s.activity_id,
    activityName: nameOf.get(s.activity_id)!,
    sessionId: s.id as string | null,
    startTime: hhmm(s.start_time),
    endTime: hhmm(s.end_time),
    status: s.status,
    saved: s.register_saved_at !== null,
  }));
  for (const id of ids) {
    for (const slot of sessionsBetween(
      schedules.filter((s) => s.activity_id === id),
      today,
      today,
    )) {
      if (out.some((o) => o.activityId === id && o.startTime === slot.startTime)) continue;
      out.push({
        activityId: id,
        activityName: nameOf.get(id)!,
        sessionId: null,
        startTime: slot.startTime,
        endTime: slot.endTime,
        status: "scheduled",
        saved: false,
      });
    }
  }
  return out.sort((a, b) => a.startTime.localeCompare(b.startTime));
}

/** How far ahead the lead's home looks for their next session: eight weeks covers a fortnightly or monthly group. */
export const NEXT_SESSION_HORIZON_DAYS = 56;

/**
 * The lead's next group session after today ('YYYY-MM-DD' dates, UK), from sessions already made (not cancelled)
 * and the weekly schedules, within NEXT_SESSION_HORIZON_DAYS; null when none is planned. A scheduled slot whose
 * session was cancelled is not offered.
 */
export async function nextSessionAfter(db: Executor, userId: string, today: string) {
  const activities = await groupActivitiesLed(db, userId, { activeOnly: true });
  if (activities.length === 0) return null;
  const ids = activities.map((a) => a.id);
  const from = addDays(today, 1);
  const to = addDays(today, NEXT_SESSION_HORIZON_DAYS);
  const [made, schedules] = await Promise.all([
    db
      .selectFrom("activity_session")
      .select(["activity_id", sql<string>`session_date::text`.as("date"), "start_time", "end_time", "status"])
      .where("activity_id", "in", ids)
      .where("session_date", ">=", from)
      .where("session_date", "<=", to)
      .execute(),
    schedulesOfActivities(db, ids),
  ]);
  const candidates = [
    ...made
      .filter((s) => s.status !== "cancelled")
      .map((s) => ({
        activityId: s.activity_id,
        date: s.date,
        startTime: hhmm(s.start_time),
        endTime: hhmm(s.end_time),
      })),
    ...ids.flatMap((id) =>
      sessionsBetween(
        schedules.filter((s) => s.activity_id === id),
        from,
        to,
      )
        .filter(
          (slot) =>
            !made.some((m) => m.activity_id === id && m.date === slot.date && hhmm(m.start_time) === slot.startTime),
        )
        .map((slot) => ({ activityId: id, ...slot })),
    ),
  ].sort((a, b) => (a.date === b.date ? a.startTime.localeCompare(b.startTime) : a.date.localeCompare(b.date)));
  const next = candidates[0];
  if (!next) return null;
  return { ...next, activityName: activities.find((a) => a.id === next.activityId)!.name };
}

/**
 * The lead's group sessions from `from` up to the day before `today` ('YYYY-MM-DD', UK) that are not cancelled and
 * have no register saved: the registers still to take, oldest first, each with its activity's name. Reads no people.
 */
export async function registersNotTaken(db: Executor, userId: string, from: string, today: string) {
  const rows = await db
    .selectFrom("activity_session as s")
    .innerJoin("activity as a", "a.id", "s.activity_id")
    .innerJoin("activity_lead as l", "l.activity_id", "a.id")
    .select(["s.id", "s.activity_id", "a.name", "s.session_date", "s.start_time", "s.end_time"])
    .where("l.user_id", "=", userId)
    .where("a.format", "!=", "one_to_one")
    .where("s.status", "!=", "cancelled")
    .where("s.register_saved_at", "is", null)
    .where("s.session_date", ">=", from)
    .where("s.session_date", "<", today)
    .orderBy("s.session_date")
    .orderBy("s.start_time")
    .execute();
  return rows.map((s) => ({
    sessionId: s.id,
    activityId: s.activity_id,
    activityName: s.name,
    date: s.session_date,
    startTime: hhmm(s.start_time),
    endTime: hhmm(s.end_time),
  }));
}
