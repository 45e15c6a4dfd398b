import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import { listSuspectedDuplicates } from "~/person-record/merge.server";
import { breakGlassPath } from "~/people/care-team";
import { formatIsoDate } from "~/ui/format";
import { NoticeBanner, noticeFrom } from "~/ui/Notice";
import { StackedCell, TableHead } from "~/ui/Table";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Possible duplicate records – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "people:merge");
  const pairs = await listSuspectedDuplicates(context.db, actorOf(guard));
  return {
    notice: noticeFrom(request, { merged: "The records have been merged." }),
    canRead: can(guard.user.role, "people:read"),
    pairs: pairs.map((p) => ({
      aId: p.a_id,
      aName: p.a_name,
      aPath: p.a_on_care_team ? `/people/${p.a_id}` : breakGlassPath(p.a_id),
      bId: p.b_id,
      bName: p.b_name,
      bPath: p.b_on_care_team ? `/people/${p.b_id}` : breakGlassPath(p.b_id),
      dateOfBirth: p.date_of_birth,
      sameName: p.a_name.toLowerCase() === p.b_name.toLowerCase(),
    })),
  };
}

const headings = ["First record", "Second record", "Date of birth", "Names"];

export default function Duplicates() {
  const { pairs, notice, canRead } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading
        back={canRead ? { to: "/people", text: "Back to people" } : null}
        notice={<NoticeBanner notice={notice} />}
      >
        Possible duplicate records
      </PageHeading>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p className="nhsuk-lede-text">
            Pairs of records with the same date of birth and a similar name. Compare each pair before merging: two
            people can share a birthday and a family name.
          </p>
        </div>
      </div>
      {pairs.length === 0 ? (
        <p>No possible duplicates found.</p>
      ) : (
        <table className="nhsuk-table nhsuk-table--responsive" role="table">
          <caption className="nhsuk-table__caption">
            Pairs to check{" "}
            <span className="nhsuk-body-s app-muted">({pairs.length === 1 ? "1 pair" : `${pairs.length} pairs`})</span>
          </caption>
          <TableHead headings={headings} responsive hiddenLast="Action" />
          <tbody className="nhsuk-table__body" role="rowgroup">
            {pairs.map((p) => (
              <tr key={`${p.aId}:${p.bId}`} className="nhsuk-table__row" role="row">
                <StackedCell heading={headings[0]}>
                  {canRead ? <Link to={p.aPath}>{p.aName}</Link> : p.aName}
                </StackedCell>
                <StackedCell heading={headings[1]}>
                  {canRead ? <Link to={p.bPath}>{p.bName}</Link> : p.bName}
                </StackedCell>
                <StackedCell heading={headings[2]}>{formatIsoDate(p.dateOfBirth)}</StackedCell>
                <StackedCell heading={headings[3]}>{p.sameName ? "The same" : "Similar"}</StackedCell>
                <td className="nhsuk-table__cell" role="cell">
                  <Link to={`/people/merge?a=${p.aId}&b=${p.bId}`}>
                    Compare
                    <span className="nhsuk-u-visually-hidden">
                      {" "}
                      {p.aName} and {p.bName}
                    </span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
