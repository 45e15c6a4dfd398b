import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { roleLabels } from "~/auth/roles";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { breakGlassReviewSchema } from "~/people/care-team";
import { listBreakGlass, markBreakGlassReviewed, type BreakGlassFilter } from "~/care-team/break-glass.server";
import { ErrorSummary } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { labelOf } from "~/labels";
import { NoticeBanner, noticeFrom } from "~/ui/Notice";
import { TableHead } from "~/ui/Table";
import { RowActionButton } from "~/ui/RowActionButton";

export const meta: MetaFunction = () => [{ title: "Break-glass access to review – Connect Well" }];

// Administrators review every break-glass access (docs/decisions/0801): who joined whose care team, when and why.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "audit:read");
  const filter: BreakGlassFilter = new URL(request.url).searchParams.get("show") === "all" ? "all" : "unreviewed";
  return {
    filter,
    notice: noticeFrom(request, { reviewed: "Marked as reviewed." }),
    rows: (await listBreakGlass(context.db, actorOf(guard), filter)).map((r) => ({
      ...r,
      userRole: labelOf(roleLabels, r.userRole),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "audit:read");
  const parsed = await readForm(request, breakGlassReviewSchema);
  if (!parsed.ok) return reply(parsed);
  return attempt(parsed, async () => {
    await markBreakGlassReviewed(context.db, { ...actorOf(guard), userId: guard.user.id }, parsed.data.id);
    return redirect("/admin/break-glass?reviewed=1");
  });
}

export default function BreakGlassReview() {
  const { rows, filter, notice } = useLoaderData<typeof loader>();
  const { errors, busy } = useFormReply<typeof action>();
  return (
    <>
      <ErrorSummary errors={errors} />
      <NoticeBanner notice={notice} />
      <h1>Break-glass access</h1>
      <p>
        Staff who joined a person’s care team by breaking glass, newest first, with the reason they gave. Check each
        reason is a legitimate one; if it is not, follow it up with the member of staff and their manager.
      </p>
      <p>
        {filter === "all" ? (
          <Link to="/admin/break-glass">Show only those not yet reviewed</Link>
        ) : (
          <Link to="/admin/break-glass?show=all">Show all, including reviewed</Link>
        )}
      </p>
      {rows.length === 0 ? (
        <p>{filter === "all" ? "No one has broken glass." : "Every break-glass access has been reviewed."}</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">
            {filter === "all" ? "All break-glass access" : "Break-glass access not yet reviewed"}
          </caption>
          <TableHead headings={["When", "Who", "Person", "Reason", "Review"]} />
          <tbody className="nhsuk-table__body">
            {rows.map((r) => (
              <tr key={r.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">{formatDateTime(r.occurredAt)}</td>
                <td className="nhsuk-table__cell">
                  {r.userName}
                  <br />
                  <span className="nhsuk-body-s app-muted">{r.userRole}</span>
                </td>
                <td className="nhsuk-table__cell">{r.personName}</td>
                <td className="nhsuk-table__cell">{r.reason}</td>
                <td className="nhsuk-table__cell">
                  {r.reviewedAt ? (
                    <>
                      Reviewed {formatDateTime(r.reviewedAt)}
                      {r.reviewerName ? ` by ${r.reviewerName}` : ""}
                    </>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="id" value={r.id} />
                      <RowActionButton
                        label="Mark reviewed"
                        about={`: ${r.userName}, ${r.personName}, ${formatDateTime(r.occurredAt)}`}
                        disabled={busy}
                      />
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
