// The NHS.UK three-box date (day, month, year). Field names are `${name}Day` etc.; the day box carries the id
// `name` so an error summary link lands on it.

interface Props {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  values: { day?: string; month?: string; year?: string };
}

export function DateInput({ name, legend, hint, error, values }: Props) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const box = (part: "Day" | "Month" | "Year", label: string, width: 2 | 4, value?: string) => (
    <div className="nhsuk-date-input__item">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-date-input__label" htmlFor={part === "Day" ? name : `${name}${part}`}>{label}</label>
        <input
          className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${error ? " nhsuk-input--error" : ""}`}
          id={part === "Day" ? name : `${name}${part}`}
          name={`${name}${part}`}
          type="text"
          inputMode="numeric"
          defaultValue={value}
        />
      </div>
    </div>
  );
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint ? <div className="nhsuk-hint" id={`${name}-hint`}>{hint}</div> : null}
        {error ? (
          <span className="nhsuk-error-message" id={`${name}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        <div className="nhsuk-date-input">
          {box("Day", "Day", 2, values.day)}
          {box("Month", "Month", 2, values.month)}
          {box("Year", "Year", 4, values.year)}
        </div>
      </fieldset>
    </div>
  );
}
