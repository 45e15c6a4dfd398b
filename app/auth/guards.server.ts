import { data, redirect } from "@remix-run/node";
import { getDb } from "@db/index";
import { audit } from "~/audit/audit.server";
import { requestContext } from "~/context";
import { can, refusalStatus, type Permission } from "./roles";
import { type CurrentUser, currentUser, readSessionId } from "./session.server";

export interface Guarded {
  user: CurrentUser;
  requestId: string;
}

function signInRedirect(request: Request, expired: boolean): Response {
  const url = new URL(request.url);
  // Only the path travels: query strings may hold search terms.
  const params = new URLSearchParams({ returnTo: url.pathname });
  if (expired) params.set("reason", "expired");
  return redirect(`/sign-in?${params}`);
}

/** Every non-public loader and action starts here. Layout loaders are not guards: Remix runs loaders in parallel. */
export async function requireUser(request: Request, context: unknown): Promise<Guarded> {
  const user = await currentUser(request, { context });
  if (!user) {
    const hadCookie = (await readSessionId(request)) !== null;
    throw signInRedirect(request, hadCookie);
  }
  return { user, requestId: requestContext(context).requestId };
}

/**
 * The signed-in user, if their role holds `permission`. Otherwise the refusal is audited (`access.denied`) and the
 * request ends: 404 "Page not found" when a role that works only with aggregate figures asks for a person-level
 * page, so the answer does not confirm that the person exists; 403 otherwise (app/auth/roles.ts, refusalStatus).
 */
export async function requirePermission(request: Request, context: unknown, permission: Permission): Promise<Guarded> {
  const guarded = await requireUser(request, context);
  if (!can(guarded.user.role, permission)) {
    const status = refusalStatus(guarded.user.role, permission);
    await audit(await getDb(), actorOf(guarded), {
      action: "access.denied",
      outcome: "denied",
      details: { path: new URL(request.url).pathname, permission, status },
    });
    const message = status === 404 ? "Page not found" : "You do not have permission to see this page";
    throw data({ message }, { status });
  }
  return guarded;
}

export function actorOf(g: Guarded) {
  return { userId: g.user.id, role: g.user.role, requestId: g.requestId };
}
