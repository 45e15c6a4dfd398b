import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { roleHome } from "~/auth/roles";
import { currentUser } from "~/auth/session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await currentUser(request, { context });
  return redirect(user ? roleHome[user.role] : "/sign-in");
}
