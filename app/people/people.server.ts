import { sql, type Kysely } from "kysely";
import { preparedQuery } from "@db/prepared-query";
import type { DB } from "@db/types";
import { audit, auditListing, type AuditActor, type Executor } from "~/audit/audit.server";
import { addToCareTeam } from "./care-team.server";
import { ConflictError, NotFoundError, RefusedError } from "~/errors";
import { isUniqueViolation } from "~/errors";
import { findPossibleMatches, type PossibleMatch } from "./matching.server";
import { nameFold, nameKey } from "./name-key";
import { personSummaryColumns } from "./person-summary";
import type { ConsentKind, PersonColumns } from "./person-form";

/**
 * What recording a person came to: a new record, the record an earlier submit with the same idempotency key made,
 * or the possible matches that stopped it (as found: app/person-record/create.server.ts shows them to the user).
 */
export type CreatePersonResult =
  | { kind: "created"; id: string }
  | { kind: "existing"; id: string }
  | { kind: "matches"; matches: PossibleMatch[]; nhsNumberTaken: boolean };

export interface CreatePersonInput {
  columns: PersonColumns;
  consents: Record<ConsentKind, boolean>;
  idempotencyKey: string;
  /** The user has seen the possible matches and says this is someone else. */
  confirmedNew: boolean;
}

/**
 * Records a person unless they may already be known. A repeated submit (same idempotency key) returns the record the
 * first one made. An NHS number already on a record always stops creation; a close name with the same date of birth
 * stops it until the user confirms this is someone else. The matches are returned as found: `recordPerson`
 * (app/person-record/create.server.ts) is what the page calls, and shows them as the user may see them.
 */
export async function createPerson(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  input: CreatePersonInput,
): Promise<CreatePersonResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const earlier = await trx
        .selectFrom("person")
        .select("id")
        .where("idempotency_key", "=", input.idempotencyKey)
        .executeTakeFirst();
      if (earlier) return { kind: "existing", id: earlier.id } as const;
      const c = input.columns;
      const matches = await findPossibleMatches(trx, {
        givenName: c.given_name,
        familyName: c.family_name,
        dateOfBirth: c.date_of_birth,
        nhsNumber: c.nhs_number,
      });
      const nhsNumberTaken = matches.some((m) => m.reason === "nhs_number");
      if (matches.length > 0 && (nhsNumberTaken || !input.confirmedNew)) {
        // Showing possible matches discloses other records: the trail says which.
        await auditListing(
          trx,
          actor,
          {
            action: "person.duplicate-check",
            entityType: "person",
            details: { matched: matches.map((m) => m.id), reasons: [...new Set(matches.map((m) => m.reason))] },
          },
          matches.map((m) => ({ personId: m.id })),
        );
        return { kind: "matches", matches: matches, nhsNumberTaken } as const;
      }
      const { id } = await trx
        .insertInto("person")
        .values({ ...c, lawful_basis: "direct_care", created_by: actor.userId, idempotency_key: input.idempotencyKey })
        .returning("id")
        .executeTakeFirstOrThrow();
      await addToCareTeam(trx, actor, id, actor.userId, "recorded");
      await recordConsents(trx, id, actor.userId, input.consents);
      await audit(trx, actor, {
        action: "person.create",
        entityType: "person",
        entityId: id,
        personId: id,
        details: {
          fields: Object.entries(c)
            .filter(([, v]) => v !== null)
            .map(([k]) => k),
          confirmedAfterMatch: matches.length > 0,
        },
      });
      return { kind: "created", id } as const;
    });
  } catch (err) {
    // Two submits raced past the check: the loser returns the winner's record.
    if (isUniqueViolation(err, "person_idempotency_key_key")) {
      const row = await db
        .selectFrom("person")
        .select("id")
        .where("idempotency_key", "=", input.idempotencyKey)
        .executeTakeFirstOrThrow();
      return { kind: "existing", id: row.id };
    }
    if (isUniqueViolation(err, "person_nhs_number_key")) {
      const matches = await findPossibleMatches(db, {
        givenName: input.columns.given_name,
        familyName: input.columns.family_name,
        nhsNumber: input.columns.nhs_number,
      });
      // Shown as possible matches, so listed in each one's access history, as when the check stops the save.
      await auditListing(
        db,
        actor,
        { action: "person.duplicate-check", entityType: "person", details: { matched: matches.map((m) => m.id) } },
        matches.map((m) => ({ personId: m.id })),
      );
      return { kind: "matches", matches: matches, nhsNumberTaken: true };
    }
    throw err;
  }
}

