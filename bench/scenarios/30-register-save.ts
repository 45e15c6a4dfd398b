import { registerSave } from "../ceilings/queries";
import { modeLabel, submitSteps } from "../support/browser";
import { measure } from "../support/phases";
import { smallestPage } from "../support/floor";
import { runPgbench } from "../support/pgbench";
import { checkRegisters, registerDriver, registerTargets, type TargetSession } from "../support/registers";
import type { BenchContext, Check, Scenario, ScenarioResult } from "../support/scenario";
import { closeSessions, openSessions } from "../support/sessions";
import { ratio } from "../support/stats";
import { atLeastPerSecond, atMostMs } from "../support/targets";

const CONNECTIONS = 10;
const COLLISIONS = 0.05;

const flat = (q: string) => q.replace(/\s+/g, " ");
// pgbench cannot carry the lead's loaded version, so its save bumps the version unconditionally; otherwise the
// same statements: lock, read the register, upsert every mark, bump, audit.
const pgbenchScript = `\\set k random(1, :samples)
select session_id as sid, activity_id as aid from bench.register_sample where k = :k \\gset
begin;
${flat(registerSave.lockSession).replace("$1", ":sid").replace("$2", ":aid")};
${flat(registerSave.participants).replace("$1", ":aid").replace("$2", ":sid")};
insert into attendance (session_id, referral_id, person_id, status, recorded_by) select :sid, r.id, r.person_id, 'present', :uid from referral r where r.activity_id = :aid and r.status in ('accepted', 'attending') on conflict (session_id, referral_id) do update set status = excluded.status, recorded_by = excluded.recorded_by, recorded_at = now();
update activity_session set register_version = register_version + 1, register_saved_at = now(), register_saved_by = :uid, status = 'held' where id = :sid returning register_version;
${flat(registerSave.audit).replace("$1", ":uid").replace("$2", "gen_random_uuid()::text").replace("$3", ":sid").replace("$4", "json_build_object('bench', true)")};
commit;
`;

async function versions(ctx: BenchContext, sessions: TargetSession[]) {
  const { rows } = await ctx.pool.query<{ id: string; register_version: number }>(
    "select id, register_version from activity_session where id = any($1)",
    [sessions.map((s) => s.id)],
  );
  const map = new Map(rows.map((r) => [r.id, r.register_version]));
  for (const s of sessions) s.version = map.get(s.id) ?? s.version;
  return map;
}

async function auditedSaves(ctx: BenchContext, leads: string[]) {
  const { rows } = await ctx.pool.query<{ n: number }>(
    "select count(*)::int as n from audit_event where action = 'register.save' and outcome = 'ok' and actor_user_id = any($1)",
    [leads],
  );
  return rows[0].n;
}

