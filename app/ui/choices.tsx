import type { ReactNode } from "react";

// Choice fields in NHS.UK frontend markup: a fieldset with a legend, hint and error wired to aria-describedby.
// The first control carries the field's own id so the error summary's #field link lands on it.

interface FieldsetProps {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  legendSize?: "s" | "m" | "l";
  children: (describedBy: string | undefined) => ReactNode;
}

function Fieldset({ name, legend, hint, error, legendSize = "s", children }: FieldsetProps) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        {hint ? <div className="nhsuk-hint" id={`${name}-hint`}>{hint}</div> : null}
        {error ? (
          <span className="nhsuk-error-message" id={`${name}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        {children(describedBy)}
      </fieldset>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

interface ChoicesProps {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: Choice[];
  legendSize?: "s" | "m" | "l";
}

export function Checkboxes({ name, legend, hint, error, options, selected = [], legendSize }: ChoicesProps & { selected?: string[] }) {
  return (
    <Fieldset name={name} legend={legend} hint={hint} error={error} legendSize={legendSize}>
      {() => (
        <div className="nhsuk-checkboxes">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div className="nhsuk-checkboxes__item" key={o.value}>
                <input className="nhsuk-checkboxes__input" id={id} name={name} type="checkbox" value={o.value} defaultChecked={selected.includes(o.value)} aria-describedby={o.hint ? `${id}-hint` : undefined} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>{o.label}</label>
                {o.hint ? <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${id}-hint`}>{o.hint}</div> : null}
              </div>
            );
          })}
        </div>
      )}
    </Fieldset>
  );
}

export function Radios({ name, legend, hint, error, options, value, inline, legendSize }: ChoicesProps & { value?: string; inline?: boolean }) {
  return (
    <Fieldset name={name} legend={legend} hint={hint} error={error} legendSize={legendSize}>
      {() => (
        <div className={`nhsuk-radios${inline ? " nhsuk-radios--inline" : ""}`}>
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div className="nhsuk-radios__item" key={o.value}>
                <input className="nhsuk-radios__input" id={id} name={name} type="radio" value={o.value} defaultChecked={value === o.value} aria-describedby={o.hint ? `${id}-hint` : undefined} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>{o.label}</label>
                {o.hint ? <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-hint`}>{o.hint}</div> : null}
              </div>
            );
          })}
        </div>
      )}
    </Fieldset>
  );
}

interface DateInputProps {
  /** Field name for errors; the parts post as `${name}Day`, `${name}Month`, `${name}Year`. */
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  value?: { day?: string; month?: string; year?: string };
  autoCompleteBirthday?: boolean;
}

export function DateInput({ name, legend, hint, error, value = {}, autoCompleteBirthday }: DateInputProps) {
  const parts = [
    { key: "Day", label: "Day", width: 2, v: value.day, ac: "bday-day" },
    { key: "Month", label: "Month", width: 2, v: value.month, ac: "bday-month" },
    { key: "Year", label: "Year", width: 4, v: value.year, ac: "bday-year" },
  ];
  return (
    <Fieldset name={name} legend={legend} hint={hint} error={error}>
      {() => (
        <div className="nhsuk-date-input">
          {parts.map((p, i) => {
            const id = i === 0 ? name : `${name}-${p.key.toLowerCase()}`;
            return (
              <div className="nhsuk-date-input__item" key={p.key}>
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={id}>{p.label}</label>
                  <input
                    className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${p.width}${error ? " nhsuk-input--error" : ""}`}
                    id={id}
                    name={`${name}${p.key}`}
                    type="text"
                    inputMode="numeric"
                    defaultValue={p.v}
                    autoComplete={autoCompleteBirthday ? p.ac : "off"}
                  />
                </div>
              </div>
            );
          })}
        </div>
      )}
    </Fieldset>
  );
}

interface GroupedSelectProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  placeholder: string;
  groups: { label: string; options: { value: string; label: string }[] }[];
  extra?: { value: string; label: string }[];
}

/** A select with option groups (ethnicity: five groups, nineteen categories). */
export function GroupedSelect({ name, label, hint, error, defaultValue, placeholder, groups, extra = [] }: GroupedSelectProps) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={name}>{label}</label>
      {hint ? <div className="nhsuk-hint" id={`${name}-hint`}>{hint}</div> : null}
      {error ? (
        <span className="nhsuk-error-message" id={`${name}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      <select className={`nhsuk-select${error ? " nhsuk-select--error" : ""}`} id={name} name={name} defaultValue={defaultValue ?? ""} aria-describedby={describedBy}>
        <option value="">{placeholder}</option>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ))}
        {extra.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}
