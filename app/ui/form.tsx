import { type ReactNode, useEffect, useRef } from "react";
import { type ShouldRevalidateFunction, useNavigation } from "@remix-run/react";
import type { FieldErrors } from "~/errors";

/**
 * The NHS.UK error summary. It takes focus when it appears (the design system's pattern), so keyboard and screen
 * reader users start from the list of problems: without JavaScript through the `autofocus` attribute the server
 * renders, with it each time a submit settles (a second failed submit re-renders rather than remounts).
 */
export function ErrorSummary({ errors }: { errors?: FieldErrors | null }) {
  const entries = Object.entries(errors ?? {});
  const ref = useRef<HTMLDivElement>(null);
  const settled = useNavigation().state === "idle";
  const shown = JSON.stringify(entries);
  // Each time a submit settles with errors, even the same ones again, focus returns to the summary.
  useEffect(() => {
    if (settled && shown !== "[]") ref.current?.focus();
  }, [settled, shown]);
  if (entries.length === 0) return null;
  return (
    <div
      ref={ref}
      className="nhsuk-error-summary"
      aria-labelledby="error-summary-title"
      role="alert"
      tabIndex={-1}
      autoFocus
    >
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {entries.map(([field, message]) => (
            <li key={field}>{field === "form" ? message : <a href={`#${field}`}>{message}</a>}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

interface FieldProps {
  name: string;
  /** The control's id when it differs from its name (one small form repeated per person); hint and error ids
   * derive from it. Defaults to the name. */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/** An NHS.UK hint, when there is one, with the id that the field's aria-describedby names. */
export function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <div className="nhsuk-hint" id={`${id}-hint`}>
      {hint}
    </div>
  );
}

/** An NHS.UK error message, with the id that the field's aria-describedby names. */
export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {error}
    </span>
  );
}

/** The ids a control (or fieldset) with this id is described by: its hint and its error, when shown. */
export function describedBy(id: string, hint?: unknown, error?: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** A labelled form group: label, hint and error, then the control, which gets the ids to describe itself by. */
export function Field({ name, id = name, label, hint, error, children }: FieldProps) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {children(describedBy(id, hint, error), Boolean(error))}
    </div>
  );
}

interface InputProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  type?: string;
  autoComplete?: string;
  width?: 10 | 20 | 30;
  spellCheck?: boolean;
  inputMode?: "numeric" | "text" | "email" | "tel";
}

export function TextInput({
  name,
  label,
  hint,
  error,
  defaultValue,
  type = "text",
  autoComplete,
  width,
  spellCheck,
  inputMode,
}: InputProps) {
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <input
          className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ""}${invalid ? " nhsuk-input--error" : ""}`}
          id={name}
          name={name}
          type={type}
          defaultValue={defaultValue}
          autoComplete={autoComplete}
          spellCheck={spellCheck}
          inputMode={inputMode}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}

interface SelectOption {
  value: string;
  label: string;
}

/** Options under a label (an `optgroup`): providers, activities, districts, ethnic groups. */
export interface OptionGroup {
  label: string;
  options: SelectOption[];
}

interface SelectProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  /** The first option, with the empty value ("Any", "Not known"). */
  placeholder?: string;
  /** Options before any groups. */
  options?: SelectOption[];
  /** Labelled groups of options, after `options`; a group with no options is left out. */
  groups?: OptionGroup[];
  /** Options after the groups ("Prefer not to say"). */
  after?: SelectOption[];
}

function Options({ options }: { options: SelectOption[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

/** An NHS.UK select: a placeholder, plain options, labelled groups of options, then options after them. */
export function Select({
  name,
  label,
  hint,
  error,
  defaultValue,
  placeholder,
  options = [],
  groups = [],
  after = [],
}: SelectProps) {
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
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          <Options options={options} />
          {groups
            .filter((g) => g.options.length > 0)
            .map((g) => (
              <optgroup key={g.label} label={g.label}>
                <Options options={g.options} />
              </optgroup>
            ))}
          <Options options={after} />
        </select>
      )}
    </Field>
  );
}

export function Textarea({
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 5,
}: Omit<InputProps, "type"> & { rows?: number }) {
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <textarea
          className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`}
          id={name}
          name={name}
          rows={rows}
          defaultValue={defaultValue}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}

/**
 * For pages with optimistic locking: after a refused stale save (409) the loader runs again, so the page shows the
 * record as it now stands and the form carries its current version, while the user's own input is kept.
 */
export const revalidateAfterConflict: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;
