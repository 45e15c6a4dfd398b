// A set of NHS.UK radios in a fieldset, with hint and error wired to the legend. Kept with measures because
// questionnaire items need legend sizes and inline layouts the generic form fields do not offer.

import type { ReactNode } from "react";

export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
}

interface Props {
  name: string;
  legend: ReactNode;
  legendSize?: "s" | "m" | "l" | "xl";
  /** The legend is the page's heading (one question per page). */
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string;
  options: RadioOption[];
  defaultValue?: string;
  inline?: boolean;
  /** Id of the first radio; the error summary links here. Defaults to the name. */
  id?: string;
  /** Larger option labels, for the person completing a questionnaire themselves. */
  largeLabels?: boolean;
}

export function RadioGroup({ name, legend, legendSize = "s", isPageHeading, hint, error, options, defaultValue, inline, id, largeLabels }: Props) {
  const base = id ?? name;
  const describedBy = [hint ? `${base}-hint` : null, error ? `${base}-error` : null].filter(Boolean).join(" ") || undefined;
  const legendClass = `nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`;
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className={legendClass}>
          {isPageHeading ? <h1 className="nhsuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint ? <div className="nhsuk-hint" id={`${base}-hint`}>{hint}</div> : null}
        {error ? (
          <span className="nhsuk-error-message" id={`${base}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        <div className={`nhsuk-radios${inline ? " nhsuk-radios--inline" : ""}`}>
          {options.map((o, i) => {
            const optionId = i === 0 ? base : `${base}-${i + 1}`;
            return (
              <div className="nhsuk-radios__item" key={o.value}>
                <input
                  className="nhsuk-radios__input"
                  id={optionId}
                  name={name}
                  type="radio"
                  value={o.value}
                  defaultChecked={defaultValue === o.value}
                  aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                />
                <label className={`nhsuk-label nhsuk-radios__label${largeLabels ? " nhsuk-u-font-size-24" : ""}`} htmlFor={optionId}>{o.label}</label>
                {o.hint ? <div className="nhsuk-hint nhsuk-radios__hint" id={`${optionId}-hint`}>{o.hint}</div> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
