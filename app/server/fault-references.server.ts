// A fault in a loader or action (anything but a deliberate answer: a Response or data() with a status) becomes a 500
// that carries the request's reference, so the error page can show it wherever it is drawn: on the server, or in the
// browser after a form posted in the background failed, where the page's own data belongs to an earlier request.
// Remix replaces a fault's message with "Unexpected Server Error" in production; a route error response keeps its
// data. See docs/decisions/0755-error-pages.md.
import { data } from "@remix-run/node";
import { logger } from "@db/logger";
import { requestContext } from "~/context";
import type { FaultData } from "./fault";

type Handler = (args: { request: Request; context: unknown }) => unknown;

function isAnswer(err: unknown): boolean {
  return (
    err instanceof Response ||
    (typeof err === "object" && err !== null && (err as { type?: unknown }).type === "DataWithResponseInit")
  );
}

function referenced(fn: Handler): Handler {
  return async (args) => {
    try {
      return await fn(args);
    } catch (err) {
      if (isAnswer(err) || args.request.signal.aborted) throw err;
      const { requestId } = requestContext(args.context);
      // Message and stack only: database errors can echo values.
      const e = err instanceof Error ? err : new Error(String(err));
      logger.error("unhandled error", { requestId, error: e.message, stack: e.stack });
      throw data({ fault: true, reference: requestId } satisfies FaultData, { status: 500 });
    }
  };
}

interface BuildLike {
  routes: Record<string, { module: { loader?: unknown; action?: unknown } }>;
}

/** The server build with every route's loader and action wrapped by `referenced`. The build itself is not changed. */
export function withFaultReferences<B extends BuildLike>(build: B): B {
  const routes: BuildLike["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module: Record<string, unknown> = { ...route.module };
    if (typeof route.module.loader === "function") module.loader = referenced(route.module.loader as Handler);
    if (typeof route.module.action === "function") module.action = referenced(route.module.action as Handler);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
