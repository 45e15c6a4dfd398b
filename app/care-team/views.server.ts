import type { Executor } from "~/audit/audit.server";
import type { PossibleMatch } from "~/people/matching.server";
import { listedPersonView } from "~/people/person-summary";
import type { MatchView } from "~/people/PossibleMatches";
import { careTeamsAmong } from "./access.server";

/**
 * Possible duplicates as `userId` may see them: the summary for a record on their care teams, the minimum to
 * recognise anyone else (`listedPersonView`, docs/decisions/0803), so identifiers outside the care team never leave
 * the server. The care teams of all the matches are read in one statement. Used wherever possible matches are shown:
 * recording a person (app/person-record/create.server.ts), and a self-referral in triage.
 */
export async function matchViews(db: Executor, matches: PossibleMatch[], userId: string): Promise<MatchView[]> {
  const team = await careTeamsAmong(
    db,
    matches.map((m) => m.id),
    userId,
  );
  return matches.map(({ reason, similarity: _similarity, ...m }) => ({
    ...listedPersonView(m, team.has(m.id)),
    reason,
  }));
}
