import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type Executor } from "~/audit/audit.server";
import { endSession, type CurrentUser } from "./session.server";

/** Ends `user`'s session and records the sign-out, on `db` (run it in a transaction so both or neither hold). */
async function recordSignOut(
  db: Executor,
  user: Pick<CurrentUser, "id" | "role" | "sessionHash">,
  requestId: string,
): Promise<void> {
  await endSession(db, user.sessionHash);
  await audit(db, { userId: user.id, role: user.role, requestId }, { action: "auth.sign-out" });
}

/** Signs `user` out: their session ends and the audit trail says so, in one transaction. */
export async function signOut(
  db: Kysely<DB>,
  user: Pick<CurrentUser, "id" | "role" | "sessionHash">,
  requestId: string,
) {
  await db.transaction().execute((trx) => recordSignOut(trx, user, requestId));
}
