import { sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { APP_ROLE, openConnection, type Connection } from "../../../db/connection";
import { setConnection } from "../../../db/index";
import type { DB } from "../../../db/types";
import { audit } from "../../../app/audit/audit.server";
import { type RefreshResult, refreshOutcomeSummaries } from "../../../app/outcomes/summaries.server";
import { action as signInAction } from "../../../app/routes/sign-in";
import { testConnection, testDatabaseUrl, testDb, useTestDatabase } from "../../support/db";
import { context, makeUser, TEST_PASSWORD } from "../../support/factories";
import { call, formRequest } from "../../support/http";
import { outcomePerson, outcomeReferral } from "../../support/outcome-factories";

useTestDatabase();

// The app's own database role (docs/decisions/0756): on PostgreSQL a connection opened as the server opens it (the
// role set at connection start-up); on the embedded database its single session switched with SET ROLE, as the
// server does after migrating.
let appConnection: Connection | null = null;
async function asApp<T>(run: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const url = testDatabaseUrl();
  if (url) {
    appConnection ??= await openConnection({ url, role: APP_ROLE, maxConnections: 2 });
    return run(appConnection.db);
  }
  return testDb()
    .connection()
    .execute(async (c) => {
      await sql`set role ${sql.id(APP_ROLE)}`.execute(c);
      try {
        return await run(c);
      } finally {
        await sql`reset role`.execute(c);
      }
    });
}
afterAll(async () => {
  await appConnection?.close();
});

const refusal = (db: Kysely<DB>, statement: ReturnType<typeof sql>) =>
  statement.execute(db).then(
    () => "allowed",
    (err: Error) => err.message,
  );

describe("the audit trail, for the application's own database role", () => {
  it("can be added to and read", async () => {
    await asApp(async (db) => {
      expect((await sql<{ r: string }>`select current_user as r`.execute(db)).rows[0].r).toBe(APP_ROLE);
      await audit(db, { userId: null, role: null, requestId: "role-test" }, { action: "user.update" });
      const rows = await db.selectFrom("audit_event").select("action").where("request_id", "=", "role-test").execute();
      expect(rows).toEqual([{ action: "user.update" }]);
    });
  });

  it("cannot be updated, deleted, truncated, or have its triggers disabled or bypassed", async () => {
    await audit(testDb(), { userId: null, role: null, requestId: "kept" }, { action: "user.update" });
    await asApp(async (db) => {
      expect(await refusal(db, sql`update audit_event set action = 'rewritten'`)).toMatch(/permission denied/);
      expect(await refusal(db, sql`delete from audit_event`)).toMatch(/permission denied/);
      expect(await refusal(db, sql`truncate audit_event`)).toMatch(/permission denied/);
      expect(await refusal(db, sql`alter table audit_event disable trigger all`)).toMatch(/must be owner/);
      expect(await refusal(db, sql`drop trigger audit_event_no_change on audit_event`)).toMatch(/must be owner/);
      expect(await refusal(db, sql`set session_replication_role = replica`)).toMatch(/permission denied/);
      // Granting itself more is a no-op (PostgreSQL warns "no privileges were granted"): still refused after.
      await refusal(db, sql`grant update, delete, truncate on audit_event to ${sql.id(APP_ROLE)}`);
      expect(await refusal(db, sql`delete from audit_event`)).toMatch(/permission denied/);
    });
    const kept = await testDb().selectFrom("audit_event").select("action").where("request_id", "=", "kept").execute();
    expect(kept).toEqual([{ action: "user.update" }]);
  });

  it("leaves the service's other tables to work as before: a sign-in, as the app", async () => {
    const user = await makeUser("prescriber");
    await asApp(async (db) => {
      await db.updateTable("app_user").set({ display_name: "Renamed by the app" }).where("id", "=", user.id).execute();
    });
    const url = testDatabaseUrl();
    if (!url) return; // The embedded database's session is shared: the sign-in below runs as the owner there.
    appConnection ??= await openConnection({ url, role: APP_ROLE, maxConnections: 2 });
    setConnection(appConnection);
    try {
      const res = await call(() =>
        signInAction({
          request: formRequest("/sign-in", { email: user.email, password: TEST_PASSWORD }),
          context: context(),
          params: {},
        } as any),
      );
      expect(res.status).toBe(302);
    } finally {
      setConnection(testConnection());
    }
  });
});

describe("the outcome summaries, for the application's own database role", () => {
  it("are built whole with fresh planner statistics, then kept current by difference, as the app", async () => {
    const p = await outcomePerson();
    await outcomeReferral(p.id, { received: "2026-10-05T10:00:00Z" });
    const now = new Date("2026-11-29T12:00:00Z");
    const results: RefreshResult[] = [];
    const refresh = () => asApp((db) => refreshOutcomeSummaries(db, { now, onResult: (r) => results.push(r) }));
    // The first build is whole: it empties the kept facts and analyses the summary tables, which only their owner may
    // do directly.
    expect(await refresh()).toBe(true);
    expect(results.at(-1)?.full).toBe(true);
    const stats = await sql<{ reltuples: number; n: number }>`
      select c.reltuples::float8 as reltuples, (select count(*)::int from outcome_summary) as n
      from pg_class c where c.relname = 'outcome_summary' and c.relnamespace = 'public'::regnamespace`.execute(
      testDb(),
    );
    expect(stats.rows[0].n).toBeGreaterThan(0);
    expect(stats.rows[0].reltuples).toBe(stats.rows[0].n);

    await outcomeReferral(p.id, { received: "2026-10-06T10:00:00Z" });
    expect(await refresh()).toBe(true);
    expect(results.at(-1)).toMatchObject({ full: false, people: 1 });
    const october = await testDb()
      .selectFrom("outcome_summary")
      .select("figures")
      .where("period_key", "=", "2026-10")
      .where("view_key", "=", "")
      .executeTakeFirstOrThrow();
    expect((october.figures as { ref: { referrals: number[] } }).ref.referrals[0]).toBe(2);
  });
});
