import { personView } from "../ceilings/queries";
import { modeLabel } from "../support/browser";
import { measure } from "../support/phases";
import { smallestPage } from "../support/floor";
import { runPgbench } from "../support/pgbench";
import { openRecordViews } from "../support/record-views";
import { prescribers } from "../support/samples";
import type { BenchContext, Check, Scenario, ScenarioResult } from "../support/scenario";
import { closeSessions } from "../support/sessions";
import { ratio } from "../support/stats";
import { atLeastPerSecond, atMostMs } from "../support/targets";

const CONNECTIONS = 20;

// pgbench: draw a sampled person, then the page's statement (its read and its audit row).
const pgbenchScript = `\\set k random(1, :samples)
select id as pid, uid from bench.person_sample where k = :k \\gset
${personView.record.replace(/\$1/g, ":pid").replace(/\$2/g, ":uid").replace(/\$3/g, "gen_random_uuid()::text").replace(/\s+/g, " ")};
`;

async function auditedReads(ctx: BenchContext, users: string[]): Promise<number> {
  const { rows } = await ctx.pool.query<{ n: number }>(
    "select count(*)::int as n from audit_event where action = 'person.read' and actor_user_id = any($1)",
    [users],
  );
  return rows[0].n;
}

const scenario: Scenario = {
  id: "person-view",
  title: "Person record view (with its audit row)",
  order: 20,
  async run(ctx): Promise<ScenarioResult> {
    const users = await prescribers(ctx.pool, CONNECTIONS);
    const views = await openRecordViews(ctx.pool, users, ctx.smoke ? 200 : 5_000);
    const sessions = views.sessions;
    try {
      let auditBefore = 0;
      // Opening a person from search results or a caseload, as the prescriber's browser does it.
      const app = await measure(
        ctx,
        `app, ${modeLabel["in-app"]}`,
        ctx.app.pid,
        {
          url: ctx.app.url,
          connections: CONNECTIONS,
          next: () => views.next("in-app"),
          onResponse: (s) => s === 200,
        },
        ctx.seconds,
        async () => {
          auditBefore = await auditedReads(ctx, users);
        },
      );
      const audited = (await auditedReads(ctx, users)) - auditBefore;
      const okReads = app.load.timeline.reduce((s, t) => s + t.ok, 0);
      const documents = await measure(ctx, `app, ${modeLabel.document}`, ctx.app.pid, {
        url: ctx.app.url,
        connections: CONNECTIONS,
        next: () => views.next("document"),
        onResponse: (s) => s === 200,
      });

      const bare = await measure(ctx, "bare Node page", ctx.bare.pid, {
        url: ctx.bare.url,
        connections: CONNECTIONS,
        next: () => ({ method: "GET", path: views.path(), headers: { "x-bench-user": users[0] } }),
        onResponse: (s) => s === 200,
      });
      const floor = await smallestPage(ctx, CONNECTIONS);
      const sql = await runPgbench({
        url: ctx.dbUrl,
        script: pgbenchScript,
        clients: CONNECTIONS,
        seconds: ctx.seconds,
        variables: { samples: views.pairs },
      });
      ctx.log(`raw SQL: ${sql.throughput.toFixed(0)}/s p95 ${sql.latency.p95.toFixed(1)} ms`);

      const a = app.m;
      const targets: Check[] = [
        atMostMs(ctx, "p95", a.latency.p95, 100),
        atLeastPerSecond(ctx, a.throughput, 300),
        { name: "0 errors", pass: a.errors === 0, detail: String(a.errors) },
      ];
      const invariants: Check[] = [
        {
          name: "audit rows = successful reads",
          pass: audited === okReads,
          detail: `${audited} audit rows, ${okReads} successful reads`,
        },
        { name: "the HTML document too: 0 errors", pass: documents.m.errors === 0, detail: String(documents.m.errors) },
      ];
      return {
        id: scenario.id,
        title: scenario.title,
        load: `${CONNECTIONS} connections, ${views.pairs} sampled care-team reads, ${sessions.length} prescribers' sessions`,
        target: "p95 ≤ 100 ms, ≥ 300 req/s; audit rows = successful reads",
        measurements: [
          a,
          documents.m,
          floor,
          bare.m,
          {
            label: "raw SQL (pgbench)",
            connections: CONNECTIONS,
            seconds: sql.seconds,
            requests: sql.transactions,
            throughput: sql.throughput,
            latency: sql.latency,
            errors: sql.failed,
          },
        ],
        ratios: [
          { label: "throughput, app / bare Node page", value: ratio(a.throughput, bare.m.throughput) },
          {
            label: "throughput, app's HTML document / bare Node page",
            value: ratio(documents.m.throughput, bare.m.throughput),
          },
          { label: "throughput, app / raw SQL", value: ratio(a.throughput, sql.throughput) },
          { label: "throughput, app / the app's smallest page", value: ratio(a.throughput, floor.throughput) },
          { label: "p95, app / bare Node page", value: ratio(a.latency.p95, bare.m.latency.p95) },
        ],
        targets,
        invariants,
        notes: [],
        exports: { maxThroughput: a.throughput },
      };
    } finally {
      await closeSessions(ctx.pool, sessions);
    }
  },
};
export default scenario;
