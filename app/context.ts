import type { Kysely } from "kysely";
import type { DB } from "@db/types";

// What the HTTP server hands every loader and action (see server.mjs and app/server/edge.server.ts).
export interface RequestContext {
  requestId: string;
  nonce: string;
  clientIp: string;
  /**
   * The process's database: routes pass it, first, to the domain functions they call and never query it themselves
   * (docs/decisions/0920-the-executor-comes-from-the-request.md).
   */
  db: Kysely<DB>;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- module augmentation needs the interface form
  interface AppLoadContext extends RequestContext {}
}

/** The request's reference, nonce and client address, with stand-ins where a caller (a test) gave none. */
export function requestContext(context: unknown): Omit<RequestContext, "db"> {
  const c = (context ?? {}) as Partial<RequestContext>;
  return { requestId: c.requestId ?? "none", nonce: c.nonce ?? "", clientIp: c.clientIp ?? "unknown" };
}
