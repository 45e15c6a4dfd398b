// The HTTP edge (docs/decisions/0001, 0754): request ids and JSON access logs, security headers with a per-request CSP
// nonce, methods, cross-site POST refusal, body limit and form-body checks, health checks, static files, then the
// app. Built here, in the server bundle, so that server.mjs stays a launcher and tests drive the same edge.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { writeReadableStreamToWritable } from "@remix-run/node";
import express, {
  type Express,
  type NextFunction,
  type Request as ExpressRequest,
  type Response as ExpressResponse,
} from "express";
import type { RequestContext } from "~/context";
import { cacheControlFor } from "../../scripts/cache-policy.mjs";
import { checkFormBody, checkMethod, checkUrl, type Refusal } from "./request-checks";

const BODY_LIMIT = 512 * 1024;
// "Check a copy" takes a report's PDF. The page refuses files over 10 MB itself, at the field and without reading
// them (app/reports/check.ts); only far larger bodies are stopped here.
const UPLOAD_LIMITS = new Map([
  ["/reports/check", 50 * 1024 * 1024],
  ["/reports/check.data", 50 * 1024 * 1024],
]);
/** The largest body a POST to `path` may have, in bytes. */
const bodyLimitFor = (path: string) => UPLOAD_LIMITS.get(path) ?? BODY_LIMIT;
/** Retry-After for a 429 whose route gave none: the sign-in throttle's window, the longest short wait we ask for. */
const DEFAULT_RETRY_AFTER_SECONDS = 300;

export interface EdgeSettings {
  production: boolean;
  /**
   * How many proxies in front of the app append to X-Forwarded-For (TRUST_PROXY). The client's address is the one
   * the outermost trusted proxy saw: the entry that many places from the right. Entries further left are whatever
   * the client wrote and are never used. 0: no proxy, the socket's address.
   */
  trustProxyHops: number;
  /** Extra origins allowed to post forms (APP_ORIGIN, comma-separated). */
  allowedOrigins: string[];
}