/** Consent is recorded as a dated row each time it is given or withdrawn; the latest row is what holds. */
async function recordConsents(
  db: Executor,
  personId: string,
  userId: string,
  consents: Partial<Record<ConsentKind, boolean>>,
) {
  const rows = Object.entries(consents).map(([kind, given]) => ({
    person_id: personId,
    kind,
    given: Boolean(given),
    recorded_by: userId,
  }));
  if (rows.length) await db.insertInto("person_consent").values(rows).execute();
}

/** The latest answer to each consent question, as a statement (the person page reads it inside its own). */
export function consentsQuery(db: Executor, personId: string) {
  return db
    .selectFrom("person_consent")
    .select(["kind", "given", "recorded_at"])
    .distinctOn("kind")
    .where("person_id", "=", personId)
    .orderBy("kind")
    .orderBy("recorded_at", "desc")
    .orderBy("id");
}

export function consentsFrom(rows: { kind: string; given: boolean; recorded_at: Date }[]) {
  return Object.fromEntries(rows.map((r) => [r.kind, { given: r.given, recordedAt: r.recorded_at }])) as Partial<
    Record<string, { given: boolean; recordedAt: Date }>
  >;
}

async function currentConsents(db: Executor, personId: string) {
  return consentsFrom(await consentsQuery(db, personId).execute());
}

/**
 * Whether `personId` is a record work can still be added to: it exists and has not been merged into another. Run it
 * inside the transaction that adds the work.
 */
export async function isLivePerson(db: Executor, personId: string): Promise<boolean> {
  const person = await db.selectFrom("person").select("merged_into_id").where("id", "=", personId).executeTakeFirst();
  return person !== undefined && person.merged_into_id === null;
}

/**
 * Changes a person's details if nobody else has since; the audit row names the fields that changed.
 * Throws NotFoundError (no such unmerged person), ConflictError (someone saved first: `expectedVersion` is not the
 * record's) or RefusedError at "nhsNumber" (another record holds that NHS number).
 */
export async function updatePerson(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  personId: string,
  expectedVersion: number,
  columns: PersonColumns,
  consents: Record<ConsentKind, boolean>,
) {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom("person")
        .selectAll()
        .where("id", "=", personId)
        .where("merged_into_id", "is", null)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new NotFoundError("Person");
      if (before.version !== expectedVersion) throw new ConflictError({ currentVersion: before.version });
      const changed = (Object.keys(columns) as (keyof PersonColumns)[]).filter(
        (k) => String(before[k] ?? "") !== String(columns[k] ?? ""),
      );
      await trx
        .updateTable("person")
        .set({ ...columns, version: sql`version + 1`, updated_at: sql`now()` })
        .where("id", "=", personId)
        .where("version", "=", expectedVersion)
        .execute();
      const held = await currentConsents(trx, personId);
      const consentChanges = Object.fromEntries(
        Object.entries(consents).filter(([k, v]) => held[k]?.given !== v),
      ) as Partial<Record<ConsentKind, boolean>>;
      await recordConsents(trx, personId, actor.userId, consentChanges);
      await audit(trx, actor, {
        action: "person.update",
        entityType: "person",
        entityId: personId,
        personId,
        details: { changed, consents: Object.keys(consentChanges) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, "person_nhs_number_key"))
      throw new RefusedError(
        "Another record has this NHS number: check it, or ask a coordinator to merge the two records",
        "nhsNumber",
      );
    throw err;
  }
}

/** The editable record as the edit form needs it (an audited read). */
export async function getPersonForEdit(db: Kysely<DB>, actor: AuditActor, personId: string) {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("person").selectAll().where("id", "=", personId).executeTakeFirst();
    if (!person) return null;
    if (person.merged_into_id) return { mergedInto: person.merged_into_id } as const;
    const consents = await currentConsents(trx, personId);
    await audit(trx, actor, {
      action: "person.read",
      entityType: "person",
      entityId: personId,
      personId,
      details: { view: "edit" },
    });
    return { person, consents };
  });
}

