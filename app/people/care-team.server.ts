import { sql, type RawBuilder } from "kysely";
import { getDb } from "@db/index";
import { audit, auditListing, type AuditActor, type Executor } from "~/audit/audit.server";
import { FieldError, NotFoundError, RefusedError } from "~/errors";
import { CARE_TEAM_ROLES, CASEWORK_STATUSES, type CareTeamBasis } from "./care-team";

/**
 * The legitimate relationship as SQL (docs/decisions/0800): true when `userId` is on the care team of the person
 * whose id is `personId` (a column reference or a value). A member is someone with a care team row (they recorded
 * the person, handled their self-referral, were added by a member or broke glass) or the caseworker of one of the
 * person's open referrals. The one definition: the person page, its safeguarding filter, search and every
 * person-level guard use it.
 */
export function onCareTeamSql(
  personId: RawBuilder<unknown>,
  userId: string | RawBuilder<unknown>,
): RawBuilder<boolean> {
  return sql<boolean>`(exists (select 1 from care_team_member ctm where ctm.person_id = ${personId} and ctm.user_id = ${userId}::uuid)
    or exists (select 1 from referral ctr where ctr.person_id = ${personId} and ctr.caseworker_id = ${userId}::uuid
      and ctr.status in (${sql.join(CASEWORK_STATUSES.map((s) => sql.lit(s)))})))`;
}

/** Whether `userId` is on the care team of the person `personId` (onCareTeamSql). */
export async function isOnCareTeam(db: Executor, personId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectNoFrom(onCareTeamSql(sql`${personId}::uuid`, userId).as("member"))
    .executeTakeFirstOrThrow();
  return Boolean(row.member);
}

/** Of the people `personIds`, those on whose care team `userId` is (one statement, for a list of people). */
export async function careTeamsAmong(db: Executor, personIds: readonly string[], userId: string): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("person")
    .select("person.id")
    .where(sql<boolean>`person.id = any(${[...personIds]}::uuid[])`)
    .where(onCareTeamSql(sql.ref("person.id"), userId))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Where a person-level page stands for a user: "member" (on the live record's care team), "outside", or "missing"
 * (no such person, or no such referral: the page answers its own 404). A merged record is judged by the record it
 * was merged into, which holds its care team. Pass `personId` or `referralId` (the referral's person).
 */
export async function careTeamAccess(
  db: Executor,
  userId: string,
  target: { personId: string } | { referralId: string },
): Promise<{ status: "member" | "outside"; personId: string } | { status: "missing" }> {
  const base =
    "personId" in target
      ? db.selectFrom("person").where("person.id", "=", target.personId)
      : db
          .selectFrom("referral")
          .innerJoin("person", "person.id", "referral.person_id")
          .where("referral.id", "=", target.referralId);
  const row = await base
    .select(sql<string>`coalesce(person.merged_into_id, person.id)`.as("live_id"))
    .select(onCareTeamSql(sql`coalesce(person.merged_into_id, person.id)`, userId).as("member"))
    .executeTakeFirst();
  if (!row) return { status: "missing" };
  return { status: row.member ? "member" : "outside", personId: row.live_id };
}

/**
 * Puts `userId` on the person's care team for the stated `basis`, with its own audit row
 * (`person.care_team.join`: who joined, why, who added them), so no one joins a care team silently. Joining a team
 * one is already on changes nothing and writes no row. Call it inside the transaction of the change it belongs to.
 */
export async function addToCareTeam(
  db: Executor,
  actor: AuditActor,
  personId: string,
  userId: string,
  basis: CareTeamBasis,
): Promise<boolean> {
  const inserted = await db
    .insertInto("care_team_member")
    .values({ person_id: personId, user_id: userId, basis, added_by: actor.userId })
    .onConflict((oc) => oc.doNothing())
    .returning("user_id")
    .executeTakeFirst();
  if (!inserted) return false;
  await audit(db, actor, {
    action: "person.care_team.join",
    entityType: "person",
    entityId: personId,
    personId,
    details: { member: userId, basis, addedBy: actor.userId },
  });
  return true;
}

/** Staff who can be added to a person's care team and are not on it yet, by name (for the "add to care team" form). */
export async function listAddableStaff(personId: string) {
  const db = await getDb();
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
export async function addCareTeamMember(actor: AuditActor & { userId: string }, personId: string, memberId: string) {
  const db = await getDb();
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
    if (await isOnCareTeam(trx, personId, memberId))
      throw new FieldError("userId", "They are already on this person’s care team");
    await addToCareTeam(trx, actor, personId, memberId, "added");
  });
}

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
  actor: AuditActor & { userId: string },
  personId: string,
): Promise<{ person: MinimalPerson; onCareTeam: boolean } | null> {
  const db = await getDb();
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
 * (care-team.ts). Throws NotFoundError when there is no such live person; joining a team one is already on writes
 * nothing and returns null.
 */
export async function breakGlass(
  actor: AuditActor & { userId: string },
  personId: string,
  reason: string,
): Promise<string | null> {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom("person")
      .select("id")
      .where("id", "=", personId)
      .where("merged_into_id", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!person) throw new NotFoundError("Person");
    if (await isOnCareTeam(trx, personId, actor.userId)) return null;
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
export async function listBreakGlass(actor: AuditActor, filter: BreakGlassFilter, limit = 200) {
  const db = await getDb();
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
export async function markBreakGlassReviewed(actor: AuditActor & { userId: string }, id: string) {
  const db = await getDb();
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
