import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, auditListing, type AuditActor } from "~/audit/audit.server";
import { NotFoundError, RefusedError } from "~/errors";
import { careTeamsAmong, onCareTeamSql } from "./access.server";

/** What the break-glass page shows about someone outside the user's care teams: enough to recognise them. */
export interface MinimalPerson {
  id: string;
  givenName: string;
  familyName: string;
  yearOfBirth: number;
  district: string | null;
}

/**
 * The minimum to recognise a person (name, year of birth, district) for the break-glass page, with its audit row
 * (`person.read`, view "minimal"), and whether the reader is already on the care team. Null when there is no such
 * live person.
 */
export async function readMinimalPerson(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  personId: string,
): Promise<{ person: MinimalPerson; onCareTeam: boolean } | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("person")
      .leftJoin("district", "district.code", "person.district_code")
      .select(["person.id", "given_name", "family_name", "date_of_birth", "district.name as district"])
      .select(onCareTeamSql(sql.ref("person.id"), actor.userId).as("member"))
      .where("person.id", "=", personId)
      .where("merged_into_id", "is", null)
      .executeTakeFirst();
    if (!row) return null;
    await audit(trx, actor, {
      action: "person.read",
      entityType: "person",
      entityId: personId,
      personId,
      details: { view: "minimal", careTeam: Boolean(row.member) },
    });
    return {
      onCareTeam: Boolean(row.member),
      person: {
        id: row.id,
        givenName: row.given_name,
        familyName: row.family_name,
        yearOfBirth: Number(row.date_of_birth.slice(0, 4)),
        district: row.district,
      },
    };
  });
}

/**
 * Break glass: a member of staff outside the person's care team states why they need the record and joins the
 * team. Writes the break-glass record (kept for the administrators' review), the care team row and the audit row
 * `person.break_glass` with the reason, in one transaction. The reason is checked by the page's schema
 * (app/people/care-team.ts). Throws NotFoundError when there is no such live person; joining a team one is already on writes
 * nothing and returns null.
 */
export async function breakGlass(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  personId: string,
  reason: string,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom("person")
      .select("id")
      .where("id", "=", personId)
      .where("merged_into_id", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!person) throw new NotFoundError("Person");
    if ((await careTeamsAmong(trx, [personId], actor.userId)).has(personId)) return null;
    const { id } = await trx
      .insertInto("break_glass_access")
      .values({ person_id: personId, user_id: actor.userId, reason })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The break-glass row below records the joining: it is the audit of this addition.
    await trx
      .insertInto("care_team_member")
      .values({ person_id: personId, user_id: actor.userId, basis: "break_glass", added_by: actor.userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await audit(trx, actor, {
      action: "person.break_glass",
      entityType: "person",
      entityId: personId,
      personId,
      details: { breakGlassId: id, reason },
    });
    return id;
  });
}

export type BreakGlassFilter = "unreviewed" | "all";

/**
 * Break-glass events for administrators to review, newest first (`filter` "unreviewed" leaves out those already
 * marked reviewed), at most `limit`. The list names people, so it is audited as a listing (one `person.listed` row
 * per person shown, docs/decisions/0781).
 */
export async function listBreakGlass(db: Kysely<DB>, actor: AuditActor, filter: BreakGlassFilter, limit = 200) {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom("break_glass_access as b")
      .innerJoin("person", "person.id", "b.person_id")
      .innerJoin("app_user as u", "u.id", "b.user_id")
      .leftJoin("app_user as r", "r.id", "b.reviewed_by")
      .select([
        "b.id",
        "b.person_id",
        "b.reason",
        "b.occurred_at",
        "b.reviewed_at",
        "person.given_name",
        "person.family_name",
        "u.display_name as user_name",
        "u.role as user_role",
        "r.display_name as reviewer_name",
      ]);
    if (filter === "unreviewed") q = q.where("b.reviewed_at", "is", null);
    const rows = await q.orderBy("b.occurred_at", "desc").orderBy("b.id", "desc").limit(limit).execute();
    await auditListing(
      trx,
      actor,
      { action: "break_glass.list", entityType: "break_glass_access", details: { filter, rows: rows.length } },
      rows.map((r) => ({ personId: r.person_id, entityType: "break_glass_access", entityId: r.id })),
    );
    return rows.map((r) => ({
      id: r.id,
      personName: `${r.given_name} ${r.family_name}`,
      userName: r.user_name,
      userRole: r.user_role,
      reason: r.reason,
      occurredAt: r.occurred_at.toISOString(),
      reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
      reviewerName: r.reviewer_name,
    }));
  });
}

/**
 * An administrator marks a break-glass event reviewed (audited as `person.break_glass.reviewed`). Throws
 * NotFoundError (no such event) or RefusedError (already reviewed: the first review stands).
 */
export async function markBreakGlassReviewed(db: Kysely<DB>, actor: AuditActor & { userId: string }, id: string) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("break_glass_access")
      .select(["id", "person_id", "reviewed_at"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError("Break-glass record");
    if (row.reviewed_at) throw new RefusedError("Someone has already marked this reviewed");
    await trx
      .updateTable("break_glass_access")
      .set({ reviewed_by: actor.userId, reviewed_at: sql`now()` })
      .where("id", "=", id)
      .execute();
    await audit(trx, actor, {
      action: "person.break_glass.reviewed",
      entityType: "break_glass_access",
      entityId: id,
      personId: row.person_id,
    });
  });
}
