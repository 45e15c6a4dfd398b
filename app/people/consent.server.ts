import type { Executor } from "~/audit/audit.server";
import { RefusedError } from "~/errors";
import { consentMissingMessage, type ConsentState } from "./consent";
import type { ConsentKind } from "./person-form";

/** The latest recorded answer for one consent of a person: "given", "not_given", or "not_asked" when none. */
async function consentState(db: Executor, personId: string, kind: ConsentKind): Promise<ConsentState> {
  const latest = await db
    .selectFrom("person_consent")
    .select("given")
    .where("person_id", "=", personId)
    .where("kind", "=", kind)
    .orderBy("recorded_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return latest === undefined ? "not_asked" : latest.given ? "given" : "not_given";
}

/**
 * Refuses an action that needs `kind` of consent unless the person's latest answer is "given". Run it inside the
 * action's transaction. Throws RefusedError at `field` with a message saying what to record first
 * (`consentMissingMessage`, app/people/consent.ts).
 */
export async function requireConsent(
  db: Executor,
  personId: string,
  kind: ConsentKind,
  refusal: { action: string; field: string },
): Promise<void> {
  const state = await consentState(db, personId, kind);
  if (state !== "given") throw new RefusedError(consentMissingMessage(kind, state, refusal.action), refusal.field);
}
