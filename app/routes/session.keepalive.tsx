import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { currentUser, sessionRemainingMs } from "~/auth/session.server";

// "Stay signed in": refreshes the idle timer (never the 8 hour limit).
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await currentUser(request, { touch: "force", context });
  if (!user) throw data({ message: "Your session has ended" }, { status: 401 });
  return { remainingMs: sessionRemainingMs(user) };
}