/** Sorting in byte order lets one index (person_name_key_order_idx) both find a surname prefix and give it in order. */
const familyOrder = sql`person.family_name_key collate "C"`;
const fullOrder = sql`person.full_name_key collate "C"`;

const searchFrom = (db: Kysely<DB>) =>
  db
    .selectFrom("person")
    .leftJoin("district", "district.code", "person.district_code")
    .select(personSummaryColumns)
    .where("merged_into_id", "is", null);

/**
 * The search's steps as queries, each reading the name keys (app/people/name-key.ts) from its own index: a surname
 * key prefix (person_name_key_order_idx), a full-name key prefix or substring (person_full_name_key_trgm_idx), a
 * preferred-name key prefix (person_preferred_name_key_idx) and names similar to the folded term
 * (person_full_name_fold_trgm_idx). `pattern` is a LIKE pattern of a key, `fold` a folded term.
 */
export const personSearchSteps = {
  nhsNumber: (db: Kysely<DB>, p: { nhsNumber: string; limit: number }) =>
    searchFrom(db).where("nhs_number", "=", p.nhsNumber).limit(p.limit),
  surnamePrefix: (db: Kysely<DB>, p: { pattern: string; limit: number }) =>
    searchFrom(db)
      .where(sql<boolean>`${familyOrder} like ${p.pattern}`)
      .orderBy(familyOrder)
      .orderBy(fullOrder)
      .orderBy("person.id")
      .limit(p.limit),
  namePrefix: (db: Kysely<DB>, p: { pattern: string; limit: number }) =>
    searchFrom(db)
      .where(sql<boolean>`person.full_name_key like ${p.pattern}`)
      .orderBy(familyOrder)
      .orderBy(fullOrder)
      .orderBy("person.id")
      .limit(p.limit),
  nameContains: (db: Kysely<DB>, p: { pattern: string; exclude: string[]; limit: number }) =>
    searchFrom(db)
      .where(sql<boolean>`person.full_name_key like ${p.pattern}`)
      .where(sql<boolean>`person.id <> all(${p.exclude}::uuid[])`)
      .limit(p.limit),
  preferredPrefix: (db: Kysely<DB>, p: { pattern: string; exclude: string[]; limit: number }) =>
    searchFrom(db)
      .where(sql<boolean>`person.preferred_name_key like ${p.pattern}`)
      .where(sql<boolean>`person.id <> all(${p.exclude}::uuid[])`)
      .limit(p.limit),
  // Word similarity compares the term with the closest part of the name, so a misspelt surname still finds a
  // person whose full name is much longer than the term (a double-barrelled name, two given names).
  similar: (db: Kysely<DB>, p: { fold: string; limit: number }) =>
    searchFrom(db)
      .where(sql<boolean>`person.full_name_fold %> ${p.fold}`)
      .orderBy(sql`${p.fold} <<-> person.full_name_fold`)
      .limit(p.limit),
};

// Each step is compiled once (db/prepared-query.ts); the people already found are left out by an array, so the
// statement's text does not vary with how many there are. A pattern's best plan depends on the term, so the name
// steps are planned for each call's values: "%smit%" is found fastest reading the table in order (its first rows
// match), a rare term from the trigram index, and a plan kept for any prefix cannot use the name index's range at
// all (measured on the national data set: 0.1 ms planned for "smi%", 3.8 s with a plan kept for any term).
const planEachCall = { planEachCall: true };
const search = {
  nhsNumber: preparedQuery(personSearchSteps.nhsNumber),
  surnamePrefix: preparedQuery(personSearchSteps.surnamePrefix, planEachCall),
  namePrefix: preparedQuery(personSearchSteps.namePrefix, planEachCall),
  nameContains: preparedQuery(personSearchSteps.nameContains, planEachCall),
  preferredPrefix: preparedQuery(personSearchSteps.preferredPrefix, planEachCall),
  similar: preparedQuery(personSearchSteps.similar, planEachCall),
};
/** A person found by a search, as stored: id, names, date of birth, NHS number, postcode and district name. */
export type FoundPerson = Awaited<ReturnType<typeof search.nhsNumber>>[number];

