// What wraps every route's loader and action in the server build, innermost first: the restricted-session rule
// (app/auth/session-scope.server.ts), then fault references (app/server/fault-references.server.ts), so a fault in
// either the rule or the route carries the request's reference to the error page.
import { withSessionScope } from "~/auth/session-scope.server";
import { withFaultReferences } from "./fault-references.server";

type BuildLike = Parameters<typeof withFaultReferences>[0];

/** The server build the request handler serves: every loader and action behind the route gates. */
export function withRouteGates<B extends BuildLike>(build: B): B {
  return withFaultReferences(withSessionScope(build));
}
