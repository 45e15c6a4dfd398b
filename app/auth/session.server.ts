import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { sql } from "kysely";
import { dbEnv } from "@db/env";
import { preparedQuery } from "@db/prepared-query";
import type { Executor } from "~/audit/audit.server";
import type { RequestContext } from "~/context";
import { isRole, type Role } from "./roles";

export const IDLE_TIMEOUT_MS = 15 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60 * 1000;
/** Skip rewriting last_seen_at on every request: 30 s of slack is invisible against a 15 minute timeout. */
const TOUCH_AFTER_MS = 30 * 1000;

const production = process.env.NODE_ENV === "production";

// The cookie carries only an opaque random id; everything else lives in user_session.
export const sessionCookie = createCookie(production ? "__Host-session" : "session", {
  httpOnly: true,
  sameSite: "lax",
  secure: production,
  path: "/",
});

export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  districtCode: string | null;
  sessionHash: string;
  sessionStartedAt: Date;
  lastSeenAt: Date;
  /**
   * Set while the device is handed to a person for a self-completion questionnaire: the id of that questionnaire
   * (`measure_self_session`), the only thing this session may do until the staff member's password is typed again
   * (app/auth/session-scope.server.ts, docs/decisions/0820-restricted-self-completion.md). Null for a staff session.
   */
  restrictedTo: string | null;
}

export function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/** A user's live sessions at most (one per device they work on, and a few to spare). */
const MAX_LIVE_SESSIONS = 5;

/**
 * Starts a fresh session (a new id at every sign-in) and returns its Set-Cookie header. A user keeps at most
 * MAX_LIVE_SESSIONS: the oldest are ended first. Call it in a transaction: the user's row is locked so that
 * parallel sign-ins cannot each keep five.
 */
export async function startSession(db: Executor, userId: string): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.selectFrom("app_user").select("id").where("id", "=", userId).forUpdate().execute();
  await db
    .insertInto("user_session")
    .values({ id_hash: hashSessionId(id), user_id: userId })
    .execute();
  await db
    .updateTable("user_session")
    .set({ ended_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .where("id_hash", "not in", (eb) =>
      eb
        .selectFrom("user_session")
        .select("id_hash")
        .where("user_id", "=", userId)
        .where("ended_at", "is", null)
        // The new session first, whatever its transaction's clock says, then the most recent.
        .orderBy(sql`id_hash = ${hashSessionId(id)}`, "desc")
        .orderBy("created_at", "desc")
        .limit(MAX_LIVE_SESSIONS),
    )
    .execute();
  return sessionCookie.serialize(id, { maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
}

/**
 * Restricts a live session to one self-completion questionnaire (`measure_self_session.id`): from now on it may only
 * answer that questionnaire, hand the device back or sign out (app/auth/session-scope.server.ts). Call it in the
 * transaction that starts the questionnaire, so the device is never handed over with a staff session.
 */
export async function restrictSession(db: Executor, sessionHash: string, selfSessionId: string): Promise<void> {
  await db
    .updateTable("user_session")
    .set({ restricted_to_self_session_id: selfSessionId })
    .where("id_hash", "=", sessionHash)
    .where("ended_at", "is", null)
    .execute();
}

export async function endSession(db: Executor, sessionHash: string): Promise<void> {
  await db
    .updateTable("user_session")
    .set({ ended_at: sql`now()` })
    .where("id_hash", "=", sessionHash)
    .where("ended_at", "is", null)
    .execute();
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0 });
}

// One lookup per request: the root loader and the route's guard both ask, in parallel. Keyed by the request's load
// context (one object per HTTP request, shared by all its loaders and its action).
const perRequest = new WeakMap<object, Promise<CurrentUser | null>>();

/**
 * The signed-in user, or null when there is no live session (ended, idle too long, too old, or user disabled).
 * Read on the load context's database; the load context also shares one lookup among the loaders of a request. A
 * forced touch always reads afresh.
 */
export function currentUser(
  request: Request,
  opts: { touch?: "auto" | "force"; context: RequestContext },
): Promise<CurrentUser | null> {
  const { db } = opts.context;
  const key = opts.touch !== "force" ? opts.context : null;
  if (!key) return lookUpUser(db, request, opts.touch ?? "auto");
  let found = perRequest.get(key);
  if (!found) {
    found = lookUpUser(db, request, "auto");
    perRequest.set(key, found);
  }
  return found;
}

// Every signed-in request runs this: compiled once (db/prepared-query.ts).
// A demo account's session counts only while the server runs in demo mode: one made in demo mode ends when the
// server restarts without it (docs/decisions/0751-demo-sessions.md).
const liveSession = preparedQuery((db, p: { sessionHash: string; demoMode: boolean }) =>
  db
    .selectFrom("user_session as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .select(["u.id", "u.email", "u.display_name", "u.role", "u.district_code", "s.created_at", "s.last_seen_at"])
    .select("s.restricted_to_self_session_id")
    .select(sql<Date>`now()`.as("now"))
    .where("s.id_hash", "=", p.sessionHash)
    .where("s.ended_at", "is", null)
    .where("u.disabled_at", "is", null)
    .where(sql<boolean>`(not u.demo or ${p.demoMode}::boolean)`)
    .where(sql<boolean>`s.last_seen_at > now() - ${IDLE_TIMEOUT_MS / 1000} * interval '1 second'`)
    .where(sql<boolean>`s.created_at > now() - ${ABSOLUTE_TIMEOUT_MS / 1000} * interval '1 second'`),
);

async function lookUpUser(db: Executor, request: Request, touch: "auto" | "force"): Promise<CurrentUser | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const sessionHash = hashSessionId(id);
  const [row] = await liveSession(db, { sessionHash, demoMode: dbEnv().demo });
  if (!row || !isRole(row.role)) return null;
  let lastSeenAt = row.last_seen_at;
  const stale = row.now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS;
  if (touch === "force" || stale) {
    await db
      .updateTable("user_session")
      .set({ last_seen_at: sql`now()` })
      .where("id_hash", "=", sessionHash)
      .execute();
    lastSeenAt = row.now;
  }
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    districtCode: row.district_code,
    sessionHash,
    sessionStartedAt: row.created_at,
    lastSeenAt,
    restrictedTo: row.restricted_to_self_session_id,
  };
}

/** Milliseconds until this session ends if the user does nothing, bounded by the absolute limit. */
export function sessionRemainingMs(user: CurrentUser): number {
  return (
    Math.min(user.lastSeenAt.getTime() + IDLE_TIMEOUT_MS, user.sessionStartedAt.getTime() + ABSOLUTE_TIMEOUT_MS) -
    Date.now()
  );
}

export async function endAllSessionsForUser(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable("user_session")
    .set({ ended_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .execute();
}

/**
 * Why a request that carries a session cookie has no live session: "disabled" when the session belongs to an
 * account an administrator has disabled (disabling ends its sessions: app/admin/users.server.ts), else "ended"
 * (idle, too old, signed out, or an id we never issued). Only the holder of the cookie learns which; the answer
 * carries the account's id and role for the audit row, never to the page.
 */
export async function sessionEndReason(
  db: Executor,
  request: Request,
): Promise<{ reason: "disabled"; userId: string; role: string } | { reason: "ended" } | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const row = await db
    .selectFrom("user_session as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .select(["u.id", "u.role", "u.disabled_at"])
    .where("s.id_hash", "=", hashSessionId(id))
    .executeTakeFirst();
  return row?.disabled_at ? { reason: "disabled", userId: row.id, role: row.role } : { reason: "ended" };
}
