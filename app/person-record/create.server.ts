import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import type { AuditActor } from "~/audit/audit.server";
import { matchViews } from "~/care-team/views.server";
import { createPerson, type CreatePersonInput } from "~/people/people.server";
import type { MatchView } from "~/people/PossibleMatches";

export type RecordPersonResult =
  | { kind: "created"; id: string }
  | { kind: "existing"; id: string }
  | { kind: "matches"; matches: MatchView[]; nhsNumberTaken: boolean };

/**
 * Records a person (`createPerson`, app/people/people.server.ts: a new record, the one an earlier submit with the
 * same idempotency key made, or the possible matches that stop it) and shows any possible matches as `actor` may see
 * them: in full on their care teams, the minimum (name, year of birth, district) outside them (docs/decisions/0803).
 * The care team is read here, above people and referrals, because a caseworker of an open referral is on it
 * (docs/decisions/0880).
 */
export async function recordPerson(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  input: CreatePersonInput,
): Promise<RecordPersonResult> {
  const result = await createPerson(db, actor, input);
  if (result.kind !== "matches") return result;
  return { ...result, matches: await matchViews(db, result.matches, actor.userId) };
}
