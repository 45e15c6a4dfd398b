import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Check, Measurement, Scenario, ScenarioResult } from "../support/scenario";
import { startProcess, treeRssMb } from "../support/server";
import { latencyOf, ms } from "../support/stats";

const PORT_OFFSET = 2;
/** What scripts/start.mjs compares with the build to decide whether to rebuild before serving. */
const SOURCES = ["app", "db", "migrations", "public", "vite.config.ts", "package-lock.json"];

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** "On a built tree": if any source is newer than the build, build first, so no start below includes a build. */
function ensureBuilt(buildDir: string, log: (m: string) => void) {
  const entry = path.join(buildDir, "server", "index.js");
  const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newest)) && existsSync(path.join(buildDir, "pglite-template.tar.gz"))) return;
  log(`sources are newer than ${buildDir}: building before timing cold starts`);
  // What `npm run build` does: the bundle, then the embedded database template a first start boots from.
  const env = { ...process.env, BUILD_DIR: buildDir };
  const r = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: "ignore",
    env,
  });
  if (r.status !== 0) throw new Error("The build failed");
  const t = spawnSync(process.execPath, ["--import", "tsx", "db/cli/pglite-template.ts"], { stdio: "ignore", env });
  if (t.status !== 0) throw new Error("Building the embedded database template failed");
}

/** Seconds from spawning `command` to the first 200 from `ready`, and the server's memory at that moment. */
async function timeToFirstPage(opts: {
  args: string[];
  env: Record<string, string | undefined>;
  port: number;
  ready: string;
}) {
  const proc = await startProcess({
    command: process.execPath,
    args: opts.args,
    env: { ...opts.env, PORT: String(opts.port) },
    port: opts.port,
    ready: opts.ready,
    timeoutMs: 180_000,
    captureStdout: true,
  });
  // npm start runs server.mjs as a child of scripts/start.mjs: count both.
  const mb = treeRssMb(proc.pid);
  await proc.stop();
  // A source edited while the benchmark ran makes start.mjs build first: that start did not measure a cold start.
  const rebuilt = proc.stdout.some((l) => l.includes("building the app"));
  return { ms: proc.readyAfterMs, mb, rebuilt };
}

function asMeasurement(label: string, runs: { ms: number; mb: number }[]): Measurement {
  return {
    label,
    connections: 1,
    seconds: runs.reduce((s, r) => s + r.ms, 0) / 1000,
    requests: runs.length,
    throughput: Number.NaN,
    latency: latencyOf(runs.map((r) => r.ms)),
    errors: 0,
  };
}

const scenario: Scenario = {
  id: "cold-start",
  title: "Cold start on the embedded database (npm start on a built tree)",
  order: 90,
  async run(ctx): Promise<ScenarioResult> {
    const port = Number(new URL(ctx.app.url).port) + PORT_OFFSET;
    const repeats = ctx.smoke ? 1 : 3;
    ensureBuilt(ctx.buildDir, ctx.log);
    // No DATABASE_URL: the embedded database; start.mjs sets production mode itself.
    const base: Record<string, string | undefined> = { ...process.env, BUILD_DIR: ctx.buildDir };
    delete base.DATABASE_URL;
    delete base.NODE_ENV;
    // What `npm start` does on a new machine: the demo data (the harness turns it off for its own server) with the
    // full year of outcome data and the archived demo report.
    delete base.DEMO;
    delete base.DEMO_OUTCOMES;
    const first: { ms: number; mb: number; rebuilt: boolean }[] = [];
    const again: { ms: number; mb: number; rebuilt: boolean }[] = [];
    for (let i = 0; i < repeats; i++) {
      // A new embedded database each time: migrations and the demo data run before the first page.
      const dir = mkdtempSync(path.join(tmpdir(), "cw-coldstart-"));
      try {
        const env = { ...base, PGLITE_DIR: path.join(dir, "pglite") };
        first.push(await timeToFirstPage({ args: ["scripts/start.mjs"], env, port, ready: "/sign-in" }));
        again.push(await timeToFirstPage({ args: ["scripts/start.mjs"], env, port, ready: "/sign-in" }));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    // The ceiling: how long this machine takes to start Node and answer one request at all.
    const bare: { ms: number; mb: number; rebuilt: boolean }[] = [];
    for (let i = 0; i < repeats; i++) {
      bare.push(
        await timeToFirstPage({
          args: [
            "-e",
            "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')",
          ],
          env: base,
          port,
          ready: "/",
        }),
      );
    }
    const worst = Math.max(...first.map((r) => r.ms));
    const targets: Check[] = [
      {
        name: "first page ≤ 10 s after npm start (new embedded database)",
        pass: worst <= 10_000,
        detail: `slowest of ${repeats}: ${ms(worst)}`,
      },
    ];
    const median = (runs: { ms: number }[]) => latencyOf(runs.map((r) => r.ms)).p50;
    return {
      id: scenario.id,
      title: scenario.title,
      load: `${repeats} starts with a new embedded database (migrations and the full demo data before the first page, the demo report after it), each followed by a restart on the same data`,
      target: "first page ≤ 10 s after npm start on a built tree",
      measurements: [
        asMeasurement("first start (new database): time to first page", first),
        asMeasurement("restart (existing database): time to first page", again),
        asMeasurement("bare Node process: time to first response", bare),
      ],
      ratios: [
        { label: "first start / bare Node process", value: `${(median(first) / median(bare)).toFixed(1)}×` },
        { label: "restart / bare Node process", value: `${(median(again) / median(bare)).toFixed(1)}×` },
      ],
      targets,
      invariants: [
        {
          name: "no start included a build (the tree stayed built)",
          pass: [...first, ...again].every((r) => !r.rebuilt),
          detail: `${[...first, ...again].filter((r) => r.rebuilt).length} of ${first.length + again.length} starts rebuilt first`,
        },
      ],
      notes: [
        "Times are from spawning `node scripts/start.mjs` (what `npm start` runs) to the first 200 from /sign-in; p50/p95/p99 columns are over the repeated starts.",
        `Resident memory of npm start's processes (start script and server) at the first page: ${first.map((r) => `${Math.round(r.mb)} MiB`).join(", ")} on first start, ${again.map((r) => `${Math.round(r.mb)} MiB`).join(", ")} on restart.`,
      ],
    };
  },
};
export default scenario;
