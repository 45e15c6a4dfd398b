import { Link } from "@remix-run/react";
import { selfReferralTopics } from "~/referrals/self-referral";
import { formatDateTime } from "~/ui/format";
import { labelsOf } from "~/labels";
import { StackedCell, TableHead } from "~/ui/Table";

export interface QueueRow {
  id: string;
  given_name: string;
  family_name: string;
  district: string | null;
  topics: string[];
  received_at: string;
  inArea: boolean;
}

const headings = ["Name", "Area", "Wants to talk about", "Received"];

/**
 * The self-referral queue as a table. `openable`: names link to the request (the coordinator's own queue); the
 * administrators' all-areas view is read-only, so its names are plain text.
 */
export function TriageQueueTable({ rows, openable }: { rows: QueueRow[]; openable: boolean }) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption">
        New requests <span className="nhsuk-body-s app-muted">({rows.length} in all)</span>
      </caption>
      <TableHead headings={headings} responsive />
      <tbody className="nhsuk-table__body" role="rowgroup">
        {rows.map((r) => (
          <tr key={r.id} className="nhsuk-table__row" role="row">
            <StackedCell heading={headings[0]}>
              {openable ? (
                <Link to={`/triage/${r.id}`}>
                  {r.given_name} {r.family_name}
                </Link>
              ) : (
                `${r.given_name} ${r.family_name}`
              )}
            </StackedCell>
            <StackedCell heading={headings[1]}>
              {r.district ?? "Not sure"}
              {r.inArea ? (
                <>
                  {" "}
                  <strong className="nhsuk-tag nhsuk-tag--blue">Your area</strong>
                </>
              ) : null}
            </StackedCell>
            <StackedCell heading={headings[2]}>
              {labelsOf(selfReferralTopics, r.topics).join(", ") || "Not said"}
            </StackedCell>
            <StackedCell heading={headings[3]}>{formatDateTime(r.received_at)}</StackedCell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
