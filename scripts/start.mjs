// `npm start`: build the production bundle when the sources are newer than it, then serve it. With no
// DATABASE_URL the embedded PostgreSQL (PGlite) in ./data is used and demo data is loaded on first start.
// The build is the same steps as `npm run build`: the bundle, the report PDF worker, then the embedded database
// template.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const buildDir = process.env.BUILD_DIR ?? "build";
const entry = path.join(buildDir, "server", "index.js");
// The build's second step (db/cli/pglite-template.ts): a migrated embedded database a first start boots from.
const template = path.join(buildDir, "pglite-template.tar.gz");
const sources = ["app", "db", "migrations", "public", "vite.config.ts", "package-lock.json"];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

function log(level, msg) {
  const line = JSON.stringify({ ts: new Date().toISOString(), level, msg });
  (level === "info" ? console.log : console.error)(line);
}

const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
if (builtAt === 0 || Math.max(...sources.map(newest)) > builtAt) {
  log("info", "building the app");
  const built = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: "inherit",
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  // The report PDF worker is a second entry beside the server bundle (docs/decisions/0720), as in `npm run build`.
  const worker = spawnSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "-c", "vite.pdf-worker.config.ts"],
    {
      stdio: "inherit",
    },
  );
  if (worker.status !== 0) process.exit(worker.status ?? 1);
}
if (!process.env.DATABASE_URL && !existsSync(template)) {
  // Without it the server still starts, but a new embedded database then runs initdb first (tens of seconds).
  // Not needed on PostgreSQL; the next start on the embedded database makes it.
  log("info", "building the app: embedded database template");
  const made = spawnSync(process.execPath, ["--import", "tsx", "db/cli/pglite-template.ts", template], {
    stdio: "inherit",
  });
  if (made.status !== 0)
    log("warn", "the embedded database template could not be built: a new database will take longer to create");
}

const args = process.argv.slice(2);
const env = { ...process.env, NODE_ENV: "production" };
if (args.includes("--demo")) env.DEMO = "1";
const server = spawn(process.execPath, ["server.mjs"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
