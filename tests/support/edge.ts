// Drives the real HTTP edge (app/server/edge.server.ts) over a socket, with route modules standing in for Remix's
// handler: the edge's checks, headers and pages are the server's own; only the routing is this file's.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createEdge, type AppHandler, type EdgeSettings } from "../../app/server/edge.server";
import type { Database } from "../../db/connection";
import { openTestDb } from "./db";

// An edge test without a database of its own: a handler that reached for one fails loudly, saying why.
const noDatabase = new Proxy({} as Database, {
  get() {
    throw new Error("this test file has no database: call useTestDatabase()");
  },
});

export type RouteModule = {
  loader?: (args: any) => Promise<unknown>;
  action?: (args: any) => Promise<unknown>;
};

/** What a loader or action gave, as Remix would answer it: thrown or returned Responses and data(), or a 500. */
export async function asResponse(run: () => Promise<unknown>): Promise<Response> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const init = (thrown as { init?: { status?: number; headers?: HeadersInit } } | null)?.init;
    if (init?.status) return new Response(JSON.stringify((thrown as any).data ?? null), init);
    return new Response(`fault: ${thrown instanceof Error ? thrown.message : String(thrown)}`, { status: 500 });
  }
  if (value instanceof Response) return value;
  const v = value as { init?: { status?: number; headers?: HeadersInit }; data?: unknown } | null;
  if (v && typeof v === "object" && "init" in v && "data" in v) {
    return new Response(JSON.stringify(v.data ?? null), { status: v.init?.status ?? 200, headers: v.init?.headers });
  }
  return new Response(JSON.stringify(value ?? null), { status: 200 });
}

export interface TestEdge {
  url: string;
  close(): Promise<void>;
  /** Faults the app raised, by message: an assertion can show which route failed and why. */
  faults: string[];
}

/** Starts the edge on a free port with `handler` behind it. */
export async function startEdge(settings: Partial<EdgeSettings>, handler: AppHandler): Promise<TestEdge> {
  const faults: string[] = [];
  const app = createEdge({
    settings: { production: false, trustProxyHops: 0, allowedOrigins: [], ...settings },
    log: (level, msg, fields) => {
      if (level === "error") faults.push(`${msg}: ${String(fields.error)}`);
    },
    readiness: async () => true,
    db: openTestDb() ?? noDatabase,
    handler: async (request, context) => {
      const response = await handler(request, context);
      if (response.status >= 500)
        faults.push(`${request.method} ${new URL(request.url).pathname}: ${await response.clone().text()}`);
      return response;
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