const scenario: Scenario = {
  id: "register-save",
  title: "Attendance register save (25 people, same-session collisions)",
  order: 30,
  async run(ctx): Promise<ScenarioResult> {
    const sessions = await registerTargets(ctx.pool, ctx.smoke ? 40 : 300, ctx.smoke);
    if (sessions.length < CONNECTIONS)
      throw new Error(
        `Only ${sessions.length} sessions with a register of about 25 people: generate a larger data set`,
      );
    const leads = [...new Set(sessions.map((s) => s.leadId))];
    const cookies = new Map((await openSessions(ctx.pool, leads)).map((s) => [s.userId, s]));
    for (const s of sessions) s.cookie = cookies.get(s.leadId)!.cookie;
    const sizes = sessions.map((s) => s.referralIds.length).sort((a, b) => a - b);
    try {
      // The app, through the real route, as a lead's browser sends the form: the save, then the register reloaded.
      await versions(ctx, sessions);
      const appDriver = registerDriver({
        sessions,
        collisionShare: COLLISIONS,
        mode: "in-app",
        headers: (s) => ({ cookie: s.cookie!, origin: ctx.app.url }),
      });
      let initial = new Map<string, number>();
      let auditBefore = 0;
      const app = await measure(
        ctx,
        `app, ${modeLabel["in-app"]}`,
        ctx.app.pid,
        {
          url: ctx.app.url,
          connections: CONNECTIONS,
          steps: submitSteps("in-app"),
          next: appDriver.next,
          onResponse: appDriver.onResponse,
        },
        ctx.seconds,
        async () => {
          initial = await versions(ctx, sessions);
          auditBefore = await auditedSaves(ctx, leads);
          appDriver.log.ok.length = 0;
          appDriver.log.conflicts.length = 0;
          appDriver.log.unexpected.length = 0;
          appDriver.log.collisionsSent = 0;
        },
      );
      const appLog = appDriver.log;
      const appCheck = await checkRegisters(ctx.pool, sessions, initial, appLog);
      const audited = (await auditedSaves(ctx, leads)) - auditBefore;

      // The same form sent as an HTML document POST (a browser without JavaScript): the save and the whole
      // register rendered again in one response.
      await versions(ctx, sessions);
      const docDriver = registerDriver({
        sessions,
        collisionShare: COLLISIONS,
        mode: "document",
        headers: (s) => ({ cookie: s.cookie!, origin: ctx.app.url }),
      });
      const documents = await measure(ctx, `app, ${modeLabel.document}`, ctx.app.pid, {
        url: ctx.app.url,
        connections: CONNECTIONS,
        next: docDriver.next,
        onResponse: docDriver.onResponse,
      });

      await versions(ctx, sessions);
      const bareDriver = registerDriver({
        sessions,
        collisionShare: COLLISIONS,
        mode: "document",
        headers: (s) => ({ "x-bench-user": s.leadId }),
      });
      const bare = await measure(ctx, "bare Node page", ctx.bare.pid, {
        url: ctx.bare.url,
        connections: CONNECTIONS,
        next: bareDriver.next,
        onResponse: bareDriver.onResponse,
      });

      await ctx.pool.query("create schema if not exists bench");
      await ctx.pool.query("drop table if exists bench.register_sample");
      await ctx.pool.query(
        "create table bench.register_sample (k serial primary key, session_id uuid not null, activity_id uuid not null)",
      );
      await ctx.pool.query(
        "insert into bench.register_sample (session_id, activity_id) select * from unnest($1::uuid[], $2::uuid[])",
        [sessions.map((s) => s.id), sessions.map((s) => s.activityId)],
      );
      const floor = await smallestPage(ctx, CONNECTIONS);
      const sql = await runPgbench({
        url: ctx.dbUrl,
        script: pgbenchScript,
        clients: CONNECTIONS,
        seconds: ctx.seconds,
        variables: { samples: sessions.length, uid: leads[0] },
      });
      ctx.log(`raw SQL: ${sql.throughput.toFixed(0)}/s p95 ${sql.latency.p95.toFixed(1)} ms`);

      const a = app.m;
      const saves = appLog.ok.length;
      const perSec = saves / a.seconds;
      const collisionPairs = appLog.collisionsSent;
      const targets: Check[] = [
        atMostMs(ctx, "p95", a.latency.p95, 150),
        atLeastPerSecond(ctx, perSec, 150, "saves/s"),
        {
          name: "0 errors (a conflict answering a collision is not an error)",
          pass: a.errors === 0,
          detail: `${a.errors} (unexpected statuses: ${JSON.stringify(countBy(appLog.unexpected.map((u) => u.status)))})`,
        },
      ];
      const invariants: Check[] = [
        {
          name: "0 partial registers",
          pass: appCheck.partial === 0,
          detail: `${appCheck.partial} of ${appCheck.touched} saved sessions differ from their last successful save`,
        },
        {
          name: "no lost update (version moved once per successful save)",
          pass: appCheck.versionMismatch === 0,
          detail: `${appCheck.versionMismatch} sessions out of step`,
        },
        {
          name: "collisions → conflict, never two winners",
          pass: appCheck.bothWon === 0 && appLog.conflicts.length >= 1,
          detail: `${collisionPairs} colliding saves sent, ${appLog.conflicts.length} answered 409, ${appCheck.bothWon} double wins`,
        },
        {
          name: "audit rows = successful saves",
          pass: audited === saves,
          detail: `${audited} audit rows, ${saves} saves`,
        },
      ];
      return {
        id: scenario.id,
        title: scenario.title,
        load: `${CONNECTIONS} connections, ${sessions.length} sessions (register sizes ${sizes[0]}–${sizes[sizes.length - 1]}, median ${sizes[Math.floor(sizes.length / 2)]}), ${Math.round(COLLISIONS * 100)} % colliding saves`,
        target: "p95 ≤ 150 ms, ≥ 150 saves/s; 0 partial registers; collisions → conflict, never lost",
        measurements: [
          a,
          documents.m,
          floor,
          bare.m,
          {
            label: "raw SQL (pgbench, no version check)",
            connections: CONNECTIONS,
            seconds: sql.seconds,
            requests: sql.transactions,
            throughput: sql.throughput,
            latency: sql.latency,
            errors: sql.failed,
          },
        ],
        ratios: [
          { label: "throughput, app / the app's smallest page", value: ratio(a.throughput, floor.throughput) },
          { label: "throughput, app / bare Node page", value: ratio(a.throughput, bare.m.throughput) },
          {
            label: "throughput, app's HTML document / bare Node page",
            value: ratio(documents.m.throughput, bare.m.throughput),
          },
          { label: "throughput, app / raw SQL", value: ratio(a.throughput, sql.throughput) },
          { label: "p95, app / bare Node page", value: ratio(a.latency.p95, bare.m.latency.p95) },
        ],
        targets,
        invariants,
        notes: [
          `HTML document: ${docDriver.log.ok.length} saves, ${docDriver.log.conflicts.length} conflicts, ${docDriver.log.unexpected.length} unexpected answers.`,
          `Bare Node page: ${bareDriver.log.ok.length} saves, ${bareDriver.log.conflicts.length} conflicts.`,
        ],
        exports: { maxThroughput: a.throughput },
      };
    } finally {
      await closeSessions(ctx.pool, [...cookies.values()]);
    }
  },
};

function countBy(values: number[]) {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
export default scenario;
