// Taking the device back after a self-completion questionnaire (docs/decisions/0820-restricted-self-completion.md).
import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit } from "~/audit/audit.server";
import { type Confirmation, confirmPassword } from "./sign-in.server";
import { type CurrentUser, endSession, startSession } from "./session.server";

export type HandBackResult =
  | { ok: true; setCookie: string; personId: string | null }
  | { ok: false; reason: Exclude<Confirmation, "confirmed"> };

/**
 * Returns a session restricted to a questionnaire to its staff member, once they have typed their password again.
 * The password check is the sign-in throttle's (`confirmPassword`: the account's and the address's failures count,
 * a wrong one is audited as `auth.reauth-failed`). On success the restricted session ends and a new one starts (a new
 * cookie, as at sign-in), audited as `auth.hand-back` against the person who answered. `personId` is whose
 * questionnaire it was (null if it has since been erased), for the page to return to.
 */
export async function handBack(
  db: Kysely<DB>,
  user: CurrentUser,
  input: { password: string; clientIp: string; requestId: string },
): Promise<HandBackResult> {
  const confirmed = await confirmPassword(db, {
    userId: user.id,
    email: user.email,
    password: input.password,
    clientIp: input.clientIp,
    requestId: input.requestId,
  });
  if (confirmed !== "confirmed") return { ok: false, reason: confirmed };
  return db.transaction().execute(async (trx) => {
    const questionnaire = user.restrictedTo
      ? await trx
          .selectFrom("measure_self_session")
          .select("person_id")
          .where("id", "=", user.restrictedTo)
          .executeTakeFirst()
      : undefined;
    await endSession(trx, user.sessionHash);
    const setCookie = await startSession(trx, user.id);
    await audit(
      trx,
      { userId: user.id, role: user.role, requestId: input.requestId },
      {
        action: "auth.hand-back",
        entityType: "measure_self_session",
        entityId: user.restrictedTo ?? undefined,
        personId: questionnaire?.person_id,
      },
    );
    return { ok: true, setCookie, personId: questionnaire?.person_id ?? null };
  });
}