/** What a search found, before anyone is shown it: at most `limit` people, in the order found. */
export interface FoundPeople {
  rows: FoundPerson[];
  /** More people match than are given: the caller should ask for more of the name or the NHS number. */
  more: boolean;
  /** Nobody matched the term itself; these have similar names (a misspelling). */
  similar: boolean;
  /** Whether the term was read as an NHS number (ten digits) or a name. */
  by: "nhs_number" | "name";
}

/**
 * Finds people by NHS number (exact) or by name. A name is compared by its key (app/people/name-key.ts: accents,
 * case, apostrophes, hyphens and spaces do not count; docs/decisions/0840) and looked for in widening steps, each answered from an
 * index and each run only while fewer than `limit` people have been found, so a common surname among a million
 * people costs one short index range, not a scan:
 * 1. surname starting with the term (one word) or the full name starting with it (several words), alphabetical;
 * 2. the term anywhere in the full name, then a preferred name starting with it;
 * 3. when nothing matched, names close to the term (trigram similarity), for misspellings.
 * The steps are separate statements, not one transaction: a search changes nothing. This finds; showing what it
 * found to a user, with its audit row, is `searchPeople` (app/person-search/search.server.ts).
 */
export async function findPeople(db: Executor, term: string, limit = 25): Promise<FoundPeople> {
  const compact = term.replace(/[\s-]/g, "");
  const byNhs = /^[0-9]{10}$/.test(compact);
  // The name as its key (app/people/name-key.ts): "Mu\u0308ller", "Müller" and "muller" are one name, and so are
  // "O’Connor" and "O'Connor". Words typed with a space between them are a given name and a surname; a hyphen
  // joins a double-barrelled surname.
  const fold = nameFold(term);
  const key = nameKey(term);
  const found = new Map<string, FoundPerson>();
  let more = false;
  let similar = false;
  // Each step asks for one more row than it may show, to know whether there are more.
  const byName = (a: FoundPerson, b: FoundPerson) =>
    a.family_name.localeCompare(b.family_name, "en-GB") || a.given_name.localeCompare(b.given_name, "en-GB");
  const take = (rows: FoundPerson[], room: number, sort = false) => {
    if (rows.length > room) more = true;
    const shown = rows.slice(0, room);
    for (const r of sort ? shown.sort(byName) : shown) found.set(r.id, r);
  };
  const room = () => limit - found.size;

  if (byNhs) {
    take(await search.nhsNumber(db, { nhsNumber: compact, limit: limit + 1 }), limit);
  } else if (key !== "") {
    const prefix = `${escapeLike(key)}%`;
    take(
      await (/\s/.test(term.trim()) ? search.namePrefix : search.surnamePrefix)(db, {
        pattern: prefix,
        limit: limit + 1,
      }),
      limit,
    );
    // A full list still asks the next step for one row: whether there are more people than shown.
    for (const [step, pattern] of [
      [search.nameContains, `%${escapeLike(key)}%`],
      [search.preferredPrefix, prefix],
    ] as const) {
      if (more) break;
      take(await step(db, { pattern, exclude: [...found.keys()], limit: room() + 1 }), room(), true);
    }
    // Only when nothing matched: a similarity search reads every name sharing a trigram with the term.
    if (found.size === 0 && key.length >= 4) {
      take(await search.similar(db, { fold, limit }), limit);
      similar = found.size > 0;
    }
  }
  return { rows: [...found.values()], more, similar, by: byNhs ? "nhs_number" : "name" };
}

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listDistricts(db: Executor) {
  return db.selectFrom("district").select(["code", "name"]).orderBy("name").execute();
}

/** Name and date of birth for a page heading about this person (an audited read). */
export async function readPersonSummary(db: Kysely<DB>, actor: AuditActor, personId: string, view: string) {
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom("person")
      .select(["id", "given_name", "family_name", "date_of_birth", "merged_into_id"])
      .where("id", "=", personId)
      .executeTakeFirst();
    if (!p) return null;
    await audit(trx, actor, {
      action: "person.read",
      entityType: "person",
      entityId: p.id,
      personId: p.id,
      details: { view },
    });
    return p;
  });
}
