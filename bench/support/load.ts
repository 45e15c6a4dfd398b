import { createRequire } from "node:module";
import { latencyOf, type Latency } from "./stats";

// autocannon drives the HTTP load (a devDependency; CommonJS, loaded through require so its absence is reported
// clearly). Only the part of its API used here is typed.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  overallRate?: number;
  timeout?: number;
  requests: {
    setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }[];
}
interface AutocannonInstance {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: "reqError", fn: (err: Error) => void): void;
  on(event: "done", fn: (result: { errors: number; timeouts: number; non2xx: number }) => void): void;
  stop(): void;
}
type Autocannon = (opts: AutocannonOptions, cb?: (err: Error | null, result: unknown) => void) => AutocannonInstance;

const TIMEOUT_S = 10;

let cached: Autocannon | null = null;
function autocannon(): Autocannon {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  try {
    cached = require("autocannon") as Autocannon;
  } catch {
    throw new Error("The benchmark needs the devDependency autocannon (npm install --save-dev autocannon@9)");
  }
  return cached;
}

export interface Request {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Carried to onResponse for the same request (per-request state: which record, which version). */
  meta?: unknown;
}

/**
 * One user action: the requests a browser sends for it, in order. A Remix page with JavaScript sends a form as a
 * `.data` POST and then revalidates the page's loaders with a `.data` GET; a link is one `.data` GET. As Remix
 * does, the follow-up requests are sent only when the first one succeeded (an action answered 4xx or 5xx is not
 * revalidated). Latency and throughput are those of the whole action, as the user waits for it.
 */
export type Action = Request | Request[];

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  /**
   * Stop after this many actions instead of after `seconds`: nothing is left in flight when the phase ends, so
   * counts taken from the database afterwards (audit rows) match the responses exactly.
   */
  amount?: number;
  /** Actions per second across all connections; unlimited when absent. */
  rate?: number;
  /**
   * Requests in one complete action (2 for a form and its revalidation; 1 when absent): autocannon counts and
   * paces requests, so `amount` and `rate` are multiplied by it.
   */
  steps?: number;
  next: () => Action;
  /**
   * Classifies the response to an action's first request; a false return counts as an error. Follow-up requests
   * must answer 200.
   */
  onResponse?: (status: number, body: string, meta: unknown) => boolean;
}

export interface LoadResult {
  /** Completed actions (successful or not). */
  requests: number;
  seconds: number;
  throughput: number;
  latency: Latency;
  errors: number;
  statuses: Record<string, number>;
  /** Per second since the start: actions completed well, actions that failed. */
  timeline: { second: number; ok: number; errors: number }[];
}

interface Flow {
  first: Request;
  current: Request;
  rest: Request[];
  /** When the request in flight was sent, and the time its earlier requests took. */
  sentAt: number;
  elapsed: number;
  awaiting: boolean;
}

/**
 * Runs one load phase and measures it from the client side. An action's latency is the sum of its requests' own
 * times (each from being sent to its response): with a rate set, autocannon may hold a follow-up request until the
 * next second, and that wait is the load generator's, not the server's.
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const timeline: { second: number; ok: number; errors: number }[] = [];
  let errors = 0;
  const steps = spec.steps ?? 1;
  const started = Date.now();
  const bucket = () => {
    const s = Math.floor((Date.now() - started) / 1000);
    while (timeline.length <= s) timeline.push({ second: timeline.length, ok: 0, errors: 0 });
    return timeline[s];
  };
  const finish = (ok: boolean, ms: number | null) => {
    if (ms !== null) latencies.push(ms);
    if (ok) bucket().ok += 1;
    else {
      errors += 1;
      bucket().errors += 1;
    }
  };
  return new Promise((resolve, reject) => {
    let instance: AutocannonInstance;
    try {
      instance = autocannon()(
        {
          url: spec.url,
          connections: spec.connections,
          // Whole actions per connection, so a connection's last action is not cut after its first request.
          ...(spec.amount
            ? { amount: steps * spec.connections * Math.ceil(spec.amount / spec.connections) }
            : { duration: spec.seconds }),
          timeout: TIMEOUT_S,
          ...(spec.rate ? { overallRate: Math.max(1, Math.round(spec.rate * steps)) } : {}),
          // One entry per request of the longest action. autocannon keeps a context per connection across the
          // entries of one pass (it clears it when it wraps round), and a follow-up entry that returns no request
          // sends it back to the first entry: an action that ends early (its first request failed or was answered
          // 4xx) starts the next action there.
          requests: Array.from({ length: steps }, (_, step) => ({
            setupRequest: (req: AutocannonRequest, context: Record<string, unknown>) => {
              let r: Request;
              if (step === 0) {
                const action = spec.next();
                const [first, ...rest] = Array.isArray(action) ? action : [action];
                if (rest.length >= steps)
                  throw new Error(`An action of ${rest.length + 1} requests needs steps: ${rest.length + 1}`);
                context.flow = {
                  first,
                  current: first,
                  rest,
                  sentAt: performance.now(),
                  elapsed: 0,
                  awaiting: true,
                } satisfies Flow;
                r = first;
              } else {
                const flow = context.flow as Flow | undefined;
                // No follow-up: the action ended, or its last request got no response (reqError counted it).
                if (!flow || flow.awaiting || flow.rest.length === 0) return undefined as unknown as AutocannonRequest;
                r = flow.current = flow.rest.shift()!;
                flow.sentAt = performance.now();
                flow.awaiting = true;
              }
              return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
            },
            onResponse: (status: number, body: string, context: Record<string, unknown>) => {
              const flow = context.flow as Flow;
              flow.awaiting = false;
              flow.elapsed += performance.now() - flow.sentAt;
              statuses[status] = (statuses[status] ?? 0) + 1;
              const ok =
                flow.current !== flow.first
                  ? status === 200
                  : spec.onResponse
                    ? spec.onResponse(status, body, flow.first.meta)
                    : status >= 200 && status < 400;
              if (!ok || status >= 400 || flow.rest.length === 0) {
                flow.rest = [];
                finish(ok, flow.elapsed);
              }
            },
          })),
        },
        (err) => {
          if (err) return reject(err);
          const seconds = (Date.now() - started) / 1000;
          const requests = latencies.length;
          resolve({
            requests,
            seconds,
            throughput: requests / seconds,
            latency: latencyOf(latencies),
            errors,
            statuses,
            timeline,
          });
        },
      );
    } catch (err) {
      return reject(err);
    }
    // A refused, reset or timed-out request never reaches onResponse: its action is an error in its second. A
    // timeout counts in the latencies at the timeout, so percentiles are not flattered by dropping the slowest.
    instance.on("reqError", (err) => {
      const timedOut = /timed out/.test(err.message);
      finish(false, timedOut ? TIMEOUT_S * 1000 : null);
      const key = timedOut ? "timeout" : "socket";
      statuses[key] = (statuses[key] ?? 0) + 1;
    });
  });
}
