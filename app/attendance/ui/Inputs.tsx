// Inputs whose id is set apart from their name, for pages that repeat one small form per person (a call form on
// each befriending match): names stay what the server reads, ids stay unique so each label finds its input.
import { Field } from "~/ui/form";

interface Props {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

export function KeyedInput(
  props: Props & { type?: string; width?: 10 | 20; inputMode?: "numeric"; defaultValue?: string },
) {
  return (
    <Field {...props}>
      {(describedBy, invalid) => (
        <input
          className={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ""}${invalid ? " nhsuk-input--error" : ""}`}
          id={props.id}
          name={props.name}
          type={props.type ?? "text"}
          inputMode={props.inputMode}
          defaultValue={props.defaultValue}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}

export function KeyedSelect(
  props: Props & { options: { value: string; label: string }[]; placeholder: string; defaultValue?: string },
) {
  return (
    <Field {...props}>
      {(describedBy, invalid) => (
        <select
          className={`nhsuk-select${invalid ? " nhsuk-select--error" : ""}`}
          id={props.id}
          name={props.name}
          defaultValue={props.defaultValue ?? ""}
          aria-describedby={describedBy}
        >
          <option value="">{props.placeholder}</option>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
