// `npm run bench`: builds the app (once), starts it in production mode against a generated PostgreSQL database,
// starts the bare Node ceiling beside it, runs every scenario in bench/scenarios in order, and writes
// bench/results.md. Options: --database-url (default the national data set), --scenarios a,b (default all),
// --seconds N per measured phase, --smoke (short phases, any data set), --port, --build-dir, --rebuild, --out.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { describeMachine } from "./support/machine";
import { renderReport } from "./support/report";
import { dropSamples } from "./support/samples";
import type { BenchContext, Scenario, ScenarioResult } from "./support/scenario";
import { type Process, startProcess } from "./support/server";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { values } = parseArgs({
  options: {
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/cw_bench_national",
    },
    scenarios: { type: "string" },
    seconds: { type: "string" },
    "soak-seconds": { type: "string" },
    smoke: { type: "boolean", default: false },
    port: { type: "string", default: "3701" },
    "build-dir": { type: "string", default: "build-bench" },
    rebuild: { type: "boolean", default: false },
    out: { type: "string" },
    "data-set": { type: "string" },
    // A folder for a V8 CPU profile of the app, written when it stops (open in Chrome DevTools or speedscope).
    "cpu-prof": { type: "string" },
    // Server processes for the app (WEB_CONCURRENCY). One: on two cores shared with PostgreSQL and the load
    // generator, a second process made the database-heavy pages slower (bench/findings.md).
    processes: { type: "string", default: "1" },
  },
});
const smoke = values.smoke ?? false;
const dbUrl = values["database-url"]!;
const buildDir = values["build-dir"]!;
const port = Number(values.port);
const seconds = Number(values.seconds ?? (smoke ? 3 : 20));
const out = values.out ?? path.join(here, smoke ? "results-smoke.md" : "results.md");
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function loadScenarios(): Promise<Scenario[]> {
  const dir = path.join(here, "scenarios");
  const files = readdirSync(dir)
    .filter((f) => /\.ts$/.test(f))
    .sort();
  const all: Scenario[] = [];
  for (const f of files) all.push((await import(pathToFileURL(path.join(dir, f)).href)).default as Scenario);
  const wanted = values.scenarios?.split(",").map((s) => s.trim());
  return all.filter((s) => !wanted || wanted.includes(s.id)).sort((a, b) => a.order - b.order);
}

/**
 * The production build the benchmark serves: the Remix app and, beside it, the report PDF worker (what
 * `npm run build` does, less the embedded database's template, which a PostgreSQL run does not use). Built when
 * either part is missing or with --rebuild.
 */
function build() {
  const built = ["index.js", "pdf-worker.js"].every((f) => existsSync(path.join(root, buildDir, "server", f)));
  if (!values.rebuild && built) return;
  log(`building the app into ${buildDir}`);
  const steps = [
    ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"],
    ["node_modules/vite/bin/vite.js", "build", "-c", "vite.pdf-worker.config.ts"],
  ];
  for (const args of steps) {
    const r = spawnSync(process.execPath, args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, BUILD_DIR: buildDir },
    });
    if (r.status !== 0) throw new Error(`The build failed: ${args.join(" ")}`);
  }
}

async function main() {
  const scenarios = await loadScenarios();
  build();
  const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
  // The soak restarts PostgreSQL: idle clients must not take the runner down with them.
  pool.on("error", () => {});
  pool.on("connect", (c) => c.on("error", () => {}));
  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    BUILD_DIR: buildDir,
    DEMO: "0",
    WEB_CONCURRENCY: values.processes,
  };
  let app: Process | null = null;
  let bare: Process | null = null;
  const results: ScenarioResult[] = [];
  const failures: { id: string; error: string }[] = [];
  try {
    const profile = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [];
    app = await startProcess({
      command: process.execPath,
      args: [...profile, "server.mjs"],
      env: { ...env, PORT: String(port) },
      cwd: root,
      port,
      ready: "/readyz",
      timeoutMs: 60_000,
    });
    bare = await startProcess({
      command: process.execPath,
      args: ["--import", "tsx", "bench/ceilings/bare-server.ts"],
      env: { ...env, PORT: String(port + 1) },
      cwd: root,
      port: port + 1,
      ready: "/healthz",
      timeoutMs: 30_000,
    });
    log(`app pid ${app.pid} on ${app.url}; bare Node page pid ${bare.pid} on ${bare.url}`);
    const soakSeconds = values["soak-seconds"] ? Number(values["soak-seconds"]) : undefined;
    const ctx: BenchContext = { dbUrl, pool, app, bare, seconds, smoke, soakSeconds, exported: {}, buildDir, log };
    for (const s of scenarios) {
      log(`scenario ${s.id}`);
      try {
        const r = await s.run(ctx);
        results.push(r);
        if (r.exports) ctx.exported[r.id] = r.exports;
        const failed = [...r.targets, ...r.invariants].filter((c) => !c.pass);
        log(`${s.id}: ${failed.length ? `FAIL ${failed.map((c) => c.name).join("; ")}` : "pass"}`);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        failures.push({ id: s.id, error: message });
        log(`${s.id}: did not run: ${message}`);
      }
      if (app.exited)
        throw new Error(`The app exited (${JSON.stringify(app.exited)}): ${app.stderrTail.slice(-5).join(" | ")}`);
    }
  } finally {
    await app?.stop();
    await bare?.stop();
    await dropSamples(pool).catch(() => {});
  }
  const machine = { ...(await describeMachine(pool)), appProcesses: Number(values.processes) };
  await pool.end();
  const findingsFile = path.join(here, "findings.md");
  const report = renderReport({
    machine,
    dataSet: values["data-set"] ?? new URL(dbUrl).pathname.slice(1),
    results,
    failures,
    findings: smoke || !existsSync(findingsFile) ? "" : readFileSync(findingsFile, "utf8"),
  });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, report);
  writeFileSync(
    out.replace(/\.md$/, ".json"),
    JSON.stringify(
      { machine, dataSet: values["data-set"] ?? new URL(dbUrl).pathname.slice(1), results, failures },
      null,
      2,
    ),
  );
  log(`wrote ${path.relative(root, out)}`);
  // A smoke run proves the wiring, not the speed: only invariants and crashes fail it.
  const ok =
    failures.length === 0 &&
    results.every((r) => r.invariants.every((c) => c.pass) && (smoke || r.targets.every((c) => c.pass)));
  process.exitCode = ok ? 0 : 1;
}

await main();
