import { Children, type ReactNode } from "react";

/** What a summary row says when it has no value: a blank cell reads as a page fault, not as nothing recorded. */
const NOT_GIVEN = "Not given";

/**
 * True when `value` would render no text: null, undefined, a boolean, a blank string, or a list (or fragment-less
 * array) of only such values. An element (a link, a tag) always counts as a value.
 */
function isEmptyValue(value: ReactNode): boolean {
  if (value === null || value === undefined || typeof value === "boolean") return true;
  if (typeof value === "string") return value.trim() === "";
  if (typeof value === "number" || typeof value === "bigint") return false;
  if (Array.isArray(value)) return Children.toArray(value).every((v) => isEmptyValue(v as ReactNode));
  return false;
}

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
 * optional `action` (a "Change" link). A value that renders no text (null, a blank string, an empty list joined to
 * "") shows `empty` instead, "Not given" unless the row words it otherwise, so no summary row is ever blank.
 */
export function SummaryRow({
  label,
  children,
  action,
  valueClassName,
  empty = NOT_GIVEN,
}: {
  label: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  valueClassName?: string;
  empty?: string;
}) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className={valueClassName ? `nhsuk-summary-list__value ${valueClassName}` : "nhsuk-summary-list__value"}>
        {isEmptyValue(children) ? empty : children}
      </dd>
      {action ? <dd className="nhsuk-summary-list__actions">{action}</dd> : null}
    </div>
  );
}
