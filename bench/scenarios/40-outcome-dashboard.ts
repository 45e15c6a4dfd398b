import { londonToday } from "../../app/calendar";
import { monthsOf, parsePeriod, periodOf } from "../../app/outcomes/periods";
import { follow, modeLabel } from "../support/browser";
import { smallestPage } from "../support/floor";
import { measure, pick } from "../support/phases";
import { runPgbench } from "../support/pgbench";
import type { BenchContext, Check, Scenario, ScenarioResult } from "../support/scenario";
import { closeSessions, openSessions } from "../support/sessions";
import { ratio } from "../support/stats";
import { atLeastPerSecond, atMostMs } from "../support/targets";

// The outcome dashboard, all panels, as analysts open it: views drawn from the lattice (a period with data and
// none, one or two filters). The figures come from the summary rows (app/outcomes/summaries.server.ts), rebuilt
// before the load starts; the raw ceiling is pgbench reading the same rows the page reads for its view.

const CONNECTIONS = 10;

interface View {
  query: string;
  period: string;
  keys: string[];
}

/** Views with data: periods and the one- and two-filter keys the summary table holds, weighted to the default. */
async function sampleViews(ctx: BenchContext, count: number): Promise<View[]> {
  const { rows: periods } = await ctx.pool.query<{ period_key: string }>(
    `select distinct period_key from outcome_summary where period_key ~ '^(L12-|FY|\\d{4}-Q|\\d{4}-\\d{2}$)'`,
  );
  const { rows: keys } = await ctx.pool.query<{ view_key: string }>(
    `select view_key from (select distinct view_key from outcome_summary
       where view_key <> '' and view_key !~ '(^|&)(activity|provider)=' and view_key !~ '=none(&|$)') v
     order by md5(view_key) limit 2000`,
  );
  const l12 = periods.map((p) => p.period_key).filter((p) => p.startsWith("L12-"));
  const all = periods.map((p) => p.period_key);
  const views: View[] = [];
  for (let i = 0; i < count; i++) {
    // Half the views on the default period (the latest last-12-months), the rest on any period with data.
    const period = i % 2 === 0 && l12.length ? l12.sort().at(-1)! : pick(all);
    const key = i % 5 === 0 ? "" : pick(keys).view_key;
    const params = new URLSearchParams({ period });
    for (const part of key ? key.split("&") : []) {
      const [d, v] = part.split("=");
      params.set(d, v);
    }
    views.push({ query: params.toString(), period, keys: [key] });
  }
  return views;
}

async function analysts(ctx: BenchContext, count: number): Promise<string[]> {
  const { rows } = await ctx.pool.query<{ id: string }>(
    "select id from app_user where role = 'analyst' and disabled_at is null order by id limit $1",
    [count],
  );
  if (!rows.length) throw new Error("the data set has no analyst accounts");
  return rows.map((r) => r.id);
}

// pgbench: a lower bound of the page's reads of one view: its summary row, the whole service's and its months'
// (≈ 15 rows), by primary key as the app reads them (app/outcomes/summaries.server.ts, readViewSummaries). The app
// also reads the view's equity breakdowns and coarser views (dozens of rows more for an unfiltered view).
const pgbenchScript = `\\set k random(1, :samples)
select period_key as p, view_key as v, months as m from bench.dashboard_sample where k = :k \\gset
select figures from outcome_summary where period_key = :p and view_key in (:v, '');
select figures from outcome_summary where period_key = any(:m::text[]) and view_key = :v;
`;

