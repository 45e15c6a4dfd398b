import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Outcome reports – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, context, "reports:view");
  return { name: user.displayName };
}

export default function Page() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Outcome reports</h1>
      <p className="nhsuk-lede-text">Reports shared with you.</p>
      <p>Signed in as {name}.</p>
    </>
  );
}
