// HTTP edge of the app: request ids and JSON access logs, security headers with a per-request CSP nonce,
// cross-site POST refusal, body size limit, health checks, static files, then Remix.
import cluster from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import { cacheControlFor } from "./scripts/cache-policy.mjs";

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
const BODY_LIMIT = 512 * 1024;
// "Check a copy" takes a report's PDF. The page refuses files over 10 MB itself, at the field and without reading
// them (app/reports/check.ts); only far larger bodies are stopped here.
const UPLOAD_LIMITS = new Map([
  ["/reports/check", 50 * 1024 * 1024],
  ["/reports/check.data", 50 * 1024 * 1024],
]);
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
const started = await lifecycle.startup();

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);

app.use((req, res, next) => {
  const requestId = randomUUID();
  const start = process.hrtime.bigint();
  res.locals.requestId = requestId;
  res.locals.nonce = randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", requestId);
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // The path only: query strings can carry search terms.
    if (!req.path.startsWith("/assets/")) {
      log("info", "request", {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      });
    }
  });
  next();
});

app.use((req, res, next) => {
  const nonce = res.locals.nonce;
  const script = production ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : `'self' 'nonce-${nonce}' 'unsafe-eval'`;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src ${script}`,
      production ? "style-src 'self'" : "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      production ? "connect-src 'self'" : "connect-src 'self' ws:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  // One Cache-Control header, chosen as the headers go out (scripts/cache-policy.mjs): whatever a route or the
  // static middleware set is replaced, never appended to.
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    const status = typeof args[0] === "number" ? args[0] : res.statusCode;
    res.setHeader(
      "Cache-Control",
      cacheControlFor({ method: req.method, path: req.path, status, publicFile: res.locals.publicFile === true }),
    );
    return writeHead.apply(this, args);
  };
  next();
});

app.get("/healthz", (_req, res) => res.json({ status: "ok" }));
app.get("/readyz", async (_req, res) => {
  const ready = await lifecycle.readiness();
  res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable" });
});

if (vite) {
  app.use(vite.middlewares);
} else {
  app.use(
    "/assets",
    express.static(`${buildDir}/client/assets`, {
      cacheControl: false,
    }),
  );
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
}

function refuse(res, status, title, body) {
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${title}</title></head>` +
        `<body><main><h1>${title}</h1><p>${body}</p><p>Reference: ${res.locals.requestId}</p></main></body></html>`,
    );
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  if (SAFE.has(req.method)) return next();
  // Cross-site request forgery defence: a state-changing request must come from our own pages.
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  const own = `${req.protocol}://${req.get("host")}`;
  const allowed = (process.env.APP_ORIGIN ?? "").split(",").filter(Boolean);
  if ((origin && origin !== own && !allowed.includes(origin)) || (!origin && site === "cross-site")) {
    log("warn", "cross-site request refused", { requestId: res.locals.requestId, path: req.path });
    return refuse(res, 403, "This request was refused", "Forms can only be sent from this service's own pages.");
  }
  const length = req.get("content-length");
  if (length === undefined && req.get("transfer-encoding")) {
    return refuse(res, 411, "This request was refused", "The request must state its length.");
  }
  if (Number(length ?? 0) > (UPLOAD_LIMITS.get(req.path) ?? BODY_LIMIT)) {
    req.resume();
    return refuse(
      res,
      413,
      "What you sent is too large",
      "Shorten it and try again. Nothing already saved has been changed.",
    );
  }
  next();
});

app.all(
  "*",
  createRequestHandler({
    build: vite ? () => loadBuild() : build,
    mode: production ? "production" : "development",
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId,
      nonce: res.locals.nonce,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    }),
  }),
);

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
