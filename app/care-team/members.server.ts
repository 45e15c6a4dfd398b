import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import type { AuditActor, Executor } from "~/audit/audit.server";
import { FieldError, NotFoundError, RefusedError } from "~/errors";
import { CARE_TEAM_ROLES } from "~/people/care-team";
import { addToCareTeam } from "~/people/care-team.server";
import { OPEN_STATUSES } from "~/referrals/lifecycle";
import { careTeamAccess, careTeamsAmong, onCareTeamSql } from "./access.server";

/**
 * Every way anyone is on the person `personId`'s care team, as one statement (the person page's read model runs it
 * inside its own): a row per care_team_member row (basis recorded, triage, added or break_glass, with the name of
 * who added them) and a row per open referral with a caseworker (basis "caseworker", with the referral's activity).
 * The same membership as `onCareTeamSql` (app/care-team/access.server.ts), listed. Columns: id, name, role (of the
 * member), basis, addedBy, activity, since (when the row was added or the referral received). Fold it with
 * `careTeamMembers` (app/people/care-team.ts).
 */
export function careTeamQuery(db: Executor, personId: string) {
  return db
    .selectFrom("care_team_member as ctm")
    .innerJoin("app_user as u", "u.id", "ctm.user_id")
    .leftJoin("app_user as adder", "adder.id", "ctm.added_by")
    .select([
      "u.id",
      "u.display_name as name",
      "u.role",
      "ctm.basis",
      "adder.display_name as addedBy",
      sql<string | null>`null::text`.as("activity"),
      "ctm.added_at as since",
    ])
    .where("ctm.person_id", "=", personId)
    .unionAll(
      db
        .selectFrom("referral as r")
        .innerJoin("app_user as u", "u.id", "r.caseworker_id")
        .leftJoin("activity", "activity.id", "r.activity_id")
        .select([
          "u.id",
          "u.display_name as name",
          "u.role",
          sql<string | null>`'caseworker'::text`.as("basis"),
          sql<string | null>`null::text`.as("addedBy"),
          "activity.name as activity",
          "r.received_at as since",
        ])
        .where("r.person_id", "=", personId)
        .where("r.status", "in", OPEN_STATUSES),
    );
}

/** Staff who can be added to a person's care team and are not on it yet, by name (for the "add to care team" form). */
export async function listAddableStaff(db: Executor, personId: string) {
  return db
    .selectFrom("app_user")
    .select(["id", "display_name", "role"])
    .where("role", "in", [...CARE_TEAM_ROLES])
    .where("disabled_at", "is", null)
    .where(sql<boolean>`not ${onCareTeamSql(sql`${personId}::uuid`, sql.ref("app_user.id"))}`)
    .orderBy("display_name")
    .execute();
}

/**
 * A member of the care team adds a colleague (a social prescriber or Local Area Coordinator) to it. Throws
 * NotFoundError (no such live person), RefusedError (the actor is not on the team: only members add) or FieldError
 * at "userId" (not an active prescriber or coordinator, or already on the team).
 */
export async function addCareTeamMember(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  personId: string,
  memberId: string,
) {
  return db.transaction().execute(async (trx) => {
    const access = await careTeamAccess(trx, actor.userId, { personId });
    if (access.status === "missing" || access.personId !== personId) throw new NotFoundError("Person");
    if (access.status !== "member") throw new RefusedError("Only members of the care team can add someone to it");
    const member = await trx
      .selectFrom("app_user")
      .select(["id", "role"])
      .where("id", "=", memberId)
      .where("disabled_at", "is", null)
      .where("role", "in", [...CARE_TEAM_ROLES])
      .executeTakeFirst();
    if (!member) throw new FieldError("userId", "Select a social prescriber or Local Area Coordinator");
    if ((await careTeamsAmong(trx, [personId], memberId)).has(personId))
      throw new FieldError("userId", "They are already on this person’s care team");
    await addToCareTeam(trx, actor, personId, memberId, "added");
  });
}
