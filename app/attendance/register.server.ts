import { sql } from "kysely";
import { getDb } from "@db/index";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { transitionReferral } from "~/referrals/transition.server";
import { auditPeopleShown, leadPersonColumns } from "./participants.server";
import { countMarks, type RegisterSubmission } from "./register";

/** Someone saved this register after it was loaded. */
export class RegisterConflictError extends Error {
  constructor(public currentVersion: number) {
    super("register changed");
  }
}

export class RegisterRefusedError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

const REGISTER_STATUSES = ["accepted", "attending"] as const;

async function sessionOf(db: Executor, activityId: string, sessionId: string, lock: boolean) {
  let q = db
    .selectFrom("activity_session")
    .select(["id", "activity_id", "session_date", "start_time", "end_time", "status", "ad_hoc", "other_attendees", "register_version", "register_saved_at", "register_saved_by", "register_save_key", "cancel_reason"])
    .where("id", "=", sessionId)
    .where("activity_id", "=", activityId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * Who belongs on a session's register: people with an accepted or attending referral, and anyone already marked.
 * Each half is picked from its own index (referral by activity and status, attendance by session) before the join:
 * an OR across the join would read the activity's whole referral history.
 */
async function participants(db: Executor, activityId: string, sessionId: string) {
  return db
    .selectFrom("referral as r")
    .innerJoin("person as p", "p.id", "r.person_id")
    .leftJoin("attendance as t", (j) => j.onRef("t.referral_id", "=", "r.id").on("t.session_id", "=", sessionId))
    .select(["r.id as referral_id", "r.person_id", "r.status as referral_status", "t.status as mark", ...leadPersonColumns])
    .where("r.id", "in", (eb) =>
      eb
        .selectFrom("referral")
        .select("id")
        .where("activity_id", "=", activityId)
        .where("status", "in", REGISTER_STATUSES)
        .union(eb.selectFrom("attendance").select("attendance.referral_id as id").where("session_id", "=", sessionId)),
    )
    .where("r.activity_id", "=", activityId)
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .execute();
}

/** The register as the lead sees it; every person shown is audited in the same transaction. */
export async function loadRegister(actor: AuditActor, activityId: string, sessionId: string) {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const session = await sessionOf(trx, activityId, sessionId, false);
    if (!session) return null;
    const people = await participants(trx, activityId, sessionId);
    await auditPeopleShown(trx, actor, "register.view", people.map((p) => ({ personId: p.person_id, referralId: p.referral_id })), { sessionId, activityId });
    return { session, people };
  });
}

export type SaveOutcome = { kind: "saved" | "already-saved"; registerVersion: number; counts: ReturnType<typeof countMarks>; otherAttendees: number };

/**
 * Saves a whole register in one transaction: all marks, the count of others, the version bump and one audit row,
 * or nothing. A stale version is a conflict (never a lost update); a resubmission of the save already applied
 * (same idempotency key) is answered as done without writing again.
 */
export async function saveRegister(actor: AuditActor, activityId: string, sessionId: string, input: RegisterSubmission, today: string): Promise<SaveOutcome> {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const session = await sessionOf(trx, activityId, sessionId, true);
    if (!session) throw new RegisterRefusedError("form", "Session not found");
    if (session.register_save_key === input.idempotencyKey) {
      return { kind: "already-saved", registerVersion: session.register_version, counts: countMarks(input.marks), otherAttendees: session.other_attendees };
    }
    if (session.status === "cancelled") throw new RegisterRefusedError("form", "This session was cancelled, so it has no register");
    if (session.session_date > today) throw new RegisterRefusedError("form", "This session has not happened yet. Record its register on the day");
    if (session.register_version !== input.registerVersion) throw new RegisterConflictError(session.register_version);

    const eligible = new Map((await participants(trx, activityId, sessionId)).map((p) => [p.referral_id, p]));
    for (const referralId of Object.keys(input.marks)) {
      if (!eligible.has(referralId)) throw new RegisterRefusedError(`mark-${referralId}`, "This person is not referred to this activity, so they cannot be marked on its register");
    }

    // Two registers of one activity can be saved at once with the same people on both. Lock every marked
    // referral in id order before writing anything (the attendance foreign keys take share locks on them), so
    // such saves queue instead of deadlocking; the statuses read under the lock decide who moves to attending.
    const markedIds = Object.keys(input.marks).sort();
    const lockedStatus = new Map<string, string>();
    if (markedIds.length) {
      const locked = await trx.selectFrom("referral").select(["id", "status"]).where("id", "in", markedIds).orderBy("id").forUpdate().execute();
      for (const r of locked) lockedStatus.set(r.id, r.status);
    }

    const rows = Object.entries(input.marks).map(([referralId, status]) => ({
      session_id: sessionId,
      referral_id: referralId,
      person_id: eligible.get(referralId)!.person_id,
      status,
      recorded_by: actor.userId,
    }));
    if (rows.length) {
      await trx
        .insertInto("attendance")
        .values(rows)
        .onConflict((oc) =>
          oc.columns(["session_id", "referral_id"]).doUpdateSet({ status: (eb) => eb.ref("excluded.status"), recorded_by: (eb) => eb.ref("excluded.recorded_by"), recorded_at: sql`now()` }),
        )
        .execute();
    }
    // The register is exactly what was submitted: a mark taken off is removed.
    const unmarked = [...eligible.keys()].filter((id) => !(id in input.marks));
    if (unmarked.length) await trx.deleteFrom("attendance").where("session_id", "=", sessionId).where("referral_id", "in", unmarked).execute();

    // A first attendance moves an accepted referral on to "attending", dated by the session.
    for (const referralId of markedIds) {
      if (input.marks[referralId] === "present" && lockedStatus.get(referralId) === "accepted") {
        await transitionReferral(trx, actor, { referralId, to: "attending", actor: "system", onDate: session.session_date });
      }
    }

    const bumped = await trx
      .updateTable("activity_session")
      .set({
        register_version: sql`register_version + 1`,
        other_attendees: input.otherAttendees,
        register_saved_at: sql`now()`,
        register_saved_by: actor.userId,
        register_save_key: input.idempotencyKey,
        status: "held",
      })
      .where("id", "=", sessionId)
      .where("register_version", "=", input.registerVersion)
      .returning("register_version")
      .executeTakeFirst();
    if (!bumped) throw new RegisterConflictError(session.register_version);
    const counts = countMarks(input.marks);
    await audit(trx, actor, {
      action: "register.save",
      entityType: "activity_session",
      entityId: sessionId,
      details: { activityId, ...counts, otherAttendees: input.otherAttendees, referralIds: Object.keys(input.marks) },
    });
    return { kind: "saved", registerVersion: bumped.register_version, counts, otherAttendees: input.otherAttendees };
  });
}
