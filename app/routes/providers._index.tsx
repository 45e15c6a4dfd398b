import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { providerKinds } from "~/directory/options";
import { listProviders } from "~/directory/providers.server";
import { leadsOnlyOwn } from "~/directory/scope.server";
import { labelOf } from "~/labels";
import { TableHead } from "~/ui/Table";

export const meta: MetaFunction = () => [{ title: "Providers – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const own = leadsOnlyOwn(guard);
  const rows = await listProviders(context.db, own ? guard.user.id : null);
  return {
    canAdd: !own,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: labelOf(providerKinds, r.kind),
      activities: Number(r.activities ?? 0),
    })),
  };
}

export default function Providers() {
  const { rows, canAdd } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Providers</h1>
      <p className="nhsuk-lede-text">The organisations in the directory and their activities.</p>
      {canAdd ? (
        <p>
          <Link className="nhsuk-button nhsuk-u-margin-right-3" to="/providers/new">
            Add a provider
          </Link>
          <Link className="nhsuk-button nhsuk-button--secondary" to="/activities/new">
            Add an activity
          </Link>
        </p>
      ) : null}
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">
          Providers <span className="nhsuk-body-s">({rows.length} in all)</span>
        </caption>
        <TableHead headings={["Name", "Kind", "Activities"]} />
        <tbody className="nhsuk-table__body">
          {rows.map((r) => (
            <tr key={r.id} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">
                <Link to={`/providers/${r.id}`}>{r.name}</Link>
              </td>
              <td className="nhsuk-table__cell">{r.kind}</td>
              <td className="nhsuk-table__cell">{r.activities}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
