import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Outcomes – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, context, "outcomes:view");
  return { name: user.displayName };
}

export default function Page() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Outcomes</h1>
      <p className="nhsuk-lede-text">Reach, engagement and change in loneliness and wellbeing, with small numbers suppressed.</p>
      <p>Signed in as {name}.</p>
    </>
  );
}
