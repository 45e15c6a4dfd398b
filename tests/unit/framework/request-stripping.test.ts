import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The server runs @remix-run/server-runtime's CommonJS build, which patches/@remix-run+server-runtime+*.patch
// changes: a loader gets the request itself when its URL has nothing for Remix to strip (`index`, `_routes`,
// `_data`). Without the patch every loader got a copy, and each copy with a signal stays in undici's
// FinalizationRegistry until a full garbage collection (docs/decisions/0017).
const require = createRequire(import.meta.url);
const { createRequestHandler } = require("@remix-run/server-runtime") as typeof import("@remix-run/server-runtime");

function buildWithTwoLoaders() {
  const seen: Request[] = [];
  const loader = ({ request }: { request: Request }) => {
    seen.push(request);
    return { ok: true };
  };
  const route = (id: string, path: string, parentId?: string) => ({
    id,
    parentId,
    path,
    index: undefined,
    caseSensitive: undefined,
    module: { loader, default: () => null },
  });
  const build = {
    mode: "production",
    future: { v3_singleFetch: true },
    basename: undefined,
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    isSpaMode: false,
    entry: { module: { default: () => new Response("document") } },
    routes: { root: route("root", ""), "routes/x": route("routes/x", "x", "root") },
    assets: { entry: { module: "/entry.js", imports: [] }, routes: {}, url: "/manifest.js", version: "1" },
  };
  return { handler: createRequestHandler(build as never, "production"), seen };
}

describe("requests handed to loaders (server)", () => {
  it("gives every loader of a data request the same request when there is nothing to strip", async () => {
    const { handler, seen } = buildWithTwoLoaders();
    const res = await handler(new Request("http://localhost/x.data", { signal: new AbortController().signal }));
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(new URL(seen[0].url).pathname).toBe("/x");
  });

  it("still strips the parameters that are Remix's own before a loader sees the URL", async () => {
    const { handler, seen } = buildWithTwoLoaders();
    await handler(new Request("http://localhost/x.data?_routes=routes/x&page=2"));
    expect(seen).toHaveLength(1);
    const url = new URL(seen[0].url);
    expect(url.searchParams.has("_routes")).toBe(false);
    expect(url.searchParams.get("page")).toBe("2");
  });
});
