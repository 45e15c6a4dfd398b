// Launches the app: server processes, the build (or Vite in development), start-up (migrations, demo data), then the
// HTTP edge the build exports (app/server/edge.server.ts: headers, methods, body checks, health checks, static files)
// in front of Remix.
import cluster from "node:cluster";
import { readdirSync } from "node:fs";
import { createRequestHandler } from "@remix-run/node";
import express from "express";

// WEB_CONCURRENCY server processes share the port (scripts/cluster.mjs). Only on PostgreSQL: the embedded
// database belongs to one process.
const processes = process.env.DATABASE_URL
  ? Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY ?? "1", 10) || 1)
  : 1;
if (cluster.isPrimary && processes > 1) {
  const { supervise } = await import("./scripts/cluster.mjs");
  await supervise(processes);
  process.exit(0);
}

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const buildDir = process.env.BUILD_DIR ?? "build";

function log(level, msg, fields) {
  const line = JSON.stringify({ ts: new Date().toISOString(), level, msg, ...fields }) + "\n";
  (level === "info" ? process.stdout : process.stderr).write(line);
}

process.on("unhandledRejection", (reason) => {
  log("error", "unhandled rejection", { error: reason instanceof Error ? reason.message : String(reason) });
});

const vite = production ? null : await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));

async function loadBuild() {
  return vite ? vite.ssrLoadModule("virtual:remix/server-build") : import(`./${buildDir}/server/index.js`);
}

const build = await loadBuild();
const lifecycle = build.entry.module;
// Settings are checked before anything starts: a bad TRUST_PROXY stops the server with a clear message.
const settings = lifecycle.edgeSettings(process.env);
const started = await lifecycle.startup();

// The edge (app/server/edge.server.ts, docs/decisions/0001 and 0754) wraps Remix: every request passes its checks.
// Every route's loader and action passes the route gates (app/server/route-gates.server.ts): a session restricted to a
// self-completion questionnaire reaches nothing else, and faults carry the request's reference to the error page.
const remix = createRequestHandler(
  vite ? () => loadBuild().then((b) => b.entry.module.withRouteGates(b)) : lifecycle.withRouteGates(build),
  production ? "production" : "development",
);
const testSessions = lifecycle.testSessionsEnabled(process.env);
if (testSessions) log("warn", "test sessions enabled: demo accounts can be signed in without their password");
const app = lifecycle.createEdge({
  settings,
  log,
  readiness: () => lifecycle.readiness(),
  db: started.db,
  // The browser tests' way in without the sign-in form (TEST_SESSIONS=1, demo mode only; docs/decisions/0862).
  handler: testSessions
    ? (request, context) =>
        new URL(request.url).pathname === lifecycle.TEST_SESSION_PATH
          ? lifecycle.testSessionResponse(context.db, request, context.requestId)
          : remix(request, context)
    : (request, context) => remix(request, context),
  mountStatic: (app) => {
    if (vite) {
      app.use(vite.middlewares);
      return;
    }
    // Cache-Control for static files is decided with every other response's at the edge (scripts/cache-policy.mjs).
    app.use("/assets", express.static(`${buildDir}/client/assets`, { cacheControl: false }));
    // The public folder's files (favicon and the like), by name: serving the whole folder would cost every page
    // request a file-system look-up for a file that is not there.
    const publicFiles = new Set(
      readdirSync(`${buildDir}/client`, { withFileTypes: true })
        .filter((f) => f.isFile())
        .map((f) => `/${f.name}`),
    );
    const serveStatic = express.static(`${buildDir}/client`, { cacheControl: false });
    app.use((req, res, next) => {
      if (!publicFiles.has(req.path)) return next();
      res.locals.publicFile = true;
      serveStatic(req, res, next);
    });
  },
});

const server = app.listen(port, host, () => {
  log("info", "listening", {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
    database: started.kind,
    demo: started.demo,
  });
});

async function stop(signal) {
  log("info", "stopping", { signal });
  server.close();
  await lifecycle.shutdown().catch(() => {});
  await vite?.close();
  process.exit(0);
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
