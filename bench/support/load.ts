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

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  /**
   * Stop after this many responses instead of after `seconds`: nothing is left in flight when the phase ends, so
   * counts taken from the database afterwards (audit rows) match the responses exactly.
   */
  amount?: number;
  /** Requests per second across all connections; unlimited when absent. */
  rate?: number;
  next: () => Request;
  /** Classifies a response; a false return counts as an error. */
  onResponse?: (status: number, body: string, meta: unknown) => boolean;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  throughput: number;
  latency: Latency;
  errors: number;
  statuses: Record<string, number>;
  /** Per second since the start: responses, errors. */
  timeline: { second: number; ok: number; errors: number }[];
}

/** Runs one load phase and measures it from the client side (latency as each response completes). */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const timeline: { second: number; ok: number; errors: number }[] = [];
  let errors = 0;
  const started = Date.now();
  const bucket = () => {
    const s = Math.floor((Date.now() - started) / 1000);
    while (timeline.length <= s) timeline.push({ second: timeline.length, ok: 0, errors: 0 });
    return timeline[s];
  };
  return new Promise((resolve, reject) => {
    let instance: AutocannonInstance;
    try {
      instance = autocannon()(
        {
          url: spec.url,
          connections: spec.connections,
          ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds }),
          timeout: TIMEOUT_S,
          ...(spec.rate ? { overallRate: Math.max(1, Math.round(spec.rate)) } : {}),
          requests: [
            {
              setupRequest: (req, context) => {
                const r = spec.next();
                context.meta = r.meta;
                return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
              },
              onResponse: (status, body, context) => {
                const ok = spec.onResponse ? spec.onResponse(status, body, context.meta) : status >= 200 && status < 400;
                if (!ok) {
                  errors += 1;
                  bucket().errors += 1;
                } else bucket().ok += 1;
              },
            },
          ],
        },
        (err) => {
          if (err) return reject(err);
          const seconds = (Date.now() - started) / 1000;
          const requests = latencies.length;
          resolve({ requests, seconds, throughput: requests / seconds, latency: latencyOf(latencies), errors, statuses, timeline });
        },
      );
    } catch (err) {
      return reject(err);
    }
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
    // A refused, reset or timed-out request never reaches onResponse: it is an error in its second. A timeout
    // counts in the latencies at the timeout, so percentiles are not flattered by dropping the slowest requests.
    instance.on("reqError", (err) => {
      errors += 1;
      bucket().errors += 1;
      const timedOut = /timed out/.test(err.message);
      if (timedOut) latencies.push(TIMEOUT_S * 1000);
      const key = timedOut ? "timeout" : "socket";
      statuses[key] = (statuses[key] ?? 0) + 1;
    });
  });
}
