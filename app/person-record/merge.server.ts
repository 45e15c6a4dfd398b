import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, auditListing, type AuditActor, type Executor } from "~/audit/audit.server";
import { careTeamsAmong } from "~/care-team/access.server";
import { NAME_SIMILARITY_THRESHOLD } from "~/people/matching.server";
import { personSummaryColumns } from "~/people/person-summary";
import { OPEN_STATUSES } from "~/referrals/lifecycle";
import { ConflictError, RefusedError } from "~/errors";

// Columns copied onto the kept record when it has none of its own.
const fillable = [
  "preferred_name",
  "nhs_number",
  "address_line1",
  "address_line2",
  "town",
  "postcode",
  "district_code",
  "phone",
  "email",
  "preferred_contact",
  "communication_needs",
  "access_needs",
  "gp_practice",
  "sex",
  "ethnicity",
  "imd_decile",
  "imd_quintile",
] as const;

/**
 * Pairs of live records that look like the same person: the same date of birth, and close folded names or the same
 * family name key (app/people/name-key.ts), the rule findPossibleMatches applies to a new record.
 */
export async function listSuspectedDuplicates(db: Kysely<DB>, actor: AuditActor, limit = 50) {
  return db.transaction().execute(async (trx) => {
    const rows = await sql<{
      a_id: string;
      a_name: string;
      b_id: string;
      b_name: string;
      date_of_birth: string;
      similarity: number;
    }>`
      select a.id as a_id, a.given_name || ' ' || a.family_name as a_name,
             b.id as b_id, b.given_name || ' ' || b.family_name as b_name,
             a.date_of_birth, similarity(a.full_name_fold, b.full_name_fold) as similarity
      from person a
      join person b on b.date_of_birth = a.date_of_birth and a.id < b.id
      where a.merged_into_id is null and b.merged_into_id is null
        and (similarity(a.full_name_fold, b.full_name_fold) >= ${NAME_SIMILARITY_THRESHOLD}
             or a.family_name_key = b.family_name_key)
      order by similarity desc
      limit ${limit}`.execute(trx);
    await auditListing(
      trx,
      actor,
      { action: "person.duplicates-list", entityType: "person", details: { pairs: rows.rows.length } },
      rows.rows.flatMap((r) => [{ personId: r.a_id }, { personId: r.b_id }]),
    );
    // Records outside the user's care teams are linked to the break-glass page, not to a record that answers 403.
    const team = actor.userId
      ? await careTeamsAmong(
          trx,
          rows.rows.flatMap((r) => [r.a_id, r.b_id]),
          actor.userId,
        )
      : new Set<string>();
    return rows.rows.map((r) => ({
      ...r,
      similarity: Number(r.similarity),
      a_on_care_team: team.has(r.a_id),
      b_on_care_team: team.has(r.b_id),
    }));
  });
}

/** The two records side by side, as the merge page shows them (an audited read of both). */
export async function readMergePair(db: Kysely<DB>, actor: AuditActor, keepId: string, mergeId: string) {
  return db.transaction().execute(async (trx) => {
    const people = await trx
      .selectFrom("person")
      .leftJoin("district", "district.code", "person.district_code")
      .select([
        ...personSummaryColumns,
        "town",
        "phone",
        "email",
        "gp_practice",
        "merged_into_id",
        "version",
        "person.created_at",
      ])
      .select((eb) => [
        eb
          .selectFrom("referral")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("referral.person_id", "=", "person.id")
          .as("referrals"),
        eb
          .selectFrom("case_note")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("case_note.person_id", "=", "person.id")
          .as("notes"),
      ])
      .where("person.id", "in", [keepId, mergeId])
      .execute();
    const keep = people.find((p) => p.id === keepId);
    const merge = people.find((p) => p.id === mergeId);
    if (!keep || !merge || keep.merged_into_id || merge.merged_into_id) return null;
    for (const id of [keepId, mergeId])
      await audit(trx, actor, {
        action: "person.read",
        entityType: "person",
        entityId: id,
        personId: id,
        details: { view: "merge" },
      });
    return { keep, merge };
  });
}

/**
 * Folds one record into another. Everything that refers to the merged record (found from the database's own
 * foreign keys, so tables added later are covered too) moves to the kept one; the kept record takes any details it
 * lacked; the merged record stays, marked, so links to it still resolve. Both versions must be the ones the user saw.
 */
