// The HTTP ceiling: a bare Node http server with a pg pool serving the same queries as the benchmarked pages in
// one transaction with their audit row, rendering a small escaped HTML page. No framework, no session lookup, no
// React: what the hardware allows a Node process to do with these queries.
import { randomUUID } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { PreparingClient } from "../../db/prepared-client";
import { personView, reference, registerSave, search, searchAudit } from "./queries";

// The app's own client, so both send the same named (prepared) statements.
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 20),
  Client: PreparingClient,
});
pool.on("error", () => {});
pool.on("connect", (c) => c.on("error", () => {}));
const actor = process.env.BENCH_ACTOR_ID ?? null;

const escape = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, rows: Record<string, unknown>[]) =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1><table>` +
  rows
    .map(
      (r) =>
        `<tr>${Object.values(r)
          .map((v) => `<td>${escape(v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(", ") : v)}</td>`)
          .join("")}</tr>`,
    )
    .join("") +
  `</table></main></body></html>`;

async function inTransaction<T>(run: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const out = await run(client);
    await client.query("commit");
    return out;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function personPage(id: string, userId: string) {
  // One statement, its audit row included, as the app's: no transaction needed. Through a checked-out client, as
  // the app's queries go, so it is sent as a named statement (pool.query passes a callback, which is not).
  const c = await pool.connect();
  let person: pg.QueryResult;
  try {
    person = await c.query(personView.record, [id, userId, randomUUID()]);
  } finally {
    c.release();
  }
  if (!person.rows[0]) return null;
  const row = person.rows[0];
  const parts = ["consents", "care_team", "referrals", "events", "attendance", "notes", "measures"].flatMap(
    (k) => row[k] as Record<string, unknown>[],
  );
  return page(`${row.given_name} ${row.family_name}`, parts);
}

/** The reference page: a person read and its audit row in one transaction, as the published ceiling measured. */
async function referencePage(id: string, userId: string) {
  return inTransaction(async (c) => {
    const person = (await c.query(reference.read, [id])).rows[0];
    if (!person) return null;
    await c.query(reference.audit, [userId, randomUUID(), id]);
    return page(`${person.given_name} ${person.family_name}`, [person]);
  });
}

async function searchPage(term: string, userId: string) {
  return inTransaction(async (c) => {
    const compact = term.replace(/[\s-]/g, "");
    const name = term.trim().toLowerCase().replace(/\s+/g, " ");
    const like = name.replace(/[\\%_]/g, (x) => `\\${x}`);
    const byNhs = /^[0-9]{10}$/.test(compact);
    const rows = byNhs
      ? (await c.query(search.nhs, [compact])).rows
      : (await c.query(name.includes(" ") ? search.namePrefix : search.surnamePrefix, [`${like}%`])).rows;
    if (!byNhs) {
      for (const [q, pattern] of [
        [search.contains, `%${like}%`],
        [search.preferred, `${like}%`],
      ] as const) {
        if (rows.length > 25) break;
        rows.push(...(await c.query(q, [pattern, rows.map((r) => r.id), 26 - rows.length])).rows);
      }
    }
    await c.query(searchAudit, [
      userId,
      randomUUID(),
      JSON.stringify({ by: byNhs ? "nhs_number" : "name", results: Math.min(rows.length, 25) }),
    ]);
    return page("Search results", rows.slice(0, 25));
  });
}

async function registerPage(activityId: string, sessionId: string, form: URLSearchParams, userId: string) {
  return inTransaction(async (c) => {
    const session = (await c.query(registerSave.lockSession, [sessionId, activityId])).rows[0];
    if (!session) return { status: 404, html: page("Not found", []) };
    const version = Number(form.get("registerVersion"));
    const conflict = (current: number) => ({
      status: 409,
      html: page("Conflict", []).replace(
        "</main>",
        `<input type="hidden" name="registerVersion" value="${current}"></main>`,
      ),
    });
    if (session.register_version !== version) return conflict(session.register_version);
    const eligible = new Map(
      (await c.query(registerSave.participants, [activityId, sessionId])).rows.map((p) => [p.referral_id as string, p]),
    );
    const marks = [...form].filter(([k]) => k.startsWith("mark-")).map(([k, v]) => [k.slice(5), v] as const);
    if (marks.some(([r]) => !eligible.has(r))) return { status: 400, html: page("Refused", []) };
    await c.query(registerSave.upsertMarks, [
      sessionId,
      marks.map(([r]) => r),
      marks.map(([r]) => eligible.get(r).person_id),
      marks.map(([, s]) => s),
      userId,
    ]);
    const bumped = await c.query(registerSave.bumpVersion, [
      sessionId,
      version,
      Number(form.get("otherAttendees") ?? 0),
      userId,
      form.get("idempotencyKey"),
    ]);
    if (!bumped.rows[0]) return conflict(session.register_version);
    await c.query(registerSave.audit, [
      userId,
      randomUUID(),
      sessionId,
      JSON.stringify({ activityId, referralIds: marks.map(([r]) => r) }),
    ]);
    return { status: 200, html: page("Register saved", [{ version: bumped.rows[0].register_version }]) };
  });
}

function body(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (d) => (text += d));
    req.on("end", () => resolve(text));
  });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const userId = req.headers["x-bench-user"]?.toString() ?? actor;
  try {
    let status = 200;
    let html: string | null = null;
    const person = /^\/people\/([0-9a-f-]{36})$/.exec(url.pathname);
    const referencePerson = /^\/reference\/([0-9a-f-]{36})$/.exec(url.pathname);
    const register = /^\/activities\/([0-9a-f-]{36})\/sessions\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (url.pathname === "/healthz") html = "ok";
    else if (person && req.method === "GET") html = await personPage(person[1], userId!);
    else if (referencePerson && req.method === "GET") html = await referencePage(referencePerson[1], userId!);
    else if (url.pathname === "/people" && req.method === "POST")
      html = await searchPage(new URLSearchParams(await body(req)).get("q") ?? "", userId!);
    else if (register && req.method === "POST")
      ({ status, html } = await registerPage(register[1], register[2], new URLSearchParams(await body(req)), userId!));
    if (html === null) {
      status = 404;
      html = page("Not found", []);
    }
    res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(html);
  } catch (err) {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(err instanceof Error ? err.message : "error");
  }
});
server.listen(Number(process.env.PORT ?? 3702), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