const scenario: Scenario = {
  id: "outcome-dashboard",
  title: "Outcome dashboard, all panels (views drawn from the lattice)",
  order: 40,
  async run(ctx): Promise<ScenarioResult> {
    const started = Date.now();
    const { rows: state } = await ctx.pool.query<{ refreshed_at: Date; duration_ms: number }>(
      "select refreshed_at, duration_ms from outcome_summary_state",
    );
    if (!state.length) throw new Error("no outcome summaries: the app builds them at start; wait for it");
    ctx.log(`outcome summaries as of ${state[0].refreshed_at.toISOString()}, rebuilt in ${state[0].duration_ms} ms`);
    const today = londonToday();
    // A stored period the app would now refuse (a last-12-months window that has since moved on, when the summaries
    // were not rebuilt after the month turned) is left out of the sample.
    const views = (await sampleViews(ctx, ctx.smoke ? 50 : 1_000)).filter((v) => parsePeriod(v.period, today).ok);
    await ctx.pool.query("create schema if not exists bench");
    await ctx.pool.query("drop table if exists bench.dashboard_sample");
    await ctx.pool.query(
      "create table bench.dashboard_sample (k serial primary key, period_key text, view_key text, months text)",
    );
    await ctx.pool.query(
      `insert into bench.dashboard_sample (period_key, view_key, months)
       select * from unnest($1::text[], $2::text[], $3::text[])`,
      [
        views.map((v) => v.period),
        views.map((v) => v.keys[0]),
        views.map((v) => `{${monthsOf(periodOf(v.period, today)).join(",")}}`),
      ],
    );
    const users = await analysts(ctx, CONNECTIONS);
    const sessions = await openSessions(ctx.pool, users);
    try {
      const app = await measure(ctx, `app, ${modeLabel["in-app"]}`, ctx.app.pid, {
        url: ctx.app.url,
        connections: CONNECTIONS,
        next: () => follow("in-app", `/outcomes?${pick(views).query}`, { cookie: pick(sessions).cookie }),
        onResponse: (s) => s === 200,
      });
      const documents = await measure(ctx, `app, ${modeLabel.document}`, ctx.app.pid, {
        url: ctx.app.url,
        connections: CONNECTIONS,
        next: () => follow("document", `/outcomes?${pick(views).query}`, { cookie: pick(sessions).cookie }),
        onResponse: (s) => s === 200,
      });
      const floor = await smallestPage(ctx, CONNECTIONS);
      const sql = await runPgbench({
        url: ctx.dbUrl,
        script: pgbenchScript,
        clients: CONNECTIONS,
        seconds: ctx.seconds,
        variables: { samples: views.length },
      });
      ctx.log(`raw SQL: ${sql.throughput.toFixed(0)}/s p95 ${sql.latency.p95.toFixed(1)} ms`);
      const a = app.m;
      const targets: Check[] = [
        atMostMs(ctx, "p95", a.latency.p95, 250),
        atLeastPerSecond(ctx, a.throughput, 40, "dashboards/s"),
        { name: "0 errors", pass: a.errors === 0, detail: String(a.errors) },
      ];
      const invariants: Check[] = [
        { name: "the HTML document too: 0 errors", pass: documents.m.errors === 0, detail: String(documents.m.errors) },
      ];
      return {
        id: scenario.id,
        title: scenario.title,
        load: `${CONNECTIONS} connections, ${views.length} sampled views (period with data, 0 to 2 filters), ${users.length} analysts`,
        target: "p95 ≤ 250 ms, ≥ 40 dashboards/s, 0 errors",
        measurements: [
          a,
          documents.m,
          floor,
          {
            label: "raw SQL (pgbench): the view's summary rows",
            connections: CONNECTIONS,
            seconds: sql.seconds,
            requests: sql.transactions,
            throughput: sql.throughput,
            latency: sql.latency,
            errors: sql.failed,
          },
        ],
        ratios: [
          { label: "throughput, app / raw SQL", value: ratio(a.throughput, sql.throughput) },
          { label: "throughput, app / the app's smallest page", value: ratio(a.throughput, floor.throughput) },
        ],
        targets,
        invariants,
        notes: [
          `Summaries rebuilt in ${state[0].duration_ms} ms before the run (not part of the measured load).`,
          "No bare Node page for this scenario: the raw ceiling is the summary-row reads in pgbench.",
          `Scenario setup took ${Math.round((Date.now() - started) / 1000)} s.`,
        ],
      };
    } finally {
      await closeSessions(ctx.pool, sessions);
      await ctx.pool.query("drop table if exists bench.dashboard_sample");
    }
  },
};
export default scenario;
