import { data, redirect } from "@remix-run/node";
import { getDb } from "@db/index";
import { audit } from "~/audit/audit.server";
import { requestContext } from "~/context";
import { can, type Permission } from "./roles";
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

export async function requirePermission(request: Request, context: unknown, permission: Permission): Promise<Guarded> {
  const guarded = await requireUser(request, context);
  if (!can(guarded.user.role, permission)) {
    await audit(await getDb(), actorOf(guarded), {
      action: "access.denied",
      outcome: "denied",
      details: { path: new URL(request.url).pathname, permission },
    });
    throw data({ message: "You do not have permission to see this page" }, { status: 403 });
  }
  return guarded;
}

export function actorOf(g: Guarded) {
  return { userId: g.user.id, role: g.user.role, requestId: g.requestId };
}
