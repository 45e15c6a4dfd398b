import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { viewOutcomes } from "~/outcomes/view.server";
import { asOfLabel, formatCell, periodLabel } from "~/outcomes/ui/text";

export const meta: MetaFunction = () => [{ title: "Outcomes – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "outcomes:view");
  return viewOutcomes(actorOf(guard), new URL(request.url).searchParams);
}

export default function Outcomes() {
  const view = useLoaderData<typeof loader>();
  if (!view.ok) {
    return (
      <>
        <h1>Outcomes</h1>
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title">There is a problem with the filters</h2>
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {Object.entries(view.errors).map(([field, message]) => (
              <li key={field}>{message}</li>
            ))}
          </ul>
        </div>
      </>
    );
  }
  const { figures } = view;
  return (
    <>
      <h1>Outcomes</h1>
      <p className="nhsuk-lede-text">{periodLabel(figures.period)}</p>
      <p className="nhsuk-body-s">{asOfLabel(figures.asOf)}</p>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          <strong>{figures.rule.name}.</strong> {figures.rule.description}
        </p>
      </div>
      {figures.withheld ? <p className="nhsuk-body">{figures.withheld}</p> : null}
      {figures.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>{section.title}</h2>
          {section.tables.map((t) => (
            <div key={t.id} id={t.id}>
              {t.withheld ? (
                <>
                  <h3>{t.title}</h3>
                  <p>{t.withheld}</p>
                </>
              ) : (
                <table className="nhsuk-table">
                  <caption className="nhsuk-table__caption">{t.title}</caption>
                  <thead className="nhsuk-table__head">
                    <tr className="nhsuk-table__row">
                      {t.columns.map((c) => (
                        <th
                          key={c.key}
                          scope="col"
                          className={`nhsuk-table__header${c.numeric ? " nhsuk-table__header--numeric" : ""}`}
                        >
                          {c.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="nhsuk-table__body">
                    {t.rows.map((row, i) => (
                      <tr key={i} className="nhsuk-table__row">
                        {row.map((value, j) => (
                          <td
                            key={t.columns[j]?.key ?? j}
                            className={`nhsuk-table__cell${t.columns[j]?.numeric ? " nhsuk-table__cell--numeric" : ""}`}
                          >
                            {formatCell(value, t.columns[j])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {t.note ? <p className="nhsuk-body-s">{t.note}</p> : null}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
