import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { TableState } from "~/ui/table-state";

/**
 * The filters above a `DataTable`: a GET form, so a filtered view is a link like any other, carrying the table's
 * sort so that filtering keeps the order (and starts again at the first page). `children` are the filter fields.
 */
export function TableFilters({
  state,
  children,
}: {
  state: Pick<TableState<string>, "sort" | "dir">;
  children: ReactNode;
}) {
  return (
    <Form method="get" className="app-table-controls">
      {children}
      <input type="hidden" name="sort" value={state.sort} />
      <input type="hidden" name="dir" value={state.dir} />
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
        Filter
      </button>
    </Form>
  );
}
