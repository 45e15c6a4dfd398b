// One published table as the page shows it: heading, meta line, chart (when it has one), the table (or why it is
// withheld) and a link to download it as CSV. It prints what it is given: every value has already passed
// disclosure control. Shared by the dashboard and the HTML report.
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useMemo } from "react";
import type { Cell, FigureTable } from "../model";
import { FigureChart } from "./FigureChart";
import { formatCell, metaItems } from "./text";

type Row = Cell[];

/** A published value, with "*" said as "suppressed" to screen readers. */
function CellText({ cell, unit }: { cell: Cell; unit?: string }) {
  if (cell === "*")
    return (
      <>
        <span aria-hidden="true">*</span>
        <span className="nhsuk-u-visually-hidden">suppressed</span>
      </>
    );
  if (cell === null)
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="nhsuk-u-visually-hidden">not applicable</span>
      </>
    );
  return <>{formatCell(cell, { unit })}</>;
}

/** The meta line: window, counts by, population, n. */
function FigureMetaLine({ table }: { table: FigureTable }) {
  return (
    <dl className="app-figure-meta nhsuk-body-s">
      {metaItems(table.meta).map(([label, value]) => (
        <div key={label} className="app-figure-meta__item">
          <dt>{label}</dt>
          <dd>
            <CellText cell={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

interface Props {
  table: FigureTable;
  /** The CSV link for this table, or none (the HTML report has no downloads). */
  csvHref?: string;
  /** The heading level of the table's title within its section. */
  headingLevel?: 3 | 4;
  /** The section's own heading already names the table (its only one): keep the title for screen readers only. */
  hideTitle?: boolean;
}

/** Tables with more columns than this stack into one card per row on narrow screens; narrower ones fit as they are. */
const STACK_ABOVE_COLUMNS = 3;

/**
 * A table of published figures. Tables of more than three columns reflow to one card per row on narrow screens
 * (NHS.UK responsive table, with the table roles restated because its CSS removes them); narrower tables fit a
 * phone as they are. The first column heads each row; numeric columns are right-aligned. A chart, when the table
 * has one and is not withheld, is drawn above it.
 */
export function FigureTableView({ table, csvHref, headingLevel = 3, hideTitle = false }: Props) {
  const Heading = `h${headingLevel}` as const;
  const tableId = `table-${table.id}`;
  const columns = useMemo<ColumnDef<Row>[]>(
    () =>
      table.columns.map((c, i) => ({
        id: c.key,
        header: c.label,
        accessorFn: (row: Row) => row[i] ?? null,
        cell: (ctx) => <CellText cell={ctx.getValue() as Cell} unit={c.unit} />,
        meta: { numeric: c.numeric },
      })),
    [table.columns],
  );
  const reactTable = useReactTable({ data: table.rows, columns, getCoreRowModel: getCoreRowModel() });
  const showChart = Boolean(table.chart) && !table.withheld && table.rows.length > 0;
  const stack = table.columns.length > STACK_ABOVE_COLUMNS;
  const role = (r: string) => (stack ? r : undefined);

  return (
    // A plain block, not a landmark: a page of forty tables would otherwise list forty regions.
    <div className="app-figure" id={table.id}>
      <Heading
        className={hideTitle ? "nhsuk-u-visually-hidden" : "nhsuk-heading-s nhsuk-u-margin-bottom-2"}
        id={`${table.id}-title`}
      >
        {table.title}
      </Heading>
      <FigureMetaLine table={table} />
      {table.withheld ? (
        <div className="nhsuk-inset-text app-figure-withheld">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{table.withheld}</p>
        </div>
      ) : (
        <>
          {showChart ? <FigureChart table={table} tableId={tableId} /> : null}
          <table
            className={`nhsuk-table app-figure-table${stack ? " nhsuk-table--responsive" : ""}`}
            role={role("table")}
            id={tableId}
          >
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{table.title}</caption>
            <thead className="nhsuk-table__head" role={role("rowgroup")}>
              {reactTable.getHeaderGroups().map((group) => (
                <tr key={group.id} className="nhsuk-table__row" role={role("row")}>
                  {group.headers.map((header) => {
                    const numeric = (header.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        role={role("columnheader")}
                        className={`nhsuk-table__header${numeric ? " nhsuk-table__header--numeric" : ""}`}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="nhsuk-table__body" role={role("rowgroup")}>
              {reactTable.getRowModel().rows.length === 0 ? (
                <tr className="nhsuk-table__row" role={role("row")}>
                  <td className="nhsuk-table__cell" role={role("cell")}>
                    Nothing to show for this view.
                  </td>
                </tr>
              ) : (
                reactTable.getRowModel().rows.map((row) => (
                  <tr key={row.id} className="nhsuk-table__row" role={role("row")}>
                    {row.getVisibleCells().map((cell, i) => {
                      const numeric = (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                      const heading = cell.column.columnDef.header as string;
                      const content = (
                        <>
                          {stack ? (
                            <span className="nhsuk-table__heading" aria-hidden="true">
                              {heading}{" "}
                            </span>
                          ) : null}
                          <span className="app-figure-table__value">
                            {flexRender(cell.column.columnDef.cell, cell.getContext())}
                          </span>
                        </>
                      );
                      return i === 0 ? (
                        <th
                          key={cell.id}
                          scope="row"
                          role={role("rowheader")}
                          className="nhsuk-table__cell app-figure-table__row-heading"
                        >
                          {content}
                        </th>
                      ) : (
                        <td
                          key={cell.id}
                          role={role("cell")}
                          className={`nhsuk-table__cell${numeric ? " nhsuk-table__cell--numeric" : ""}`}
                        >
                          {content}
                        </td>
                      );
                    })}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </>
      )}
      {table.note ? <p className="nhsuk-body-s app-muted">{table.note}</p> : null}
      {csvHref ? (
        <p className="nhsuk-body-s app-figure-download">
          <a href={csvHref} download>
            Download CSV<span className="nhsuk-u-visually-hidden">: {table.title}</span>
          </a>
        </p>
      ) : null}
    </div>
  );
}
