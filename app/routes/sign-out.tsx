import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, currentUser } from "~/auth/session.server";
import { signOut } from "~/auth/sign-out.server";
import { requestContext } from "~/context";

// Sign-out is a POST (no GET changes state). Signing out twice, or with no session, is harmless.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await currentUser(request, { context });
  if (user) await signOut(context.db, user, requestContext(context).requestId);
  return redirect("/sign-in?reason=signed-out", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export async function loader() {
  return redirect("/");
}
