import type { ReactNode } from "react";

/**
 * The NHS.UK summary list: a record's details as label and value pairs, one row each (`SummaryRow`). `noBorder`
 * drops the rows' dividing lines; `className` adds classes (spacing) to the list.
 */
export function SummaryList({
  children,
  noBorder = false,
  className,
}: {
  children: ReactNode;
  noBorder?: boolean;
  className?: string;
}) {
  const classes = ["nhsuk-summary-list", noBorder ? "nhsuk-summary-list--no-border" : null, className];
  return <dl className={classes.filter(Boolean).join(" ")}>{children}</dl>;
}

/**
 * One row of a `SummaryList`: `label`, the value (`children`, with `valueClassName` added to its cell), and an
 * optional `action` (a "Change" link).
 */
export function SummaryRow({
  label,
  children,
  action,
  valueClassName,
}: {
  label: ReactNode;
  children: ReactNode;
  action?: ReactNode;
  valueClassName?: string;
}) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className={valueClassName ? `nhsuk-summary-list__value ${valueClassName}` : "nhsuk-summary-list__value"}>
        {children}
      </dd>
      {action ? <dd className="nhsuk-summary-list__actions">{action}</dd> : null}
    </div>
  );
}
