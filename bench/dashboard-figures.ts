// Times the outcome dashboard's figures function in this process, without HTTP or rendering: the server's share
// of a dashboard view, per view, on a generated PostgreSQL data set whose summaries are built.
//
//   npx tsx bench/dashboard-figures.ts --database-url postgres://…/cw_bench_county [--views 300]
//   node --cpu-prof --import tsx bench/dashboard-figures.ts …   (a V8 CPU profile of the same)
//
// Views are drawn as the dashboard scenario draws them (bench/scenarios/40-outcome-dashboard.ts): half on the latest
// last-12-months period, a fifth with no filter, the rest with one or two filters. Prints one JSON line: wall and
// CPU milliseconds per view (medians and p95 of the wall time), one call at a time.
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openConnection } from "../db/connection";
import { outcomeFigures } from "../app/outcomes/figures.server";
import type { OutcomeFilters } from "../app/outcomes/model";

const { values } = parseArgs({
  options: { "database-url": { type: "string" }, views: { type: "string", default: "300" } },
});
const url = values["database-url"] ?? process.env.DATABASE_URL;
if (!url) throw new Error("Give --database-url");
const count = Number(values.views);
const conn = await openConnection({ url, maxConnections: 2 });
const db = conn.db;

const periods = (
  await sql<{ p: string }>`select distinct period_key as p from outcome_summary
    where period_key ~ '^(L12-|FY|\\d{4}-Q|\\d{4}-\\d{2}$)'`.execute(db)
).rows.map((r) => r.p);
const keys = (
  await sql<{ v: string }>`select view_key as v from (select distinct view_key from outcome_summary
    where view_key <> '' and view_key !~ '(^|&)(activity|provider)=' and view_key !~ '=none(&|$)') v
    order by md5(view_key) limit 2000`.execute(db)
).rows.map((r) => r.v);
const latest =
  periods
    .filter((p) => p.startsWith("L12-"))
    .sort()
    .at(-1) ?? periods[0];
let seed = 1;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
const views: OutcomeFilters[] = Array.from({ length: count }, (_, i) => {
  const filters: Record<string, string> = { period: i % 2 === 0 ? latest : pick(periods) };
  const key = i % 5 === 0 ? "" : pick(keys);
  for (const part of key ? key.split("&") : []) {
    const [d, v] = part.split("=");
    filters[d] = v;
  }
  return filters as unknown as OutcomeFilters;
});

const now = new Date();
for (const v of views.slice(0, 10)) await outcomeFigures(db, v, { now });
const times: number[] = [];
const cpu = process.cpuUsage();
const started = performance.now();
for (const v of views) {
  const t = performance.now();
  await outcomeFigures(db, v, { now });
  times.push(performance.now() - t);
}
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
times.sort((a, b) => a - b);
const at = (q: number) => +times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
console.log(
  JSON.stringify({
    views: count,
    wallMsPerView: +(wall / count).toFixed(2),
    cpuMsPerView: +((used.user + used.system) / 1000 / count).toFixed(2),
    p50: at(0.5),
    p95: at(0.95),
  }),
);
await conn.close();
