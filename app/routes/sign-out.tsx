import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "@db/index";
import { audit } from "~/audit/audit.server";
import { clearSessionCookie, currentUser, endSession } from "~/auth/session.server";
import { requestContext } from "~/context";

// Sign-out is a POST (no GET changes state). Signing out twice, or with no session, is harmless.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await currentUser(request);
  if (user) {
    const db = await getDb();
    await db.transaction().execute(async (trx) => {
      await endSession(trx, user.sessionHash);
      await audit(
        trx,
        { userId: user.id, role: user.role, requestId: requestContext(context).requestId },
        { action: "sign-out" },
      );
    });
  }
  return redirect("/sign-in?reason=signed-out", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export async function loader() {
  return redirect("/");
}
