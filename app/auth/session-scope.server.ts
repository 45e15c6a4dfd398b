// Handing the device to a person for a self-completion questionnaire restricts the staff member's session to that
// questionnaire (docs/decisions/0820-restricted-self-completion.md). The rule is applied here, once, around every
// route's loader and action in the server build, so no route can forget it: public pages, resource routes and the
// `.data` requests of client navigation included.
import { data, redirect } from "@remix-run/node";
import { questionnairePath, restrictedMayUse } from "./session-scope";
import type { RequestContext } from "~/context";
import { currentUser } from "./session.server";

type Handler = (args: {
  request: Request;
  context: RequestContext;
  params: Record<string, string | undefined>;
}) => unknown;

function scoped(routeId: string, kind: "loader" | "action", fn: Handler): Handler {
  return async (args) => {
    // Shared with the route's own guard through the load context: no second database read.
    const user = await currentUser(args.request, { context: args.context });
    if (user?.restrictedTo && !restrictedMayUse(routeId, args.params, user.restrictedTo)) {
      // A page is answered with the questionnaire; a form post is refused before it does anything.
      if (kind === "loader") throw redirect(questionnairePath(user.restrictedTo));
      throw data({ message: "Hand the device back to the member of staff to do that" }, { status: 403 });
    }
    return fn(args);
  };
}

interface BuildLike {
  routes: Record<string, { module: { loader?: unknown; action?: unknown } }>;
}

/**
 * The server build with every route's loader and action behind the restricted-session rule (`restrictedMayUse`).
 * A restricted session asking for any other page is redirected (302) to its questionnaire; posting any other form
 * is refused with 403. The build itself is not changed.
 */
export function withSessionScope<B extends BuildLike>(build: B): B {
  const routes: BuildLike["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module: Record<string, unknown> = { ...route.module };
    if (typeof route.module.loader === "function") module.loader = scoped(id, "loader", route.module.loader as Handler);
    if (typeof route.module.action === "function") module.action = scoped(id, "action", route.module.action as Handler);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
