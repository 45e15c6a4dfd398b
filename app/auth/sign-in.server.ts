import { createHash } from "node:crypto";
import { sql } from "kysely";
import { dbEnv } from "@db/env";
import { getDb } from "@db/index";
import { audit } from "~/audit/audit.server";
import { verifyPassword } from "./password.server";
import { startSession, endSession } from "./session.server";

export const ACCOUNT_FAILURE_LIMIT = 10;
export const CLIENT_FAILURE_LIMIT = 50;
export const THROTTLE_WINDOW_SECONDS = 5 * 60;

// Keys are hashed: the throttle table should not become a list of who tried which address.
const key = (value: string) => createHash("sha256").update(value).digest("hex");

export type SignInResult =
  | { ok: true; userId: string; role: string; setCookie: string }
  | { ok: false; reason: "invalid" | "throttled" };

export async function signIn(input: {
  email: string;
  password: string;
  clientIp: string;
  requestId: string;
  previousSessionHash?: string | null;
}): Promise<SignInResult> {
  const db = await getDb();
  const accountKey = key(input.email.trim().toLowerCase());
  const clientKey = key(input.clientIp);

  const { account, client } = await db
    .selectFrom("sign_in_failure")
    .select([
      sql<number>`count(*) filter (where account_key = ${accountKey})`.as("account"),
      sql<number>`count(*) filter (where client_key = ${clientKey})`.as("client"),
    ])
    .where((eb) => eb.or([eb("account_key", "=", accountKey), eb("client_key", "=", clientKey)]))
    .where(sql<boolean>`failed_at > now() - ${THROTTLE_WINDOW_SECONDS} * interval '1 second'`)
    .executeTakeFirstOrThrow();
  if (Number(account) >= ACCOUNT_FAILURE_LIMIT || Number(client) >= CLIENT_FAILURE_LIMIT) {
    await audit(
      db,
      { userId: null, role: null, requestId: input.requestId },
      { action: "sign-in.throttled", outcome: "denied" },
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
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("sign_in_failure").values({ account_key: accountKey, client_key: clientKey }).execute();
      await audit(
        trx,
        { userId: user?.id ?? null, role: null, requestId: input.requestId },
        {
          action: "sign-in.failed",
          outcome: "failed",
          entityType: user ? "app_user" : undefined,
          entityId: user?.id,
        },
      );
    });
    return { ok: false, reason: "invalid" };
  }

  const setCookie = await db.transaction().execute(async (trx) => {
    if (input.previousSessionHash) await endSession(trx, input.previousSessionHash);
    await trx.deleteFrom("sign_in_failure").where("account_key", "=", accountKey).execute();
    await trx
      .deleteFrom("sign_in_failure")
      .where(sql<boolean>`failed_at < now() - interval '1 day'`)
      .execute();
    await audit(
      trx,
      { userId: user.id, role: user.role, requestId: input.requestId },
      {
        action: "sign-in",
        entityType: "app_user",
        entityId: user.id,
      },
    );
    return startSession(trx, user.id);
  });
  return { ok: true, userId: user.id, role: user.role, setCookie };
}
