import { sql, type Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { preparedQuery } from "@db/prepared-query";
import type { DB } from "@db/types";
import { AUDIT_COLUMNS, auditSelect, type AuditActor, type Executor } from "~/audit/audit.server";
import { transitionReferral } from "~/referrals/transition.server";
import { leadPersonColumns, leadReferralColumns } from "./participants.server";
import { countMarks, type RegisterSubmission } from "./register";
import { ConflictError, NotFoundError, RefusedError } from "~/errors";

const REGISTER_STATUSES = ["accepted", "attending"] as const;

const sessionColumns = [
  "id",
  "activity_id",
  "session_date",
  "start_time",
  "end_time",
  "status",
  "ad_hoc",
  "other_attendees",
  "register_version",
  "register_saved_at",
  "register_saved_by",
  "register_save_key",
  "cancel_reason",
] as const;

// The statements a register runs on every view and save are compiled once (db/prepared-query.ts), and lists of
// people go in as arrays, so each statement's text is fixed and PostgreSQL plans it once per connection.
const lockedSession = preparedQuery((db, p: { activityId: string; sessionId: string }) =>
  db
    .selectFrom("activity_session")
    .select(sessionColumns)
    .where("id", "=", p.sessionId)
    .where("activity_id", "=", p.activityId)
    .forUpdate(),
);

/**
 * Who belongs on a session's register: people with an accepted or attending referral, and anyone already marked.
 * Each half is picked from its own index (referral by activity and status, attendance by session) before the join:
 * an OR across the join would read the activity's whole referral history.
 */
function participantsQuery(db: Kysely<DB>, activityId: string, sessionId: string) {
  return db
    .selectFrom("referral as r")
    .innerJoin("person as p", "p.id", "r.person_id")
    .leftJoin("attendance as t", (j) => j.onRef("t.referral_id", "=", "r.id").on("t.session_id", "=", sessionId))
    .select([
      "r.id as referral_id",
      "r.person_id",
      "r.status as referral_status",
      "t.status as mark",
      ...leadPersonColumns,
      ...leadReferralColumns,
    ])
    .where("r.id", "in", (eb) =>
      eb
        .selectFrom("referral")
        .select("id")
        .where("activity_id", "=", activityId)
        .where("status", "in", REGISTER_STATUSES)
        .union(eb.selectFrom("attendance").select("attendance.referral_id as id").where("session_id", "=", sessionId)),
    )
    .where("r.activity_id", "=", activityId);
}

/**
 * The register as the lead sees it, in one statement: the session, the people on its register in name order, and
 * the audit rows of a list that shows people (docs/decisions/0781): the register's own row (`register.view`, how
 * many were shown) and one `person.listed` row per person shown, naming the referral shown, with `details.list`
 * `register.view`. All are written by the same statement (docs/decisions/0014), so none is shown unless its row is
 * written, and nothing is written for a session that is not this activity's. A person on the register twice (two
 * referrals) is one disclosure and gets one row.
 */
const registerView = preparedQuery(
  (db, p: { activityId: string; sessionId: string; userId: string | null; role: string | null; requestId: string }) => {
    const ofThisActivity = sql<boolean>`exists (select 1 from activity_session s where s.id = ${p.sessionId} and s.activity_id = ${p.activityId})`;
    return (
      db
        .with("shown", () => participantsQuery(db, p.activityId, p.sessionId).where(ofThisActivity))
        .with("shown_audit", (qc) =>
          qc
            .insertInto("audit_event")
            .columns([...AUDIT_COLUMNS])
            .expression((eb) =>
              eb
                .selectFrom("activity_session")
                .select(
                  auditSelect(p, {
                    action: "register.view",
                    entityType: "activity_session",
                    entityId: sql`activity_session.id`,
                    personId: sql`null`,
                    details: sql`jsonb_build_object('activityId', ${p.activityId}::text, 'rows', (select count(*) from shown))`,
                  }),
                )
                .where("id", "=", p.sessionId)
                .where("activity_id", "=", p.activityId)
                .unionAll(
                  eb
                    .selectFrom(
                      eb
                        .selectFrom("shown")
                        .select([
                          "shown.person_id",
                          sql<string>`(array_agg(shown.referral_id order by shown.referral_id))[1]`.as("referral_id"),
                        ])
                        .groupBy("shown.person_id")
                        .as("each_person"),
                    )
                    .select(
                      auditSelect(p, {
                        action: "person.listed",
                        entityType: "referral",
                        entityId: sql`each_person.referral_id`,
                        personId: sql`each_person.person_id`,
                        details: sql`jsonb_build_object('list', ${"register.view"}::text)`,
                      }),
                    ),
                ),
            ),
        )
        .selectFrom("activity_session")
        .select(sessionColumns)
        // Who saved it last, by name: a co-lead told "someone saved first" sees whose marks they are choosing between.
        .select((eb) =>
          eb
            .selectFrom("app_user")
            .select("display_name")
            .whereRef("app_user.id", "=", "activity_session.register_saved_by")
            .as("register_saved_by_name"),
        )
        .select((eb) =>
          jsonArrayFrom(eb.selectFrom("shown").selectAll().orderBy("family_name").orderBy("given_name")).as("people"),
        )
        .where("id", "=", p.sessionId)
        .where("activity_id", "=", p.activityId)
    );
  },
);

/** The register as the lead sees it; every person shown is audited by the same statement. */
export async function loadRegister(db: Executor, actor: AuditActor, activityId: string, sessionId: string) {
  const [row] = await registerView(db, { activityId, sessionId, ...actor });
  if (!row) return null;
  const { people, ...session } = row;
  return { session, people };
}

/**
 * The register's people with their referrals locked, in id order. Two registers of one activity can be saved at
 * once with the same people on both; locking in one order makes such saves queue instead of deadlocking, and the
 * statuses read under the lock decide who moves on to attending.
 */
const lockedParticipants = preparedQuery((db, p: { activityId: string; sessionId: string }) =>
  participantsQuery(db, p.activityId, p.sessionId).orderBy("r.id").forUpdate("r"),
);

/**
 * Every write of a save in one statement: the marks upserted, marks taken off removed, the version bumped (only
 * from the version the lead loaded) and the audit row, which is written only with the bump. No bump means a
 * conflict, and the caller rolls the rest back.
 */
const writeRegister = preparedQuery(
  (
    db,
    p: {
      sessionId: string;
      referralIds: string[];
      personIds: string[];
      statuses: string[];
      unmarked: string[];
      registerVersion: number;
      otherAttendees: number;
      saveKey: string;
      details: string;
      userId: string | null;
      role: string | null;
      requestId: string;
    },
  ) =>
    db
      .with("upserted", (qc) =>
        qc
          .insertInto("attendance")
          .columns(["session_id", "referral_id", "person_id", "status", "recorded_by"])
          .expression(
            sql`select ${p.sessionId}::uuid, m.referral_id, m.person_id, m.status, ${p.userId}::uuid
                from unnest(${p.referralIds}::uuid[], ${p.personIds}::uuid[], ${p.statuses}::text[]) as m (referral_id, person_id, status)`,
          )
          .onConflict((oc) =>
            oc.columns(["session_id", "referral_id"]).doUpdateSet({
              status: (eb) => eb.ref("excluded.status"),
              recorded_by: (eb) => eb.ref("excluded.recorded_by"),
              recorded_at: sql`now()`,
            }),
          ),
      )
      // The register is exactly what was submitted: a mark taken off is removed.
      .with("removed", (qc) =>
        qc
          .deleteFrom("attendance")
          .where("session_id", "=", p.sessionId)
          .where(sql<boolean>`referral_id = any(${p.unmarked}::uuid[])`),
      )
      .with("bumped", (qc) =>
        qc
          .updateTable("activity_session")
          .set({
            register_version: sql`register_version + 1`,
            other_attendees: p.otherAttendees,
            register_saved_at: sql`now()`,
            register_saved_by: p.userId,
            register_save_key: p.saveKey,
            status: "held",
          })
          .where("id", "=", p.sessionId)
          .where("register_version", "=", p.registerVersion)
          .returning(["id", "register_version"]),
      )
      .with("logged", (qc) =>
        qc
          .insertInto("audit_event")
          .columns([...AUDIT_COLUMNS])
          .expression((eb) =>
            eb.selectFrom("bumped").select(
              auditSelect(p, {
                action: "register.save",
                entityType: "activity_session",
                entityId: sql`bumped.id`,
                personId: sql`null`,
                details: sql`${p.details}`,
              }),
            ),
          ),
      )
      .selectFrom("bumped")
      .select("register_version"),
);

export type SaveOutcome = {
  kind: "saved" | "already-saved";
  registerVersion: number;
  counts: ReturnType<typeof countMarks>;
  otherAttendees: number;
};

/**
 * Saves a whole register in one transaction: all marks, the count of others, the version bump and one audit row,
 * or nothing. A stale version is a conflict (never a lost update); a resubmission of the save already applied
 * (same idempotency key) is answered as done without writing again.
 */
export async function saveRegister(
  db: Kysely<DB>,
  actor: AuditActor,
  activityId: string,
  sessionId: string,
  input: RegisterSubmission,
  today: string,
): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    const [session] = await lockedSession(trx, { activityId, sessionId });
    if (!session) throw new NotFoundError("Session");
    if (session.register_save_key === input.idempotencyKey) {
      return {
        kind: "already-saved",
        registerVersion: session.register_version,
        counts: countMarks(input.marks),
        otherAttendees: session.other_attendees,
      };
    }
    if (session.status === "cancelled") throw new RefusedError("This session was cancelled, so it has no register");
    if (session.session_date > today)
      throw new RefusedError("This session has not happened yet. Record its register on the day");
    if (session.register_version !== input.registerVersion)
      throw new ConflictError({ currentVersion: session.register_version });

    const people = await lockedParticipants(trx, { activityId, sessionId });
    const eligible = new Map(people.map((p) => [p.referral_id, p]));
    for (const referralId of Object.keys(input.marks)) {
      if (!eligible.has(referralId))
        throw new RefusedError(
          "This person is not referred to this activity, so they cannot be marked on its register",
          `mark-${referralId}`,
        );
    }

    const markedIds = Object.keys(input.marks).sort();
    const counts = countMarks(input.marks);
    const [bumped] = await writeRegister(trx, {
      sessionId,
      referralIds: markedIds,
      personIds: markedIds.map((id) => eligible.get(id)!.person_id),
      statuses: markedIds.map((id) => input.marks[id]),
      unmarked: [...eligible.keys()].filter((id) => !(id in input.marks)),
      registerVersion: input.registerVersion,
      otherAttendees: input.otherAttendees,
      saveKey: input.idempotencyKey,
      details: JSON.stringify({
        activityId,
        ...counts,
        otherAttendees: input.otherAttendees,
        referralIds: Object.keys(input.marks),
      }),
      ...actor,
    });
    if (!bumped) throw new ConflictError({ currentVersion: session.register_version });

    // A first attendance moves an accepted referral on to "attending", dated by the session.
    for (const referralId of markedIds) {
      if (input.marks[referralId] === "present" && eligible.get(referralId)!.referral_status === "accepted") {
        await transitionReferral(trx, actor, {
          referralId,
          to: "attending",
          actor: "system",
          onDate: session.session_date,
        });
      }
    }
    // A correction that takes away someone's only attendance moves them back from "attending"; one that takes away
    // their first keeps them attending from the next session they came to.
    for (const p of eligible.values()) {
      const correctedAway = p.mark === "present" && input.marks[p.referral_id] !== "present";
      if (p.referral_status !== "attending" || !correctedAway) continue;
      const first = await firstAttendedOn(trx, p.referral_id);
      if (first === null)
        await transitionReferral(trx, actor, { referralId: p.referral_id, to: "accepted", actor: "system" });
      else
        await trx.updateTable("referral").set({ first_attended_on: first }).where("id", "=", p.referral_id).execute();
    }
    return { kind: "saved", registerVersion: bumped.register_version, counts, otherAttendees: input.otherAttendees };
  });
}

/** The date of the first session a referral's person was marked present at, or null when there is none. */
async function firstAttendedOn(db: Executor, referralId: string): Promise<string | null> {
  const row = await db
    .selectFrom("attendance as t")
    .innerJoin("activity_session as s", "s.id", "t.session_id")
    .select((eb) => eb.fn.min("s.session_date").as("first"))
    .where("t.referral_id", "=", referralId)
    .where("t.status", "=", "present")
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}
