import { Field } from "~/ui/form";

export interface OptionGroup {
  label: string;
  options: { value: string; label: string }[];
}

/** An NHS.UK select whose options come in labelled groups (providers, activities, districts…). */
export function GroupedSelect({
  name,
  label,
  hint,
  error,
  defaultValue,
  top,
  groups,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  /** Options before the groups, such as "Whole service". */
  top?: { value: string; label: string }[];
  groups: OptionGroup[];
}) {
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <select
          className={`nhsuk-select${invalid ? " nhsuk-select--error" : ""}`}
          id={name}
          name={name}
          defaultValue={defaultValue ?? ""}
          aria-describedby={describedBy}
        >
          {(top ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {groups
            .filter((g) => g.options.length > 0)
            .map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
      )}
    </Field>
  );
}
