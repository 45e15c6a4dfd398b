import { sql } from "kysely";
import type { Executor } from "~/audit/audit.server";
import { nameFold, nameKey } from "./name-key";
import { personSummaryColumns, personSummaryOf, type PersonSummary } from "./person-summary";

/** Names this similar (pg_trgm, 0–1, between folded names: app/people/name-key.ts) with the same date of birth may be the same person. Low on purpose: the date of birth already narrows the field, and a missed duplicate costs more than a second look ("Arther Whitfeild" scores 0.42 against "Arthur Whitfield"). */
export const NAME_SIMILARITY_THRESHOLD = 0.3;

export interface MatchQuery {
  givenName: string;
  familyName: string;
  dateOfBirth?: string | null;
  nhsNumber?: string | null;
  /** Leave this record out (editing it, or merging into it). */
  excludeId?: string;
}

export interface PossibleMatch extends PersonSummary {
  district: string | null;
  reason: "nhs_number" | "name_and_dob";
  similarity: number;
}

/**
 * Records that may be the same person: an exact NHS number, or, with the same date of birth, a close name (trigram
 * similarity of the folded names) or the same family name key. Names are compared by their key and fold
 * (app/people/name-key.ts), so "Mu\u0308ller" matches "Müller" and "O’Connor" matches "O'Connor". Merged-away
 * records never match; the surviving record does. Read from person_dob_idx and the NHS number index.
 */
export async function findPossibleMatches(db: Executor, q: MatchQuery): Promise<PossibleMatch[]> {
  const fullName = nameFold(`${q.givenName} ${q.familyName}`);
  const nameExpr = sql<string>`full_name_fold`;
  const rows = await db
    .selectFrom("person")
    .leftJoin("district", "district.code", "person.district_code")
    .select([...personSummaryColumns, sql<number>`similarity(${nameExpr}, ${fullName})`.as("similarity")])
    .where("merged_into_id", "is", null)
    .where((eb) => {
      const ors = [];
      if (q.nhsNumber) ors.push(eb("nhs_number", "=", q.nhsNumber));
      if (q.dateOfBirth) {
        ors.push(
          eb.and([
            eb("date_of_birth", "=", q.dateOfBirth),
            eb.or([
              eb(sql<number>`similarity(${nameExpr}, ${fullName})`, ">=", NAME_SIMILARITY_THRESHOLD),
              eb("family_name_key", "=", nameKey(q.familyName)),
            ]),
          ]),
        );
      }
      return ors.length ? eb.or(ors) : eb.val(false);
    })
    .$if(Boolean(q.excludeId), (qb) => qb.where("person.id", "!=", q.excludeId!))
    .orderBy(sql`similarity(${nameExpr}, ${fullName})`, "desc")
    .limit(10)
    .execute();
  return rows
    .map((r) => ({
      ...personSummaryOf(r),
      reason: (q.nhsNumber && r.nhs_number === q.nhsNumber ? "nhs_number" : "name_and_dob") as PossibleMatch["reason"],
      similarity: Number(r.similarity),
    }))
    .sort((a, b) => (a.reason === b.reason ? b.similarity - a.similarity : a.reason === "nhs_number" ? -1 : 1));
}
