// The dashboard's filters: a plain GET form of select lists (fixed values only), so a view lives in the URL, can be
// bookmarked and shared, and works before JavaScript loads. Errors come from parseOutcomeFilters
// (app/outcomes/filters.ts) and are shown at the field, with the user's choices kept.
import { dimensionLabels, MAX_FILTERS } from "../dimensions";
import { formDimensions, type FilterErrors, type FormOptions } from "../filters";
import type { Period, PeriodKind } from "../model";
import { periodKindLabels } from "../periods";

interface Props {
  action: string;
  options: FormOptions;
  /** The periods that hold data, newest first within each kind. */
  periods: Period[];
  /** The values as the user chose them (kept on error). */
  values: Record<string, string | undefined>;
  errors?: FilterErrors;
}

const hints: Partial<Record<string, string>> = {
  imd: "Index of Multiple Deprivation 2019, by where the person lives",
  ethnicity: "The five high-level ONS 2021 groups",
};

function ErrorText({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {error}
    </span>
  );
}

/** The filter form. Field ids are the parameter names, so the error summary's links land on them. */
export function FilterForm({ action, options, periods, values, errors = {} }: Props) {
  const kinds: PeriodKind[] = ["last12", "year", "quarter", "month"];
  const periodKnown = periods.some((p) => p.key === values.period);
  return (
    <form method="get" action={action} className="app-filter-form" noValidate>
      <div className={`nhsuk-form-group${errors.filters ? " nhsuk-form-group--error" : ""}`}>
        <fieldset
          className="nhsuk-fieldset"
          id="filters"
          aria-describedby={`filters-hint${errors.filters ? " filters-error" : ""}`}
        >
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
            <h2 className="nhsuk-fieldset__heading">Choose what to show</h2>
          </legend>
          <div className="nhsuk-hint" id="filters-hint">
            A period and up to {MAX_FILTERS} other filters. Leave a filter on &ldquo;All&rdquo; to include everyone.
          </div>
          <ErrorText id="filters" error={errors.filters} />
          <div className="app-filter-grid">
            <div className={`nhsuk-form-group${errors.period ? " nhsuk-form-group--error" : ""}`}>
              <label className="nhsuk-label" htmlFor="period">
                Period
              </label>
              <ErrorText id="period" error={errors.period} />
              <select
                className={`nhsuk-select${errors.period ? " nhsuk-select--error" : ""}`}
                id="period"
                name="period"
                defaultValue={values.period ?? ""}
                aria-describedby={errors.period ? "period-error" : undefined}
              >
                {!periodKnown && values.period ? <option value={values.period}>{values.period}</option> : null}
                {kinds.map((kind) => {
                  const list = periods.filter((p) => p.kind === kind);
                  if (list.length === 0) return null;
                  return (
                    <optgroup key={kind} label={periodKindLabels[kind]}>
                      {list.map((p) => (
                        <option key={p.key} value={p.key}>
                          {p.label}
                        </option>
                      ))}
                    </optgroup>
                  );
                })}
              </select>
            </div>
            {formDimensions.map((d) => {
              const error = errors[d];
              const hint = hints[d];
              const value = values[d] ?? "";
              const known = value === "" || options[d].some((o) => o.value === value);
              const describedBy = [hint ? `${d}-hint` : null, error ? `${d}-error` : null].filter(Boolean).join(" ");
              return (
                <div key={d} className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
                  <label className="nhsuk-label" htmlFor={d}>
                    {dimensionLabels[d]}
                  </label>
                  {hint ? (
                    <div className="nhsuk-hint" id={`${d}-hint`}>
                      {hint}
                    </div>
                  ) : null}
                  <ErrorText id={d} error={error} />
                  <select
                    className={`nhsuk-select${error ? " nhsuk-select--error" : ""}`}
                    id={d}
                    name={d}
                    defaultValue={value}
                    aria-describedby={describedBy || undefined}
                  >
                    <option value="">All</option>
                    {/* An unknown value stays visible (and in error) rather than silently becoming "All". */}
                    {known ? null : <option value={value}>{value}</option>}
                    {options[d].map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" data-module="nhsuk-button">
          Show figures
        </button>
        <a className="nhsuk-link" href={action}>
          Clear filters
        </a>
      </div>
    </form>
  );
}
