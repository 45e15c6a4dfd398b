import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { selfReferralTopics, type SelfReferralTopic } from "~/referrals/self-referral";
import { listTriageQueue } from "~/referrals/triage.server";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Self-referrals – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "triage:manage");
  return { rows: await listTriageQueue(actorOf(guard), guard.user.districtCode ?? null) };
}

export default function Triage() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Self-referrals</h1>
      <p className="nhsuk-lede-text">Requests for a call back from the “Start a conversation” page. Your area comes first, oldest first.</p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">New requests <span className="nhsuk-body-s app-muted">({rows.length} in all)</span></caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Name</th>
            <th scope="col" className="nhsuk-table__header">Area</th>
            <th scope="col" className="nhsuk-table__header">Wants to talk about</th>
            <th scope="col" className="nhsuk-table__header">Received</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.length === 0 ? (
            <tr className="nhsuk-table__row"><td className="nhsuk-table__cell" colSpan={4}>No new requests.</td></tr>
          ) : rows.map((r) => (
            <tr key={r.id} className="nhsuk-table__row">
              <td className="nhsuk-table__cell"><Link to={`/triage/${r.id}`}>{r.given_name} {r.family_name}</Link></td>
              <td className="nhsuk-table__cell">{r.district ?? "Not sure"}{r.inArea ? <> <strong className="nhsuk-tag nhsuk-tag--blue">Your area</strong></> : null}</td>
              <td className="nhsuk-table__cell">{r.topics.map((t) => selfReferralTopics[t as SelfReferralTopic] ?? t).join(", ")}</td>
              <td className="nhsuk-table__cell">{formatDateTime(r.received_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
