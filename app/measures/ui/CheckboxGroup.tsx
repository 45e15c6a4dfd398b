// NHS.UK checkboxes in a fieldset (measures' own copy: the shared choices component is built separately).

interface Props {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string }[];
  checked: string[];
}

export function CheckboxGroup({ name, legend, hint, error, options, checked }: Props) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{legend}</legend>
        {hint ? <div className="nhsuk-hint" id={`${name}-hint`}>{hint}</div> : null}
        {error ? (
          <span className="nhsuk-error-message" id={`${name}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        <div className="nhsuk-checkboxes">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div className="nhsuk-checkboxes__item" key={o.value}>
                <input className="nhsuk-checkboxes__input" id={id} name={name} type="checkbox" value={o.value} defaultChecked={checked.includes(o.value)} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>{o.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
