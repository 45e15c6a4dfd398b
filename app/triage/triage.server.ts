import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "@db/types";
import type { AuditAction } from "~/audit/actions";
import { audit, auditListing, type AuditActor } from "~/audit/audit.server";
import { matchViews } from "~/care-team/views.server";
import { addToCareTeam } from "~/people/care-team.server";
import { inCoordinatorsArea } from "~/referrals/self-referral.server";
import { findPossibleMatches } from "~/people/matching.server";
import { ConflictError } from "~/errors";

/** New requests in the coordinator's area (inCoordinatorsArea), their own district first, oldest first within each. */
export function listTriageQueue(db: Kysely<DB>, actor: AuditActor, districtCode: string | null) {
  return readQueue(db, actor, districtCode, "triage.read");
}

/**
 * Every area's new requests, for the administrators' read-only view (permission "triage:read-all", docs/decisions/
 * 0782 and 0823): oldest first, nobody's "own" area. Each person shown is audited as listed, as in the queue.
 */
export function listTriageQueueAllAreas(db: Kysely<DB>, actor: AuditActor) {
  return readQueue(db, actor, ALL_AREAS, "triage.read-all-areas");
}

const ALL_AREAS = Symbol("all areas");

async function readQueue(
  db: Kysely<DB>,
  actor: AuditActor,
  districtCode: string | null | typeof ALL_AREAS,
  action: AuditAction,
) {
  const own = districtCode === ALL_AREAS ? null : districtCode;
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("self_referral")
      .leftJoin("district", "district.code", "self_referral.district_code")
      .select([
        "self_referral.id",
        "self_referral.person_id",
        "given_name",
        "family_name",
        "self_referral.district_code",
        "district.name as district",
        "topics",
        "best_time",
        "received_at",
      ])
      .where("status", "=", "new")
      .$if(districtCode !== ALL_AREAS, (q) => q.where(inCoordinatorsArea(own)))
      .orderBy(sql`(${districtCode !== ALL_AREAS} and self_referral.district_code is not distinct from ${own})`, "desc")
      .orderBy("received_at")
      .limit(200)
      .execute();
    await auditListing(
      trx,
      actor,
      { action, entityType: "self_referral", details: { rows: rows.length } },
      rows.map((r) => ({ personId: r.person_id, entityType: "self_referral", entityId: r.id })),
    );
    return rows.map(({ person_id: _personId, ...r }) => ({
      ...r,
      inArea: own !== null && r.district_code === own,
      received_at: r.received_at.toISOString(),
    }));
  });
}

/**
 * One self-referral in the coordinator's area (inCoordinatorsArea), with possible matches; null when there is none.
 * A match outside the coordinator's care teams carries only the minimum to recognise them (name, year of birth,
 * district: `matchViews`, docs/decisions/0803), and every match shown is audited as listed (`person.listed`, list
 * `self-referral.read`, docs/decisions/0781) with the request's own row, in the read's transaction.
 */
export async function readSelfReferral(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  id: string,
  districtCode: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const sr = await trx
      .selectFrom("self_referral")
      .leftJoin("district", "district.code", "self_referral.district_code")
      .selectAll("self_referral")
      .select("district.name as district")
      .where("self_referral.id", "=", id)
      .where(inCoordinatorsArea(districtCode))
      .executeTakeFirst();
    if (!sr) return null;
    const matches =
      sr.status === "new"
        ? await findPossibleMatches(trx, {
            givenName: sr.given_name,
            familyName: sr.family_name,
            dateOfBirth: sr.date_of_birth,
          })
        : [];
    await auditListing(
      trx,
      actor,
      {
        action: "self-referral.read",
        entityType: "self_referral",
        entityId: id,
        personId: sr.person_id,
        details: { suggested: matches.map((m) => m.id) },
      },
      matches.map((m) => ({ personId: m.id })),
    );
    return { selfReferral: sr, matches: await matchViews(trx, matches, actor.userId) };
  });
}

