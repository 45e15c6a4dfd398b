import type { ReactNode } from "react";

/**
 * The column name a cell of an NHS.UK responsive table (`nhsuk-table--responsive`) shows before its value when the
 * table stacks into one card per row on a narrow screen; hidden from assistive technology, which reads the real
 * column header (such tables restate their roles, since the stacking CSS removes table semantics).
 */
export function StackedHeading({ children }: { children: ReactNode }) {
  return (
    <span className="nhsuk-table__heading" aria-hidden="true">
      {children}{" "}
    </span>
  );
}
