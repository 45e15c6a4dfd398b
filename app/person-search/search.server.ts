import { auditListing, type AuditActor, type Executor } from "~/audit/audit.server";
import { careTeamsAmong } from "~/care-team/access.server";
import { findPeople } from "~/people/people.server";
import { listedPersonView, personSummaryOf, type ListedPersonView } from "~/people/person-summary";

/** A search result: the summary for people on the searcher's care teams, the minimum for anyone else. */
export type PersonSearchRow = ListedPersonView;

export interface PersonSearchResult {
  rows: PersonSearchRow[];
  /** More people match than are shown: the caller should ask for more of the name or the NHS number. */
  more: boolean;
  /** Nobody matched the term itself; these have similar names (a misspelling). */
  similar: boolean;
}

/**
 * Finds people by NHS number or name (`findPeople`, app/people/people.server.ts: at most `limit`) and shows them to
 * `actor`: everyone is found, so no one is recorded twice, but only the searcher's own care teams in full, anyone
 * else by name, year of birth and district (docs/decisions/0803). The audit row (`person.search`, with a
 * `person.listed` row per person shown, docs/decisions/0781) is written before the results are returned. The term
 * arrives in a POST body and is never logged or stored; the audit row says only how many were found.
 */
export async function searchPeople(
  db: Executor,
  actor: AuditActor,
  term: string,
  limit = 25,
): Promise<PersonSearchResult> {
  const { rows, more, similar, by } = await findPeople(db, term, limit);
  const team = actor.userId
    ? await careTeamsAmong(
        db,
        rows.map((r) => r.id),
        actor.userId,
      )
    : new Set<string>();
  await auditListing(
    db,
    actor,
    {
      action: "person.search",
      entityType: "person",
      details: { by, results: rows.length, more, similar, outsideCareTeam: rows.length - team.size },
    },
    rows.map((r) => ({ personId: r.id })),
  );
  return {
    more,
    similar,
    rows: rows.map((r) => listedPersonView(personSummaryOf(r), team.has(r.id))),
  };
}
