import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Your caseload – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, context, "caseload:view");
  return { name: user.displayName };
}

export default function Page() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Your caseload</h1>
      <p className="nhsuk-lede-text">People you have referred and what needs doing next.</p>
      <p>Signed in as {name}.</p>
    </>
  );
}
