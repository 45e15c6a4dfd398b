import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { listTriageQueue } from "~/triage/triage.server";
import { TriageQueueTable } from "~/referrals/ui/TriageQueueTable";

export const meta: MetaFunction = () => [{ title: "Self-referrals – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "triage:manage");
  return { rows: await listTriageQueue(context.db, actorOf(guard), guard.user.districtCode ?? null) };
}

export default function Triage() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Self-referrals</h1>
      <p className="nhsuk-lede-text">
        Requests for a call back from the “Start a conversation” page from your area, and from people who did not say
        where they live. Your area comes first, oldest first.
      </p>
      {rows.length === 0 ? <p>No new requests.</p> : <TriageQueueTable rows={rows} openable />}
    </>
  );
}
