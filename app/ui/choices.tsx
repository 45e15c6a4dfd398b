import type { ReactNode } from "react";
import { describedBy, ErrorMessage, Hint } from "./form";

// Choice fields in NHS.UK frontend markup: a fieldset with a legend, hint and error wired to aria-describedby.
// The first control carries the field's own id so the error summary's #field link lands on it.

interface FieldsetProps {
  /** The control's id: the first option's, which the error summary links to; hint and error ids derive from it. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  legendSize?: "s" | "m" | "l" | "xl";
  /** The legend is the page's heading (one question per page). */
  isPageHeading?: boolean;
  children: ReactNode;
}

function Fieldset({ id, legend, hint, error, legendSize = "s", isPageHeading, children }: FieldsetProps) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>
          {isPageHeading ? <h1 className="nhsuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        {children}
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
  /** Id of the first option when several groups with one name share a page; defaults to the name. */
  id?: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: Choice[];
  legendSize?: "s" | "m" | "l" | "xl";
  /** The smaller NHS.UK variant, for dense screens (a register, filters). */
  small?: boolean;
}

/** Options as checkboxes or radios; the first takes the group's id, the rest `${id}-2`, `${id}-3`… */
function Options({
  type,
  name,
  id,
  options,
  checked,
  small,
  inline,
  largeLabels,
}: {
  type: "checkbox" | "radio";
  name: string;
  id: string;
  options: Choice[];
  checked: (value: string) => boolean;
  small?: boolean;
  inline?: boolean;
  largeLabels?: boolean;
}) {
  const kind = type === "checkbox" ? "checkboxes" : "radios";
  return (
    <div className={`nhsuk-${kind}${small ? ` nhsuk-${kind}--small` : ""}${inline ? ` nhsuk-${kind}--inline` : ""}`}>
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${i + 1}`;
        return (
          <div className={`nhsuk-${kind}__item`} key={o.value}>
            <input
              className={`nhsuk-${kind}__input`}
              id={optionId}
              name={name}
              type={type}
              value={o.value}
              defaultChecked={checked(o.value)}
              aria-describedby={o.hint ? `${optionId}-hint` : undefined}
            />
            <label
              className={`nhsuk-label nhsuk-${kind}__label${largeLabels ? " nhsuk-u-font-size-24" : ""}`}
              htmlFor={optionId}
            >
              {o.label}
            </label>
            {o.hint ? (
              <div className={`nhsuk-hint nhsuk-${kind}__hint`} id={`${optionId}-hint`}>
                {o.hint}
              </div>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** Choices from a map of codes to labels. */
export const toOptions = (labels: Record<string | number, string>): Choice[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export function Checkboxes({
  name,
  id = name,
  legend,
  hint,
  error,
  options,
  selected = [],
  legendSize,
  small,
}: ChoicesProps & { selected?: string[] }) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} legendSize={legendSize}>
      <Options
        type="checkbox"
        name={name}
        id={id}
        options={options}
        checked={(v) => selected.includes(v)}
        small={small}
      />
    </Fieldset>
  );
}

interface RadiosProps extends ChoicesProps {
  value?: string;
  inline?: boolean;
  /** The legend is the page's heading (one question per page). */
  isPageHeading?: boolean;
  /** Larger option labels, for the person completing a questionnaire themselves. */
  largeLabels?: boolean;
}

export function Radios({
  name,
  id = name,
  legend,
  hint,
  error,
  options,
  value,
  inline,
  legendSize,
  small,
  isPageHeading,
  largeLabels,
}: RadiosProps) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} legendSize={legendSize} isPageHeading={isPageHeading}>
      <Options
        type="radio"
        name={name}
        id={id}
        options={options}
        checked={(v) => v === value}
        small={small}
        inline={inline}
        largeLabels={largeLabels}
      />
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
    <Fieldset id={name} legend={legend} hint={hint} error={error}>
      <div className="nhsuk-date-input">
        {parts.map((p, i) => {
          const id = i === 0 ? name : `${name}-${p.key.toLowerCase()}`;
          return (
            <div className="nhsuk-date-input__item" key={p.key}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={id}>
                  {p.label}
                </label>
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
    </Fieldset>
  );
}
