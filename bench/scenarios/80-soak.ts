import { spawnSync } from "node:child_process";
import { runLoad } from "../support/load";
import { submitSteps } from "../support/browser";
import { registerDriver, registerTargets } from "../support/registers";
import { openRecordViews } from "../support/record-views";
import { prescribers } from "../support/samples";
import type { Check, Scenario, ScenarioResult } from "../support/scenario";
import { sampleMemory } from "../support/server";
import { closeSessions, openSessions } from "../support/sessions";
import { median, ms, perSecond } from "../support/stats";

/** The PostgreSQL cluster to restart: "version name" as pg_ctlcluster takes them. */
const CLUSTER = (process.env.BENCH_PG_CLUSTER ?? "15 main").split(" ");
/** Errors may continue this long after the database is back (pool reconnects, requests already waiting). */
const RECOVERY_S = 5;

function restartPostgres(): { ms: number; output: string } {
  const t0 = Date.now();
  const r = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", ...CLUSTER, "restart"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pg_ctlcluster restart failed: ${r.stderr || r.error?.message}`);
  return { ms: Date.now() - t0, output: r.stdout };
}

const scenario: Scenario = {
  id: "soak",
  title: "Resilience soak: record views and register saves with a PostgreSQL restart",
  order: 80,
  async run(ctx): Promise<ScenarioResult> {
    const seconds = ctx.soakSeconds ?? (ctx.smoke ? 40 : 600);
    const restartAt = Math.round(seconds / 3);
    const viewMax = ctx.exported["person-view"]?.maxThroughput;
    const saveMax = ctx.exported["register-save"]?.maxThroughput;
    if (!viewMax || !saveMax)
      throw new Error("The soak runs at half the capacity measured by person-view and register-save: run those first");
    // Half the server's capacity, shared between the two: each load at a quarter of its own maximum. Each at half
    // its own maximum would add up to the whole capacity (a save's latency then rose fourfold, queueing).
    const viewRate = Math.max(1, viewMax / 4);
    const saveRate = Math.max(1, saveMax / 4);

    const users = await prescribers(ctx.pool, 20);
    const recordViews = await openRecordViews(ctx.pool, users, ctx.smoke ? 200 : 5_000);
    const readers = recordViews.sessions;
    const sessions = await registerTargets(ctx.pool, ctx.smoke ? 40 : 300, ctx.smoke);
    const leads = [...new Set(sessions.map((s) => s.leadId))];
    const leadSessions = await openSessions(ctx.pool, leads);
    const cookieOf = new Map(leadSessions.map((s) => [s.userId, s.cookie]));
    const { rows } = await ctx.pool.query<{ id: string; register_version: number }>(
      "select id, register_version from activity_session where id = any($1)",
      [sessions.map((s) => s.id)],
    );
    const versionOf = new Map(rows.map((r) => [r.id, r.register_version]));
    for (const s of sessions) {
      s.version = versionOf.get(s.id) ?? s.version;
      s.cookie = cookieOf.get(s.leadId);
    }
    // No deliberate collisions here: every 409 would be noise in the error timeline.
    const saves = registerDriver({
      sessions,
      collisionShare: 0,
      mode: "in-app",
      headers: (s) => ({ cookie: s.cookie!, origin: ctx.app.url }),
    });

    const memory = sampleMemory(ctx.app.pid);
    const t0 = Date.now();
    let restart: { begin: number; end: number; ms: number } | null = null;
    let restartError: string | null = null;
    // Never rejects: the loads keep running to their end either way, and the failure is reported afterwards.
    const restarter = new Promise<void>((resolve) => {
      setTimeout(() => {
        try {
          const begin = (Date.now() - t0) / 1000;
          ctx.log(`restarting PostgreSQL at ${begin.toFixed(0)} s`);
          const r = restartPostgres();
          restart = { begin, end: (Date.now() - t0) / 1000, ms: r.ms };
          ctx.log(`PostgreSQL back after ${r.ms} ms`);
        } catch (err) {
          restartError = err instanceof Error ? err.message : String(err);
        }
        resolve();
      }, restartAt * 1000);
    });
    try {
      const [views, registers] = await Promise.all([
        runLoad({
          url: ctx.app.url,
          connections: 20,
          seconds,
          rate: viewRate,
          next: () => recordViews.next("in-app"),
          onResponse: (s) => s === 200,
        }),
        runLoad({
          url: ctx.app.url,
          connections: 10,
          seconds,
          rate: saveRate,
          steps: submitSteps("in-app"),
          next: saves.next,
          onResponse: saves.onResponse,
        }),
        restarter,
      ]);
      const mem = memory.stop();
      const r = restart as { begin: number; end: number; ms: number } | null;
      if (!r) throw new Error(`PostgreSQL was not restarted: ${restartError ?? "unknown reason"}`);

      // Seconds with errors, from both loads; allowed only between the restart and a few seconds after it returned.
      const errorSeconds = new Set<number>();
      for (const t of [...views.timeline, ...registers.timeline]) if (t.errors > 0) errorSeconds.add(t.second);
      const outside = [...errorSeconds]
        .filter((s) => s < Math.floor(r.begin) || s > Math.ceil(r.end) + RECOVERY_S)
        .sort((a, b) => a - b);
      const lastError = Math.max(-1, ...errorSeconds);
      const recoveredAfter = lastError >= 0 ? Math.max(0, lastError + 1 - r.end) : 0;
      const okAfter = [...views.timeline, ...registers.timeline]
        .filter((t) => t.second > r.end + RECOVERY_S)
        .reduce((s, t) => s + t.ok, 0);

      // Memory: the steady level after warm-up against the last stretch of the run.
      const samples = memory.samples;
      const window = Math.max(5, Math.round(seconds / 10));
      const early = median(samples.filter((s) => s.at >= window && s.at < 2 * window).map((s) => s.mb));
      const late = median(samples.filter((s) => s.at >= seconds - window).map((s) => s.mb));
      const growth = (late - early) / early;

      const targets: Check[] = [
        {
          name: "process never exits",
          pass: ctx.app.exited === null,
          detail: ctx.app.exited ? `exited ${JSON.stringify(ctx.app.exited)}` : `pid ${ctx.app.pid} still serving`,
        },
        {
          name: `errors only while the database is down (≤ ${RECOVERY_S} s after it returns)`,
          pass: outside.length === 0 && recoveredAfter <= RECOVERY_S && okAfter > 0,
          detail: `database down ${r.begin.toFixed(1)}–${r.end.toFixed(1)} s (${r.ms} ms); ${errorSeconds.size ? `errors in seconds ${[...errorSeconds].sort((a, b) => a - b).join(", ")}; last error ${recoveredAfter.toFixed(1)} s after it returned` : "no errors: requests waited for the pool to reconnect"}; ${okAfter} successful requests afterwards`,
        },
        {
          name: "memory growth ≤ 10 %",
          pass: growth <= 0.1,
          detail: `median RSS ${early.toFixed(0)} MiB early → ${late.toFixed(0)} MiB in the last ${window} s (${(growth * 100).toFixed(1)} %)`,
        },
      ];
      return {
        id: scenario.id,
        title: scenario.title,
        load: `${seconds} s; record views at ${viewRate.toFixed(0)}/s (20 connections) and register saves at ${saveRate.toFixed(0)}/s (10 connections), together half the capacity measured above (each a quarter of its own maximum); PostgreSQL restarted at ${restartAt} s`,
        target: "process never exits; errors only while the database is down (≤ 5 s); memory growth ≤ 10 %",
        measurements: [
          {
            label: "app: record views",
            connections: 20,
            seconds: views.seconds,
            requests: views.requests,
            throughput: views.throughput,
            latency: views.latency,
            errors: views.errors,
            statuses: views.statuses,
            memory: mem,
          },
          {
            label: "app: register saves",
            connections: 10,
            seconds: registers.seconds,
            requests: registers.requests,
            throughput: registers.throughput,
            latency: registers.latency,
            errors: registers.errors,
            statuses: registers.statuses,
          },
        ],
        ratios: [],
        targets,
        invariants: [],
        notes: [
          `Statuses, views: ${JSON.stringify(views.statuses)}; saves: ${JSON.stringify(registers.statuses)}.`,
          `Latency over the whole soak (including the restart): views p95 ${ms(views.latency.p95)}, saves p95 ${ms(registers.latency.p95)}; throughput ${perSecond(views.throughput)} and ${perSecond(registers.throughput)}.`,
        ],
      };
    } finally {
      memory.stop();
      await closeSessions(ctx.pool, [...readers, ...leadSessions]).catch(() => {});
    }
  },
};
export default scenario;
