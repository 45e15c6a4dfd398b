// Checkbox and radio groups in NHS.UK style, for directory and attendance forms (fieldset + legend, error wiring).
interface Option {
  value: string;
  label: string;
  hint?: string;
}

interface GroupProps {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: Option[];
  small?: boolean;
  inline?: boolean;
  legendSize?: "s" | "m";
  /** id prefix when several groups share a page (defaults to the name). */
  idPrefix?: string;
}

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function Checkboxes({ name, legend, hint, error, options, selected = [], small, legendSize = "s" }: GroupProps & { selected?: string[] }) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        {hint ? <div className="nhsuk-hint" id={`${name}-hint`}>{hint}</div> : null}
        {error ? <span className="nhsuk-error-message" id={`${name}-error`}><span className="nhsuk-u-visually-hidden">Error:</span> {error}</span> : null}
        <div className={`nhsuk-checkboxes${small ? " nhsuk-checkboxes--small" : ""}`} id={name}>
          {options.map((o) => (
            <div className="nhsuk-checkboxes__item" key={o.value}>
              <input className="nhsuk-checkboxes__input" id={`${name}-${o.value}`} name={name} type="checkbox" value={o.value} defaultChecked={selected.includes(o.value)} />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${name}-${o.value}`}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function Radios({ name, legend, hint, error, options, selected, small, inline, legendSize = "s", idPrefix }: GroupProps & { selected?: string }) {
  const id = idPrefix ?? name;
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        {hint ? <div className="nhsuk-hint" id={`${id}-hint`}>{hint}</div> : null}
        {error ? <span className="nhsuk-error-message" id={`${id}-error`}><span className="nhsuk-u-visually-hidden">Error:</span> {error}</span> : null}
        <div className={`nhsuk-radios${small ? " nhsuk-radios--small" : ""}${inline ? " nhsuk-radios--inline" : ""}`} id={id}>
          {options.map((o) => (
            <div className="nhsuk-radios__item" key={o.value}>
              <input className="nhsuk-radios__input" id={`${id}-${o.value}`} name={name} type="radio" value={o.value} defaultChecked={selected === o.value} />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${id}-${o.value}`}>{o.label}</label>
              {o.hint ? <div className="nhsuk-hint nhsuk-radios__hint">{o.hint}</div> : null}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export const toOptions = (labels: Record<string | number, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
