// What the HTTP server hands every loader and action (see server.mjs).
export interface RequestContext {
  requestId: string;
  nonce: string;
  clientIp: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- module augmentation needs the interface form
  interface AppLoadContext extends RequestContext {}
}

export function requestContext(context: unknown): RequestContext {
  const c = (context ?? {}) as Partial<RequestContext>;
  return { requestId: c.requestId ?? "none", nonce: c.nonce ?? "", clientIp: c.clientIp ?? "unknown" };
}
