import { createRequire } from "node:module";
import type { AgnosticNonIndexRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The server resolves @remix-run/router through require (its CommonJS build), which is the file
// patches/@remix-run+router+*.patch changes; import it the same way so this tests what the server runs.
const require = createRequire(import.meta.url);
const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");

type Route = AgnosticNonIndexRouteObject & { id: string; children?: Route[] };

/** A route tree whose path reads are counted: flattening reads every path, matching a flattened tree does not. */
function countedTree() {
  let reads = 0;
  const route = (id: string, path: string | undefined, children?: Route[]): Route => {
    const r: Route = { id, children };
    Object.defineProperty(r, "path", { enumerable: true, get: () => (reads++, path) });
    return r;
  };
  const routes = [
    route("root", "", [
      route("people", "people", [route("person", ":personId"), route("people-index", undefined)]),
      route("activity", "activities/:activityId/sessions/:sessionId"),
      route("sign-in", "sign-in"),
    ]),
  ];
  return { routes, reads: () => reads };
}

describe("route matching (server)", () => {
  it("flattens and ranks a route tree once, however often it is matched", () => {
    const { routes, reads } = countedTree();
    matchRoutes(routes, "/people/p1");
    const afterFirst = reads();
    expect(afterFirst).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) matchRoutes(routes, "/sign-in");
    expect(reads()).toBe(afterFirst);
  });

  it("still matches each path to the right route with its params", () => {
    const { routes } = countedTree();
    for (let i = 0; i < 2; i++) {
      expect(matchRoutes(routes, "/people/p1")?.map((m) => m.route.id)).toEqual(["root", "people", "person"]);
      expect(matchRoutes(routes, "/people/p1")?.at(-1)?.params).toEqual({ personId: "p1" });
      expect(matchRoutes(routes, "/activities/a/sessions/s")?.at(-1)?.params).toEqual({
        activityId: "a",
        sessionId: "s",
      });
      expect(matchRoutes(routes, "/SIGN-IN")?.at(-1)?.route.id).toBe("sign-in");
      expect(matchRoutes(routes, "/nowhere")).toBeNull();
    }
  });

  it("gives each tree its own branches", () => {
    const a = countedTree();
    const b = countedTree();
    expect(matchRoutes(a.routes, "/people/p1")?.at(-1)?.route).toBe(a.routes[0].children?.[0].children?.[0]);
    expect(matchRoutes(b.routes, "/people/p1")?.at(-1)?.route).toBe(b.routes[0].children?.[0].children?.[0]);
  });
});
