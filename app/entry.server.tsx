import { Writable } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { logger } from "@db/logger";
import { requestContext } from "~/context";
import { NonceContext } from "~/ui/nonce";

export { startup, readiness, shutdown } from "~/server/startup.server";
export { createEdge, edgeSettings } from "~/server/edge.server";
export { withFaultReferences } from "~/server/fault-references.server";
export { withRouteGates } from "~/server/route-gates.server";
export { TEST_SESSION_PATH, testSessionResponse, testSessionsEnabled } from "~/auth/test-session.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const { nonce } = requestContext(loadContext);
  return new Promise((resolve, reject) => {
    // The whole page is rendered before it is sent (onAllReady), then written in one piece: no page here streams
    // deferred data, and one socket write per page costs far less CPU than React's few-kilobyte chunks passed
    // through a Node stream, a web stream and back (docs/decisions/0011).
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        clearTimeout(timer);
        const html = Buffer.concat(chunks);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("Content-Length", String(html.byteLength));
        resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
        callback();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        // Every render error is logged here, as it happens; one that breaks the shell also rejects, and Remix
        // then passes it to handleError, which knows it has been logged.
        onError(error: unknown) {
          responseStatusCode = 500;
          logError(error, loadContext);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  // Thrown responses (404, 403, validation) are answers, not faults.
  if (request.signal.aborted || isRouteErrorResponse(error) || error instanceof Response) return;
  logError(error, context);
}

const logged = new WeakSet<object>();

function logError(error: unknown, context: unknown) {
  if (typeof error === "object" && error !== null) {
    if (logged.has(error)) return;
    logged.add(error);
  }
  const { requestId } = requestContext(context);
  // Message and stack only: database error details can echo values, so they are never logged.
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error("unhandled error", { requestId, error: err.message, stack: err.stack });
}
