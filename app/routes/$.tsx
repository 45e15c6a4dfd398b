import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Page not found – Connect Well" }];

/**
 * Any address no other route matches. Answering the 404 from a route (rather than from no match at all) runs the
 * root loader first, so a signed-in user keeps their header and menu and the error page offers their home page,
 * not "Sign in".
 */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
