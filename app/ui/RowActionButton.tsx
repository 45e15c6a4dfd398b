/**
 * The small secondary button that acts on one row of a table or list. `label` is what everyone reads; `about` follows
 * it for screen readers only, to say which row it acts on, and starts with its own separator (" on 3 March 2026").
 */
export function RowActionButton({ label, about, disabled }: { label: string; about: string; disabled?: boolean }) {
  return (
    <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit" disabled={disabled}>
      {label}
      <span className="nhsuk-u-visually-hidden">{about}</span>
    </button>
  );
}
