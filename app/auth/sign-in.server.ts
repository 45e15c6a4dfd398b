import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { dbEnv } from "@db/env";
import type { DB } from "@db/types";
import { audit, type Executor } from "~/audit/audit.server";
import { verifyPassword } from "./password.server";
import { startSession, endSession } from "./session.server";

const ACCOUNT_FAILURE_LIMIT = 10;
const CLIENT_FAILURE_LIMIT = 50;
export const THROTTLE_WINDOW_SECONDS = 5 * 60;

// Keys are hashed: the throttle table should not become a list of who tried which address.
const key = (value: string) => createHash("sha256").update(value).digest("hex");

export type SignInResult =
  | { ok: true; userId: string; role: string; setCookie: string }
  | { ok: false; reason: "invalid" | "throttled" };

export async function signIn(
  db: Kysely<DB>,
  input: {
    email: string;
    password: string;
    clientIp: string;
    requestId: string;
    previousSessionHash?: string | null;
  },
): Promise<SignInResult> {
  const accountKey = key(input.email.trim().toLowerCase());
  const clientKey = key(input.clientIp);

  const attempt = await claimAttempt(db, accountKey, clientKey);
  if (attempt === "throttled") {
    await audit(
      db,
      { userId: null, role: null, requestId: input.requestId },
      { action: "auth.sign-in-throttled", outcome: "denied" },
    );
    return { ok: false, reason: "throttled" };
  }

  const user = await db
    .selectFrom("app_user")
    .select(["id", "role", "password_hash", "disabled_at", "demo"])
    .where(sql`lower(email)`, "=", input.email.trim().toLowerCase())
    .executeTakeFirst();
  // Always verify (against a dummy hash when there is no account) so timing does not reveal which emails exist.
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  // Demo accounts are refused outright unless the server runs in demo mode.
  const demoRefused = user?.demo === true && !dbEnv().demo;
  if (!user || !passwordOk || user.disabled_at || demoRefused) {
    // The attempt's row, recorded before the password was checked, stays as the failure.
    await audit(
      db,
      { userId: user?.id ?? null, role: null, requestId: input.requestId },
      {
        action: "auth.sign-in-failed",
        outcome: "failed",
        entityType: user ? "app_user" : undefined,
        entityId: user?.id,
      },
    );
    return { ok: false, reason: "invalid" };
  }

  const setCookie = await db.transaction().execute(async (trx) => {
    // The account's failures go, this attempt's own row with them.
    await trx.deleteFrom("sign_in_failure").where("account_key", "=", accountKey).execute();
    await trx
      .deleteFrom("sign_in_failure")
      .where(sql<boolean>`failed_at < now() - interval '1 day'`)
      .execute();
    return beginSignedInSession(trx, user, input.requestId, input.previousSessionHash ?? null);
  });
  return { ok: true, userId: user.id, role: user.role, setCookie };
}

/**
 * What every sign-in does once the account is known to be allowed in: ends the browser's earlier session
 * (`previousSessionHash`, a session id's hash, or null), writes the `auth.sign-in` audit row (with `details`, if
 * any) and starts a new session. Returns its Set-Cookie header. Call it in a transaction.
 */
export async function beginSignedInSession(
  trx: Executor,
  user: { id: string; role: string },
  requestId: string,
  previousSessionHash: string | null,
  details?: Record<string, unknown>,
): Promise<string> {
  if (previousSessionHash) await endSession(trx, previousSessionHash);
  await audit(
    trx,
    { userId: user.id, role: user.role, requestId },
    { action: "auth.sign-in", entityType: "app_user", entityId: user.id, details },
  );
  return startSession(trx, user.id);
}

// Advisory lock classes: one per kind of key, so an account key and an address key never share a lock.
const ACCOUNT_LOCK = 7501;
const CLIENT_LOCK = 7502;

/**
 * Counts the account's and the address's attempts in the window and records this one, as one step that no
 * concurrent attempt can interleave with: both keys' advisory locks are held (always account first, then address,
 * so two attempts cannot wait on each other) until the row is committed. The row is recorded before the password is
 * checked, so parallel attempts each see those before them; a successful sign-in deletes it again. Returns
 * "throttled" (nothing recorded) when either limit is reached: ACCOUNT_FAILURE_LIMIT per account and
 * CLIENT_FAILURE_LIMIT per address in THROTTLE_WINDOW_SECONDS (docs/decisions/0750-throttle-before-verify.md).
 */
async function claimAttempt(db: Kysely<DB>, accountKey: string, clientKey: string): Promise<"recorded" | "throttled"> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(${accountKey}))`.execute(trx);
    await sql`select pg_advisory_xact_lock(${CLIENT_LOCK}, hashtext(${clientKey}))`.execute(trx);
    const { account, client } = await trx
      .selectFrom("sign_in_failure")
      .select([
        sql<number>`count(*) filter (where account_key = ${accountKey})`.as("account"),
        sql<number>`count(*) filter (where client_key = ${clientKey})`.as("client"),
      ])
      .where((eb) => eb.or([eb("account_key", "=", accountKey), eb("client_key", "=", clientKey)]))
      .where(sql<boolean>`failed_at > now() - ${THROTTLE_WINDOW_SECONDS} * interval '1 second'`)
      .executeTakeFirstOrThrow();
    if (Number(account) >= ACCOUNT_FAILURE_LIMIT || Number(client) >= CLIENT_FAILURE_LIMIT) return "throttled";
    await trx.insertInto("sign_in_failure").values({ account_key: accountKey, client_key: clientKey }).execute();
    return "recorded";
  });
}

export type Confirmation = "confirmed" | "wrong" | "throttled";

/**
 * Asks a signed-in user for their password again before a change that grants access (a new role, a re-enabled
 * account). Each try counts against the same throttle as signing in (claimAttempt: the user's account and the
 * address), so the prompt cannot be used to guess the password of a session left open. A wrong password writes a
 * "auth.reauth-failed" audit row; a right one clears the account's failures as a sign-in does.
 */
export async function confirmPassword(
  db: Kysely<DB>,
  input: {
    userId: string;
    email: string;
    password: string;
    clientIp: string;
    requestId: string;
  },
): Promise<Confirmation> {
  const accountKey = key(input.email.trim().toLowerCase());
  if ((await claimAttempt(db, accountKey, key(input.clientIp))) === "throttled") return "throttled";
  const row = await db
    .selectFrom("app_user")
    .select(["password_hash", "role"])
    .where("id", "=", input.userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const ok = await verifyPassword(row?.password_hash ?? null, input.password);
  if (!row || !ok) {
    await audit(
      db,
      { userId: input.userId, role: row?.role ?? null, requestId: input.requestId },
      { action: "auth.reauth-failed", outcome: "failed", entityType: "app_user", entityId: input.userId },
    );
    return "wrong";
  }
  await db.deleteFrom("sign_in_failure").where("account_key", "=", accountKey).execute();
  return "confirmed";
}
