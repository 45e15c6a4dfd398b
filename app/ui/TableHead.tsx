import type { ReactNode } from "react";

/**
 * An NHS.UK table's header row: one column heading (`scope="col"`) per entry, in order. A heading may be markup, such
 * as a visually hidden "Action" over a column of links. `responsive`: the table stacks into cards on a phone
 * (`nhsuk-table--responsive`), whose CSS drops table semantics, so the roles are restated.
 */
export function TableHead({ headings, responsive = false }: { headings: ReactNode[]; responsive?: boolean }) {
  return (
    <thead className="nhsuk-table__head" role={responsive ? "rowgroup" : undefined}>
      <tr className="nhsuk-table__row" role={responsive ? "row" : undefined}>
        {headings.map((heading, i) => (
          <th key={i} scope="col" className="nhsuk-table__header" role={responsive ? "columnheader" : undefined}>
            {heading}
          </th>
        ))}
      </tr>
    </thead>
  );
}
