// One published table in the HTML report: its heading, what it counts, its chart, and the table itself (every chart
// has its table). Withheld tables say why in place of their figures.
import { formatCell, headingWithUnit, windowLabel } from "~/outcomes/ui/text";
import type { FigureTable } from "~/outcomes/model";
import { FigureChart } from "./FigureChart";

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `hideHeading`: the table is its section's only one and shares its title, so the section's heading names it. */
export function FigureTableView({ table, hideHeading = false }: { table: FigureTable; hideHeading?: boolean }) {
  return (
    <section
      className="cw-report-figure"
      aria-label={hideHeading ? table.title : undefined}
      aria-labelledby={hideHeading ? undefined : `fig-${table.id}`}
    >
      {hideHeading ? null : <h3 id={`fig-${table.id}`}>{table.title}</h3>}
      <p className="nhsuk-body-s cw-report-meta">
        {upperFirst(table.meta.population)}, counted by {table.meta.countsBy},{" "}
        {windowLabel(table.meta.from, table.meta.to)}.{table.meta.n !== null ? ` n = ${formatCell(table.meta.n)}.` : ""}
      </p>
      {table.withheld ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Not shown: {table.withheld}</p>
        </div>
      ) : (
        <>
          <FigureChart table={table} />
          {/* Scrolls sideways when wide: focusable and named, so keyboard users can scroll it too. */}
          <div className="cw-report-table" tabIndex={0} role="region" aria-label={`${table.title} (table)`}>
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{table.title}</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {table.columns.map((c, i) => (
                    <th
                      key={c.key}
                      scope="col"
                      className={`nhsuk-table__header${c.numeric && i > 0 ? " nhsuk-table__header--numeric" : ""}`}
                    >
                      {headingWithUnit(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {table.rows.map((row, r) => (
                  <tr key={r} className="nhsuk-table__row">
                    {row.map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row" className="nhsuk-table__header">
                          {formatCell(cell)}
                        </th>
                      ) : (
                        <td
                          key={i}
                          className={`nhsuk-table__cell${table.columns[i]?.numeric ? " nhsuk-table__cell--numeric" : ""}`}
                        >
                          {table.columns[i]?.numeric ? formatCell(cell) : formatCell(cell, table.columns[i])}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {table.note ? <p className="nhsuk-body-s">{table.note}</p> : null}
    </section>
  );
}
