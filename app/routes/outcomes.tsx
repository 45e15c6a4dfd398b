import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "@db/index";
import { audit } from "~/audit/audit.server";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { showValue, SUPPRESSION_RULE } from "~/outcomes/disclosure";
import { reachByDistrict } from "~/outcomes/reach.server";

export const meta: MetaFunction = () => [{ title: "Outcomes – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "outcomes:view");
  const reach = await reachByDistrict(12);
  await audit(await getDb(), actorOf(guard), {
    action: "outcomes.view",
    details: { panel: "reach-by-district", months: 12 },
  });
  return { reach };
}

export default function Outcomes() {
  const { reach } = useLoaderData<typeof loader>();
  const rows = [...reach.rows, reach.total];
  return (
    <>
      <h1>Outcomes</h1>
      <p className="nhsuk-lede-text">
        Reach and engagement across Leicester, Leicestershire and Rutland in the last 12 months.
      </p>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>{SUPPRESSION_RULE}</p>
      </div>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Reach by district, last 12 months</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              District
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              People referred
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Referrals
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Led to attendance
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              % attended
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((r) => (
            <tr key={r.district} className="nhsuk-table__row">
              <th scope="row" className="nhsuk-table__header">
                {r.district}
              </th>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{showValue(r.people)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{showValue(r.referrals)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{showValue(r.attended)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{showValue(r.attendedPercent, "%")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
