// Times the outcome summaries' rebuild on a generated PostgreSQL data set: full rebuilds, then incremental refreshes
// (docs/decisions/0930) after a one-referral change nine months ago, one in the current month, and five minutes of a
// national working day's changes. Each change is made and refreshed in turn, so every refresh has exactly that
// change to take in.
//
//   npx tsx bench/summary-rebuild.ts --database-url postgres://…/cw_bench_county [--runs 3] [--skip-full]
//     [--full-only] [--steps] [--explain DIR]
//
// Prints one JSON line per rebuild (kind, milliseconds, periods rebuilt, load average) and the medians; with
// --steps also one line per statement of each rebuild (its first words, milliseconds and the database's CPU
// milliseconds, which move less with the machine's load), and with --explain each
// statement's EXPLAIN ANALYZE into DIR (one file per rebuild). --full-only stops after the full rebuilds. The data set
// is changed: referrals' contact dates move by a minute and back. Use a benchmark database, never a live one.
import { appendFileSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openConnection } from "../db/connection";
import { refreshOutcomeSummaries, traceRebuildStatements, type RefreshResult } from "../app/outcomes/summaries.server";
import { londonDate } from "../app/calendar";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    runs: { type: "string", default: "3" },
    "skip-full": { type: "boolean", default: false },
    "full-only": { type: "boolean", default: false },
    steps: { type: "boolean", default: false },
    explain: { type: "string" },
  },
});
const url = values["database-url"] ?? process.env.DATABASE_URL;
if (!url) throw new Error("Give --database-url");
const runs = Number(values.runs);
const conn = await openConnection({ url, maxConnections: 2 });
const db = conn.db;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

const dbName = new URL(url).pathname.slice(1);

/**
 * Milliseconds of CPU (user + system) spent so far by the server processes of this database (PostgreSQL on this
 * machine, read from /proc): moves far less with the machine's load than wall time does. NaN when unreadable.
 */
function databaseCpuMs(): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      let cmd: string;
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        continue;
      }
      if (!cmd.startsWith("postgres: ") || !cmd.split(" ").includes(dbName)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15 of proc(5)
    }
  } catch {
    return NaN;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

let rebuildNo = 0;
const explainDir = values.explain;
if (explainDir) mkdirSync(explainDir, { recursive: true });

async function timed(kind: string, full: boolean) {
  let result: RefreshResult | undefined;
  const load = loadavg()[0];
  rebuildNo++;
  if (values.steps || explainDir) {
    let n = 0;
    let cpu = databaseCpuMs();
    traceRebuildStatements({
      explain: Boolean(explainDir),
      report: ({ step, ms, plan }) => {
        n++;
        const cpuNow = databaseCpuMs();
        const cpuMs = cpuNow - cpu;
        cpu = cpuNow;
        if (values.steps) console.log(JSON.stringify({ rebuild: rebuildNo, n, ms, cpuMs, load1: loadavg()[0], step }));
        if (explainDir && plan) {
          appendFileSync(join(explainDir, `rebuild-${rebuildNo}.txt`), `-- ${n}: ${step}\n${plan}\n\n`);
        }
      },
    });
  }
  const cpuBefore = databaseCpuMs();
  const started = performance.now();
  await refreshOutcomeSummaries(db, { full, onResult: (r) => (result = r) });
  const ms = Math.round(performance.now() - started);
  const cpuMs = databaseCpuMs() - cpuBefore;
  console.log(
    JSON.stringify({
      kind,
      ms,
      databaseCpuMs: cpuMs,
      full: result?.full,
      periods: result?.periods.length,
      groups: result?.groups,
      people: result?.people,
      load1: Number(load.toFixed(1)),
      load1After: Number(loadavg()[0].toFixed(1)),
    }),
  );
  return ms;
}

/** Moves one referral's contact time received in the given month by a minute (alternately forward and back). */
async function touchReferral(monthStart: string, step: number) {
  await sql`update referral set contacted_at = contacted_at + ${`${step % 2 ? 1 : -1} minute`}::interval
    where id = (select id from referral
      where received_at >= ${monthStart}::date and received_at < ${monthStart}::date + interval '1 month'
        and contacted_at is not null
      order by id limit 1)`.execute(db);
}

/**
 * Five minutes of a national working day's changes, each made as the app would (one statement each, in turn): the
 * national data set's year (db/generate: 10 M register marks, 4 M referral events, 3 M responses) over about 250
 * working days of 8 hours is about 300 marks, 115 referral updates and 85 responses in five minutes. Marks flip
 * between present and absent; referrals' contact times and responses' dates move by a minute or a day, alternately
 * forward and back, on rows spread over the year.
 */
async function touchBatch(step: number) {
  const sign = step % 2 ? 1 : -1;
  const sessions = await sql<{ id: string }>`select id from activity_session
    where status = 'held' and session_date >= current_date - 60 order by id limit 12`.execute(db);
  for (const s of sessions.rows) {
    await sql`update attendance set status = case status when 'present' then 'absent' when 'absent' then 'present' else status end
      where session_id = ${s.id} and referral_id in (
        select referral_id from attendance where session_id = ${s.id} order by referral_id limit 25)`.execute(db);
  }
  const referrals = await sql<{ id: string }>`select id from referral where contacted_at is not null
    order by md5(id::text) limit 115`.execute(db);
  for (const r of referrals.rows) {
    await sql`update referral set contacted_at = contacted_at + ${`${sign} minute`}::interval where id = ${r.id}`.execute(
      db,
    );
  }
  const responses = await sql<{ id: string }>`select id from measure_response where time_point = 'follow_up'
    order by md5(id::text) limit 85`.execute(db);
  for (const r of responses.rows) {
    await sql`update measure_response set administered_on = administered_on + ${sign}::int where id = ${r.id}`.execute(
      db,
    );
  }
}

try {
  const summary: Record<string, number> = {};
  if (!values["skip-full"]) {
    const full: number[] = [];
    for (let i = 0; i < runs; i++) full.push(await timed("full", true));
    summary.fullMedianMs = median(full);
    if (values["full-only"]) {
      console.log(JSON.stringify({ medians: summary }));
      process.exit(0);
    }
  } else {
    await timed("catch-up", false);
  }
  const today = londonDate(new Date());
  const thisMonth = `${today.slice(0, 7)}-01`;
  // Nine months back: inside the previous financial year or quarter and a last-12-months window, as an old edit is.
  const back = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - 9;
  const oldMonth = `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, "0")}-01`;
  const changes: [kind: string, touch: (step: number) => Promise<void>][] = [
    ["incremental, one referral in the current month", (i) => touchReferral(thisMonth, i)],
    ["incremental, one referral nine months ago", (i) => touchReferral(oldMonth, i)],
    ["incremental, five minutes of a national working day (300 marks, 115 referrals, 85 responses)", touchBatch],
  ];
  for (const [kind, touch] of changes) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await touch(i);
      times.push(await timed(kind, false));
    }
    summary[kind] = median(times);
  }
  const counts = await sql<{
    rows: string;
  }>`select count(*)::text as rows from outcome_summary`.execute(db);
  console.log(JSON.stringify({ medians: summary, summaryRows: Number(counts.rows[0]?.rows ?? 0) }));
} finally {
  await conn.close();
}
