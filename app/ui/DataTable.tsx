import { Link, useLocation } from "@remix-run/react";
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { Pagination } from "./Pagination";

interface Props<T> {
  caption: string;
  columns: ColumnDef<T, any>[];
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  sort: string;
  dir: "asc" | "desc";
  /** Column ids the server can sort by. */
  sortable: readonly string[];
  empty?: string;
  /**
   * On narrow screens, show each row as a card with its column names (sorting is then by the URL only). On by
   * default: a data table must never make a phone scroll sideways; pass false only for a table that fits.
   */
  responsive?: boolean;
}

// Server-side sorting and paging: the table renders one page that the loader chose from URL state.
// Sort headers and page links are plain links, so the table works before JavaScript loads.
export function DataTable<T>({
  caption,
  columns,
  rows,
  total,
  page,
  pageSize,
  sort,
  dir,
  sortable,
  empty,
  responsive = true,
}: Props<T>) {
  const location = useLocation();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    pageCount,
    state: { sorting: [{ id: sort, desc: dir === "desc" }], pagination: { pageIndex: page - 1, pageSize } },
  });

  const hrefWith = (changes: Record<string, string>) => {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) params.set(k, v);
    return `${location.pathname}?${params}`;
  };

  // NHS.UK responsive tables lose table semantics in CSS on small screens, so the roles are restated.
  const role = (r: string) => (responsive ? r : undefined);

  return (
    <>
      <table className={`nhsuk-table${responsive ? " nhsuk-table--responsive" : ""}`} role={role("table")}>
        <caption className="nhsuk-table__caption">
          {caption} <span className="nhsuk-body-s app-muted">({total} in all)</span>
        </caption>
        <thead className="nhsuk-table__head" role={role("rowgroup")}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="nhsuk-table__row" role={role("row")}>
              {group.headers.map((header) => {
                const id = header.column.id;
                const active = sort === id;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className="nhsuk-table__header"
                    role={role("columnheader")}
                    aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    {sortable.includes(id) ? (
                      <Link
                        className="app-sort-link"
                        to={hrefWith({ sort: id, dir: active && dir === "asc" ? "desc" : "asc", page: "1" })}
                      >
                        {label}
                        <span aria-hidden="true">{active ? (dir === "asc" ? " ▲" : " ▼") : ""}</span>
                      </Link>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="nhsuk-table__body" role={role("rowgroup")}>
          {table.getRowModel().rows.length === 0 ? (
            <tr className="nhsuk-table__row" role={role("row")}>
              <td className="nhsuk-table__cell" role={role("cell")} colSpan={responsive ? undefined : columns.length}>
                {empty ?? "Nothing to show."}
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="nhsuk-table__row" role={role("row")}>
                {row.getVisibleCells().map((cell) => {
                  const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                  const heading = cell.column.columnDef.header;
                  return (
                    <td key={cell.id} className="nhsuk-table__cell" role={role("cell")}>
                      {responsive && typeof heading === "string" ? (
                        <>
                          <span className="nhsuk-table__heading" aria-hidden="true">
                            {heading}{" "}
                          </span>
                          <span>{content}</span>
                        </>
                      ) : (
                        content
                      )}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
      <Pagination page={page} pageCount={pageCount} href={(n) => hrefWith({ page: String(n) })} />
    </>
  );
}
