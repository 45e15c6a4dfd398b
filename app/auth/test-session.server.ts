import { sql, type Kysely } from "kysely";
import { dbEnv } from "@db/env";
import type { DB } from "@db/types";
import { hashSessionId, readSessionId } from "./session.server";
import { beginSignedInSession } from "./sign-in.server";

/** Where the browser tests' server answers a test session request (only when TEST_SESSIONS=1, in demo mode). */
export const TEST_SESSION_PATH = "/test-only/session";

/**
 * Whether this server starts sessions for the browser tests without the sign-in form: TEST_SESSIONS=1 and demo
 * mode both (docs/decisions/0862). It grants nothing demo mode does not already grant: it starts sessions for demo
 * accounts only, whose password is published in the README, and it is refused outside demo mode.
 */
export function testSessionsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TEST_SESSIONS === "1" && dbEnv().demo;
}

/**
 * Answers a POST of `email=<demo account>` with 204 and the new session's Set-Cookie, as a sign-in would: the
 * session row is written by the app's own `startSession`, the request's earlier session (if any) is ended, and an
 * `auth.sign-in` audit row is written with `via: "test session"`. Anything else — a GET, sessions not enabled, an
 * account that is not an active demo account — answers 404, as a path that does not exist.
 */
export async function testSessionResponse(db: Kysely<DB>, request: Request, requestId: string): Promise<Response> {
  const notFound = () => new Response("Not found", { status: 404 });
  if (request.method !== "POST" || !testSessionsEnabled()) return notFound();
  const email = new URLSearchParams(await request.text()).get("email")?.trim().toLowerCase() ?? "";
  const user = await db
    .selectFrom("app_user")
    .select(["id", "role"])
    .where(sql`lower(email)`, "=", email)
    .where("demo", "=", true)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!user) return notFound();
  const previous = await readSessionId(request);
  const setCookie = await db
    .transaction()
    .execute((trx) =>
      beginSignedInSession(trx, user, requestId, previous ? hashSessionId(previous) : null, { via: "test session" }),
    );
  return new Response(null, { status: 204, headers: { "Set-Cookie": setCookie, "Cache-Control": "no-store" } });
}
