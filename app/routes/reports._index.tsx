import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import { reportList } from "~/reports/access.server";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Outcome reports – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "reports:view");
  const reports = await reportList(context.db, guard);
  return {
    manages: can(guard.user.role, "reports:manage"),
    costs: can(guard.user.role, "reports:costs"),
    reports: reports.map((r) => ({
      id: r.id,
      title: r.title,
      scope: r.scope.label,
      periodKey: r.periodKey,
      generatedAt: r.generatedAt.toISOString(),
      generatedBy: r.generatedBy.name,
    })),
  };
}

export default function Reports() {
  const { manages, costs, reports } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Outcome reports</h1>
      <p className="nhsuk-lede-text">
        {manages
          ? "Every report generated, newest first. Open one to read it, download its PDF or share it with commissioners."
          : "Reports shared with you, newest first. Each can be read here or downloaded as a PDF."}
      </p>
      {manages ? (
        <p>
          <Link className="nhsuk-button" to="/reports/new">
            Generate a report
          </Link>
        </p>
      ) : null}
      {reports.length === 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            {manages
              ? "No reports have been generated yet."
              : "No reports have been shared with you yet. The public health team shares each report when it is ready."}
          </p>
        </div>
      ) : (
        <table className="nhsuk-table-responsive">
          <caption className="nhsuk-table__caption">{manages ? "Reports" : "Reports shared with you"}</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Report</th>
              <th scope="col">Covers</th>
              <th scope="col">Generated</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {reports.map((r) => (
              <tr key={r.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Report{" "}
                  </span>
                  <Link to={`/reports/${r.id}`}>{r.title}</Link>
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Covers{" "}
                  </span>
                  {r.scope}
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Generated{" "}
                  </span>
                  {formatDateTime(r.generatedAt)} by {r.generatedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Check a copy</h2>
      <p>
        Someone sent you a report? <Link to="/reports/check">Check that a copy is one of ours and unaltered</Link>.
      </p>
      {costs ? (
        <p>
          <Link to="/admin/costs">Service costs</Link>: the figures value for money is worked out from.
        </p>
      ) : null}
    </>
  );
}
