import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type pg from "pg";

// Benchmark users sign in the way the app's own sessions work: a random id whose SHA-256 is stored in user_session,
// sent as the production cookie (Remix's encoding of the JSON string id). No password is involved, so the
// synthetic staff accounts, which cannot sign in, can still be driven.
const cookie = createCookie("__Host-session", { httpOnly: true, sameSite: "lax", secure: true, path: "/" });

export interface BenchSession {
  userId: string;
  /** The Cookie request header value. */
  cookie: string;
}

export async function openSessions(pool: pg.Pool, userIds: string[]): Promise<BenchSession[]> {
  const out: BenchSession[] = [];
  for (const userId of userIds) {
    const id = randomBytes(32).toString("base64url");
    await pool.query("insert into user_session (id_hash, user_id) values ($1, $2)", [
      createHash("sha256").update(id).digest("hex"),
      userId,
    ]);
    const setCookie = await cookie.serialize(id);
    out.push({ userId, cookie: setCookie.split(";")[0] });
  }
  return out;
}

/** Ends the benchmark's sessions so they cannot be reused. */
export async function closeSessions(pool: pg.Pool, sessions: BenchSession[]): Promise<void> {
  const hashes = sessions.map((s) => createHash("sha256").update(decodeSessionId(s.cookie)).digest("hex"));
  await pool.query("update user_session set ended_at = now() where id_hash = any($1) and ended_at is null", [hashes]);
}

function decodeSessionId(header: string): string {
  const value = decodeURIComponent(header.slice(header.indexOf("=") + 1));
  return JSON.parse(Buffer.from(value, "base64").toString("utf8")) as string;
}