/** The edge's settings from the environment; throws with a clear message on a bad value. */
export function edgeSettings(env: Record<string, string | undefined> = process.env): EdgeSettings {
  const raw = (env.TRUST_PROXY ?? "").trim();
  if (raw !== "" && !/^\d{1,2}$/.test(raw)) {
    throw new Error(
      `TRUST_PROXY must be the number of proxies in front of the app that add to X-Forwarded-For (0, 1, 2…), not "${raw}"`,
    );
  }
  return {
    production: env.NODE_ENV === "production",
    trustProxyHops: raw === "" ? 0 : Number(raw),
    allowedOrigins: (env.APP_ORIGIN ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  };
}

type Log = (level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>) => void;
/** The app behind the edge: Remix's request handler, or a stand-in in tests. */
export type AppHandler = (request: Request, context: RequestContext) => Promise<Response>;

export interface EdgeOptions {
  settings: EdgeSettings;
  log: Log;
  readiness: () => Promise<boolean>;
  handler: AppHandler;
  /** The database every request's loaders and actions are handed (as `context.db`). */
  db: RequestContext["db"];
  /** Mounts static files (the build's assets, or Vite's middleware in development). */
  mountStatic?: (app: Express) => void;
}

/** The page for a request refused before the app saw it: a title saying what happened, and the reference. */
function refusalPage(status: number, title: string, message: string, requestId: string): string {
  const esc = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
  return (
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)} – Connect Well</title></head>` +
    `<body style="font-family:Arial,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5">` +
    `<main><h1>${esc(title)}</h1><p>${esc(message)}</p>` +
    `<p>If you contact the service desk, quote reference <strong>${esc(requestId)}</strong>.</p>` +
    `<p><a href="/">Go to the home page</a></p></main></body></html>`
  );
}

function refuse(res: ExpressResponse, refusal: Refusal) {
  for (const [k, v] of Object.entries(refusal.headers ?? {})) res.setHeader(k, v);
  res
    .status(refusal.status)
    .type("html")
    .send(refusalPage(refusal.status, refusal.title, refusal.message, String(res.locals.requestId)));
}

/** Reads the whole body, up to `limit` bytes; null when there is more. */
function readBody(req: ExpressRequest, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function fetchHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

/** Writes the app's Response to Express's, streaming its body (as @remix-run/express does). */
async function send(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** The fetch Request the app sees, as @remix-run/express makes it, with the body already read and checked. */
function appRequest(req: ExpressRequest, res: ExpressResponse, body: Buffer | null): Request {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [Number.parseInt(forwardedPort, 10), Number.parseInt(hostPort, 10)].find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const signal = controller.signal;
  // Abort loaders and actions when the response can no longer be written (close without finish).
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, {
    method: req.method,
    headers: fetchHeaders(req.headers),
    signal,
    ...(body ? { body: new Uint8Array(body) } : {}),
  });
}

/** The Express app: every response, static files and health checks included, passes through here. */
export function createEdge(opts: EdgeOptions): Express {
  const { settings, log } = opts;
  const app = express();
  app.disable("x-powered-by");
  // A hop count, never `true`: `true` trusts every X-Forwarded-For entry, so req.ip is the left-most one, which the
  // client writes itself.
  app.set("trust proxy", settings.trustProxyHops);

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
    const production = settings.production;
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
    res.writeHead = function (this: ExpressResponse, ...args: Parameters<typeof writeHead>) {
      const status = typeof args[0] === "number" ? args[0] : res.statusCode;
      res.setHeader(
        "Cache-Control",
        cacheControlFor({ method: req.method, path: req.path, status, publicFile: res.locals.publicFile === true }),
      );
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  });

  // Methods and the web address first: TRACE on any path, health checks included, is refused.
  app.use((req, res, next) => {
    const refusal = checkMethod(req.method) ?? checkUrl(req.originalUrl);
    if (refusal) return refuse(res, refusal);
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await opts.readiness();
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable" });
  });

  opts.mountStatic?.(app);

  app.use(async (req, res, next) => {
    if (req.method !== "POST") return next();
    // Cross-site request forgery defence: a state-changing request must come from our own pages.
    const origin = req.get("origin");
    const site = req.get("sec-fetch-site");
    const own = `${req.protocol}://${req.get("host")}`;
    if ((origin && origin !== own && !settings.allowedOrigins.includes(origin)) || (!origin && site === "cross-site")) {
      log("warn", "cross-site request refused", { requestId: res.locals.requestId, path: req.path });
      return refuse(res, {
        status: 403,
        title: "This request was refused",
        message: "Forms can only be sent from this service's own pages.",
      });
    }
    const length = req.get("content-length");
    if (length === undefined && req.get("transfer-encoding")) {
      return refuse(res, {
        status: 411,
        title: "This request was refused",
        message: "The request must state its length.",
      });
    }
    const limit = bodyLimitFor(req.path);
    if (Number(length ?? 0) > limit) {
      req.resume();
      return refuse(res, {
        status: 413,
        title: "What you sent is too large",
        message: "Shorten it and try again. Nothing already saved has been changed.",
      });
    }
    try {
      const body = await readBody(req, limit);
      if (body === null) {
        return refuse(res, {
          status: 413,
          title: "What you sent is too large",
          message: "Shorten it and try again. Nothing already saved has been changed.",
        });
      }
      const refusal = await checkFormBody(req.get("content-type"), body);
      if (refusal) return refuse(res, refusal);
      res.locals.body = body;
      next();
    } catch (err) {
      next(err);
    }
  });

  app.all("*", async (req, res, next) => {
    try {
      const context: RequestContext = {
        requestId: String(res.locals.requestId),
        nonce: String(res.locals.nonce),
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        db: opts.db,
      };
      const response = await opts.handler(
        appRequest(req, res, (res.locals.body as Buffer | undefined) ?? null),
        context,
      );
      if (response.status === 429 && !response.headers.has("Retry-After")) {
        // Every 429 says when to come back; a route that forgot gets the longest short wait, and a warning.
        log("warn", "429 without Retry-After", { requestId: context.requestId, path: req.path });
        response.headers.set("Retry-After", String(DEFAULT_RETRY_AFTER_SECONDS));
      }
      await send(res, response);
    } catch (err) {
      next(err);
    }
  });

  // A fault the app could not answer itself: the generic page with the reference, never a stack trace.
  app.use((err: unknown, _req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    log("error", "unhandled error at the edge", {
      requestId: res.locals.requestId,
      error: err instanceof Error ? err.message : String(err),
    });
    if (res.headersSent) return next(err);
    refuse(res, {
      status: 500,
      title: "Sorry, there is a problem with the service",
      message: "Try again later. Nothing you saved before this page has been lost.",
    });
  });

  return app;
}
