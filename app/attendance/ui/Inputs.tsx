// Inputs whose id is set apart from their name, for pages that repeat one small form per person (a call form on
// each befriending match): names stay what the server reads, ids stay unique so each label finds its input.
interface Props {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
}

function Field({ id, label, hint, error, children }: Omit<Props, "name">) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>{label}</label>
      {hint ? <div className="nhsuk-hint" id={`${id}-hint`}>{hint}</div> : null}
      {error ? <span className="nhsuk-error-message" id={`${id}-error`}><span className="nhsuk-u-visually-hidden">Error:</span> {error}</span> : null}
      {children(describedBy, Boolean(error))}
    </div>
  );
}

export function KeyedInput(props: Omit<Props, "children"> & { type?: string; width?: 10 | 20; inputMode?: "numeric"; defaultValue?: string }) {
  return (
    <Field {...props}>
      {(describedBy, invalid) => (
        <input className={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ""}${invalid ? " nhsuk-input--error" : ""}`} id={props.id} name={props.name} type={props.type ?? "text"} inputMode={props.inputMode} defaultValue={props.defaultValue} aria-describedby={describedBy} />
      )}
    </Field>
  );
}

export function KeyedSelect(props: Omit<Props, "children"> & { options: { value: string; label: string }[]; placeholder: string; defaultValue?: string }) {
  return (
    <Field {...props}>
      {(describedBy, invalid) => (
        <select className={`nhsuk-select${invalid ? " nhsuk-select--error" : ""}`} id={props.id} name={props.name} defaultValue={props.defaultValue ?? ""} aria-describedby={describedBy}>
          <option value="">{props.placeholder}</option>
          {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}
