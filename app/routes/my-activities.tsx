import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Your activities – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, context, "activities:lead");
  return { name: user.displayName };
}

export default function Page() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Your activities</h1>
      <p className="nhsuk-lede-text">Referrals waiting for your answer and today's registers.</p>
      <p>Signed in as {name}.</p>
    </>
  );
}
