// `npm start`: build the production bundle when the sources are newer than it, then serve it. With no
// DATABASE_URL the embedded PostgreSQL (PGlite) in ./data is used and demo data is loaded on first start.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const buildDir = process.env.BUILD_DIR ?? "build";
const entry = path.join(buildDir, "server", "index.js");
const sources = ["app", "db", "migrations", "public", "vite.config.ts", "package-lock.json"];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
if (builtAt === 0 || Math.max(...sources.map(newest)) > builtAt) {
  console.log(JSON.stringify({ ts: new Date().toISOString(), level: "info", msg: "building the app" }));
  const built = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const args = process.argv.slice(2);
const env = { ...process.env, NODE_ENV: "production" };
if (args.includes("--demo")) env.DEMO = "1";
const server = spawn(process.execPath, ["server.mjs"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
