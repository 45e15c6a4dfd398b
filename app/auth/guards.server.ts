import { data, redirect } from "@remix-run/node";
import { audit } from "~/audit/audit.server";
import { requestContext, type RequestContext } from "~/context";
import { can, refusalStatus, type Permission } from "./roles";
import { ACCOUNT_DISABLED_MESSAGE, enteredValues, type AccountDisabledData } from "./disabled";
import { clearSessionCookie, type CurrentUser, currentUser, sessionEndReason } from "./session.server";

export interface Guarded {
  user: CurrentUser;
  requestId: string;
}

function signInRedirect(request: Request, reason: "expired" | "disabled" | null, headers?: HeadersInit): Response {
  const url = new URL(request.url);
  // Only the path travels: query strings may hold search terms.
  const params = new URLSearchParams({ returnTo: url.pathname });
  if (reason) params.set("reason", reason);
  return redirect(`/sign-in?${params}`, { headers });
}

/**
 * Every non-public loader and action starts here. Layout loaders are not guards: Remix runs loaders in parallel.
 * Without a live session the user is sent to sign in, told why: their session ended, or their account was disabled.
 * A form posted from a disabled account is not saved (an administrator took the access away): the answer is a 403
 * page saying so, showing what they typed so it is not lost (docs/decisions/0852), and the attempt is audited.
 */
async function requireUser(request: Request, context: RequestContext): Promise<Guarded> {
  const user = await currentUser(request, { context });
  if (user) return { user, requestId: requestContext(context).requestId };
  const ended = await sessionEndReason(context.db, request);
  if (ended?.reason !== "disabled") throw signInRedirect(request, ended ? "expired" : null);
  const { requestId } = requestContext(context);
  const headers = { "Set-Cookie": await clearSessionCookie() };
  const posted = request.method !== "GET" && request.method !== "HEAD";
  await audit(
    context.db,
    { userId: ended.userId, role: ended.role, requestId },
    {
      action: "access.denied",
      outcome: "denied",
      details: { path: new URL(request.url).pathname, reason: "account disabled", posted },
    },
  );
  if (!posted) throw signInRedirect(request, "disabled", headers);
  const form = await request.formData().catch(() => null);
  const body: AccountDisabledData = {
    accountDisabled: true,
    message: ACCOUNT_DISABLED_MESSAGE,
    entered: form ? enteredValues(form) : [],
  };
  throw data(body, { status: 403, headers });
}

/**
 * The signed-in user, if their role holds `permission`. Otherwise the refusal is audited (`access.denied`) and the
 * request ends: 404 "Page not found" when a role that works only with aggregate figures asks for a person-level
 * page, so the answer does not confirm that the person exists; 403 otherwise (app/auth/roles.ts, refusalStatus).
 */
export async function requirePermission(
  request: Request,
  context: RequestContext,
  permission: Permission,
): Promise<Guarded> {
  const guarded = await requireUser(request, context);
  if (!can(guarded.user.role, permission)) {
    const status = refusalStatus(guarded.user.role, permission);
    await audit(context.db, actorOf(guarded), {
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