/**
 * Locks a new request for a triage action, if it is in the coordinator's area (`inCoordinatorsArea`, the queue's own
 * predicate): another district's request answers as a missing one (null), so acting on it by its id is refused as
 * listing it is. Throws ConflictError when it has changed or been dealt with since the page was drawn.
 */
async function claim(trx: Transaction<DB>, id: string, version: number, districtCode: string | null) {
  const sr = await trx
    .selectFrom("self_referral")
    .selectAll()
    .where("id", "=", id)
    .where(inCoordinatorsArea(districtCode))
    .forUpdate()
    .executeTakeFirst();
  if (!sr) return null;
  if (sr.version !== version) throw new ConflictError();
  if (sr.status !== "new") throw new ConflictError();
  return sr;
}

/**
 * The claimed request `id` now belongs to the record `personId` ("linked" to an existing one or "created" from it),
 * handled by the actor, who joins that person's care team as the one who triaged them (decision 0800).
 */
async function handOver(
  trx: Transaction<DB>,
  actor: AuditActor & { userId: string },
  id: string,
  status: "linked" | "created",
  personId: string,
) {
  await trx
    .updateTable("self_referral")
    .set({
      status,
      person_id: personId,
      handled_by: actor.userId,
      handled_at: sql`now()`,
      version: sql`version + 1`,
    })
    .where("id", "=", id)
    .execute();
  await addToCareTeam(trx, actor, personId, actor.userId, "triage");
}

/** The request is from someone already known: hang it off their record. Null when it is not in `districtCode`'s area. */
export async function linkSelfReferral(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  districtCode: string | null,
  id: string,
  version: number,
  personId: string,
) {
  return db.transaction().execute(async (trx) => {
    const sr = await claim(trx, id, version, districtCode);
    if (!sr) return null;
    const person = await trx
      .selectFrom("person")
      .select(["id", "merged_into_id"])
      .where("id", "=", personId)
      .executeTakeFirst();
    if (!person) return null;
    const target = person.merged_into_id ?? person.id;
    await handOver(trx, actor, id, "linked", target);
    await audit(trx, actor, {
      action: "self-referral.link",
      entityType: "self_referral",
      entityId: id,
      personId: target,
    });
    return target;
  });
}

/**
 * Nobody matches: a new person record from what they told us (lawful basis: direct care). Null when the request is not
 * in `districtCode`'s area.
 */
export async function createPersonFromSelfReferral(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  districtCode: string | null,
  id: string,
  version: number,
) {
  return db.transaction().execute(async (trx) => {
    const sr = await claim(trx, id, version, districtCode);
    if (!sr) return null;
    if (!sr.date_of_birth) throw new ConflictError();
    const { id: personId } = await trx
      .insertInto("person")
      .values({
        given_name: sr.given_name,
        family_name: sr.family_name,
        date_of_birth: sr.date_of_birth,
        phone: sr.phone,
        email: sr.email,
        postcode: sr.postcode,
        district_code: sr.district_code,
        preferred_contact: sr.phone ? "phone" : "email",
        lawful_basis: "direct_care",
        created_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handOver(trx, actor, id, "created", personId);
    await audit(trx, actor, {
      action: "person.create",
      entityType: "person",
      entityId: personId,
      personId,
      details: { fromSelfReferral: id },
    });
    await audit(trx, actor, {
      action: "self-referral.create-person",
      entityType: "self_referral",
      entityId: id,
      personId,
    });
    return personId;
  });
}

/**
 * Not for this service (a test, abuse, or they asked to withdraw): closed with a reason. Null when the request is not
 * in `districtCode`'s area.
 */
export async function closeSelfReferral(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  districtCode: string | null,
  id: string,
  version: number,
  reason: string,
) {
  return db.transaction().execute(async (trx) => {
    const sr = await claim(trx, id, version, districtCode);
    if (!sr) return null;
    await trx
      .updateTable("self_referral")
      .set({
        status: "closed",
        closed_reason: reason,
        handled_by: actor.userId,
        handled_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where("id", "=", id)
      .execute();
    await audit(trx, actor, { action: "self-referral.close", entityType: "self_referral", entityId: id });
    return true;
  });
}
