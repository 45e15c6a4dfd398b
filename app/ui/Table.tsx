import type { ReactNode } from "react";
import { StackedHeading } from "~/ui/StackedHeading";

/**
 * The header row of an NHS.UK table, one column header (`scope="col"`) per heading, in order; a heading may be
 * markup, such as a visually hidden "Action" over a column of links. `responsive`: the table is
 * `nhsuk-table--responsive`, whose stacking CSS removes table semantics on a narrow screen, so the roles are
 * restated. `hiddenLast`: a last column (a button or link on each row) named for assistive technology only.
 */
export function TableHead({
  headings,
  responsive = false,
  hiddenLast,
}: {
  headings: readonly ReactNode[];
  responsive?: boolean;
  hiddenLast?: string;
}) {
  const role = (r: string) => (responsive ? r : undefined);
  return (
    <thead className="nhsuk-table__head" role={role("rowgroup")}>
      <tr className="nhsuk-table__row" role={role("row")}>
        {headings.map((h, i) => (
          <th key={i} scope="col" className="nhsuk-table__header" role={role("columnheader")}>
            {h}
          </th>
        ))}
        {hiddenLast ? (
          <th scope="col" className="nhsuk-table__header" role={role("columnheader")}>
            <span className="nhsuk-u-visually-hidden">{hiddenLast}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}

/** A cell of a responsive table that, on a phone, shows its column name beside the value. */
export function StackedCell({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <td className="nhsuk-table__cell" role="cell">
      <StackedHeading>{heading}</StackedHeading>
      <span>{children}</span>
    </td>
  );
}