export async function mergePeople(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  input: { keepId: string; mergeId: string; keepVersion: number; mergeVersion: number },
) {
  if (input.keepId === input.mergeId) throw new RefusedError("Choose two different records");
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("person")
      .selectAll()
      .where("id", "in", [input.keepId, input.mergeId])
      .orderBy("id")
      .forUpdate()
      .execute();
    const keep = rows.find((r) => r.id === input.keepId);
    const merge = rows.find((r) => r.id === input.mergeId);
    if (!keep || !merge) return null;
    if (keep.merged_into_id || merge.merged_into_id)
      throw new RefusedError("One of these records has already been merged");
    if (keep.version !== input.keepVersion || merge.version !== input.mergeVersion) throw new ConflictError();
    if (keep.nhs_number && merge.nhs_number && keep.nhs_number !== merge.nhs_number) {
      throw new RefusedError("These records have different NHS numbers, so they are different people");
    }
    // Each person has at most one open referral to an activity (referral_one_open_per_activity).
    const both = await trx
      .selectFrom("referral as r")
      .innerJoin("activity as a", "a.id", "r.activity_id")
      .select("a.name")
      .where("r.person_id", "in", [keep.id, merge.id])
      .where("r.status", "in", OPEN_STATUSES)
      .groupBy(["r.activity_id", "a.name"])
      .having((eb) => eb.fn.count("r.person_id").distinct(), ">", 1)
      .orderBy("a.name")
      .execute();
    if (both.length > 0)
      throw new RefusedError(
        `Both records have an open referral to ${both.map((b) => b.name).join(", ")}. End or decline one of each pair before merging`,
      );

    // Mark the merged record first: the NHS number's uniqueness covers live records only.
    await trx
      .updateTable("person")
      .set({
        merged_into_id: keep.id,
        merged_at: sql`now()`,
        merged_by: actor.userId,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where("id", "=", merge.id)
      .execute();
    const filled = fillable.filter((c) => keep[c] === null && merge[c] !== null);
    const fill = Object.fromEntries(filled.map((c) => [c, merge[c]]));
    await trx
      .updateTable("person")
      .set({ ...fill, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", keep.id)
      .execute();

    const moved = await moveReferences(trx, merge.id, keep.id);
    await audit(trx, actor, {
      action: "person.merge",
      entityType: "person",
      entityId: keep.id,
      personId: keep.id,
      details: { kept: keep.id, merged: merge.id, filled, moved },
    });
    await audit(trx, actor, {
      action: "person.merged-away",
      entityType: "person",
      entityId: merge.id,
      personId: merge.id,
      details: { into: keep.id },
    });
    return { filled, moved };
  });
}

async function moveReferences(trx: Executor, fromId: string, toId: string) {
  // Care team rows are keyed by (person, user): keep one per user.
  await sql`insert into care_team_member (person_id, user_id, added_at, basis, added_by) select ${toId}, user_id, added_at, basis, added_by from care_team_member where person_id = ${fromId} on conflict do nothing`.execute(
    trx,
  );
  await sql`delete from care_team_member where person_id = ${fromId}`.execute(trx);
  const fks = await sql<{ table_name: string; column_name: string }>`
    select cl.relname as table_name, att.attname as column_name
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace ns on ns.oid = cl.relnamespace
    join pg_attribute att on att.attrelid = con.conrelid and att.attnum = con.conkey[1]
    where con.contype = 'f' and con.confrelid = 'person'::regclass and array_length(con.conkey, 1) = 1
      and ns.nspname = current_schema() and cl.relname <> 'care_team_member'
      and not (cl.relname = 'person' and att.attname = 'merged_into_id')
    order by 1, 2`.execute(trx);
  const moved: Record<string, number> = {};
  for (const fk of fks.rows) {
    const res =
      await sql`update ${sql.id(fk.table_name)} set ${sql.id(fk.column_name)} = ${toId} where ${sql.id(fk.column_name)} = ${fromId}`.execute(
        trx,
      );
    const n = Number(res.numAffectedRows ?? 0);
    if (n > 0) moved[`${fk.table_name}.${fk.column_name}`] = n;
  }
  // Anything already merged into the old record follows it.
  await trx.updateTable("person").set({ merged_into_id: toId }).where("merged_into_id", "=", fromId).execute();
  return moved;
}
