import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { listTriageQueueAllAreas } from "~/triage/triage.server";
import { TriageQueueTable } from "~/referrals/ui/TriageQueueTable";

export const meta: MetaFunction = () => [{ title: "Self-referrals in all areas – Connect Well" }];

// Read-only (docs/decisions/0823): administrators see every area's queue for cover and review, but the permission
// does not open a request or act on one; that stays with the area's coordinators (triage:manage).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "triage:read-all");
  return { rows: await listTriageQueueAllAreas(context.db, actorOf(guard)) };
}

export default function TriageAllAreas() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Self-referrals in all areas</h1>
      <p className="nhsuk-lede-text">
        New requests for a call back from every area, oldest first. This view is read-only: each area’s Local Area
        Coordinators open and deal with the requests.
      </p>
      {rows.length === 0 ? <p>No new requests.</p> : <TriageQueueTable rows={rows} openable={false} />}
    </>
  );
}
