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

const headings = ["Name", "Area", "Wants to talk about", "Received"];

/** A cell that, on a phone, shows its column name beside the value (the NHS.UK responsive table). */
function Cell({ heading, children }: { heading: string; children: React.ReactNode }) {
  return (
    <td className="nhsuk-table__cell" role="cell">
      <span className="nhsuk-table__heading" aria-hidden="true">
        {heading}{" "}
      </span>
      <span>{children}</span>
    </td>
  );
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
      {rows.length === 0 ? (
        <p>No new requests.</p>
      ) : (
        <table className="nhsuk-table nhsuk-table--responsive" role="table">
          <caption className="nhsuk-table__caption">
            New requests <span className="nhsuk-body-s app-muted">({rows.length} in all)</span>
          </caption>
          <thead className="nhsuk-table__head" role="rowgroup">
            <tr className="nhsuk-table__row" role="row">
              {headings.map((h) => (
                <th key={h} scope="col" className="nhsuk-table__header" role="columnheader">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body" role="rowgroup">
            {rows.map((r) => (
              <tr key={r.id} className="nhsuk-table__row" role="row">
                <Cell heading={headings[0]}>
                  <Link to={`/triage/${r.id}`}>
                    {r.given_name} {r.family_name}
                  </Link>
                </Cell>
                <Cell heading={headings[1]}>
                  {r.district ?? "Not sure"}
                  {r.inArea ? (
                    <>
                      {" "}
                      <strong className="nhsuk-tag nhsuk-tag--blue">Your area</strong>
                    </>
                  ) : null}
                </Cell>
                <Cell heading={headings[2]}>
                  {r.topics.map((t) => selfReferralTopics[t as SelfReferralTopic] ?? t).join(", ") || "Not said"}
                </Cell>
                <Cell heading={headings[3]}>{formatDateTime(r.received_at)}</Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
