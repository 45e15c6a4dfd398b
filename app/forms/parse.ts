// The one way a form post becomes data: read only the schema's own fields, run the schema with its cross-field
// checks, and either hand back the data or every problem at once, in the order the fields appear, with what the
// user typed so the page can show it again. See docs/decisions/0740-form-kernel-and-errors.md.

import type { z } from "zod";
import type { FieldErrors } from "~/errors";

export type { FieldErrors };

/** What the user typed, field by field, echoed back so a refused form keeps their input. */
export type FormValues = Record<string, string>;

/** What the user ticked in each checkbox group named in `ParseOptions.lists`. */
export type FormLists = Record<string, string[]>;

/** A parsed form: the schema's output, or the errors by field (in field order); either way the user's input. */
export type Parsed<T> =
  | { ok: true; data: T; values: FormValues; lists: FormLists }
  | { ok: false; errors: FieldErrors; values: FormValues; lists: FormLists };

export interface ParseOptions {
  /** Fields never echoed back (passwords, a honeypot). */
  omitFromEcho?: readonly string[];
  /** Checkbox groups: echoed as lists in `lists`, not in `values`. */
  lists?: readonly string[];
}

export type FormSchema = z.ZodObject<z.ZodRawShape>;

/** The user's own input, echoed back so a refused form keeps what they typed. `omit` names fields never echoed
 * (passwords). Repeated fields (checkbox groups) echo their last value; pages read those from the data instead. */
export function formValues(form: FormData | URLSearchParams, omit: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !omit.includes(k)) values[k] = v;
  return values;
}

/**
 * Orders errors as the form shows its fields: by the position of the field in the schema's shape. A message about
 * a group of fields is keyed by the group's prefix and sits where the group starts ("dob" before "dobDay"'s
 * neighbours); "form" comes first, unknown keys last.
 */
export function orderErrors(errors: FieldErrors, fieldOrder: readonly string[]): FieldErrors {
  const rank = (key: string) => {
    if (key === "form") return -1;
    const exact = fieldOrder.indexOf(key);
    if (exact >= 0) return exact;
    const group = fieldOrder.findIndex((f) => f.startsWith(key));
    return group >= 0 ? group : fieldOrder.length;
  };
  const keys = Object.keys(errors);
  keys.sort((a, b) => rank(a) - rank(b) || keys.indexOf(a) - keys.indexOf(b));
  return Object.fromEntries(keys.map((k) => [k, errors[k]]));
}

/**
 * Validates a form post against a strict object schema, including the cross-field checks attached with
 * `withChecks` (app/forms/checks.ts). Only the schema's keys are read, so an unknown field (a smuggled role or
 * owner id) is dropped by construction. A field posted more than once (a checkbox group) arrives as a list.
 *
 * Returns `{ ok: true, data, values, lists }` or `{ ok: false, errors, values, lists }`: `errors` holds the first
 * message for each field, in field order; `values` is what the user typed, less `omitFromEcho`, and `lists` the
 * checkbox groups named in `opts.lists`.
 */
export function parseForm<S extends FormSchema>(
  schema: S,
  form: FormData | URLSearchParams,
  opts: ParseOptions = {},
): Parsed<z.output<S>> {
  const fields = Object.keys(schema.shape);
  const raw: Record<string, unknown> = {};
  for (const key of fields) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
  }
  const listNames = opts.lists ?? [];
  const values = formValues(form, [...(opts.omitFromEcho ?? []), ...listNames]);
  const lists: FormLists = {};
  for (const name of listNames) lists[name] = form.getAll(name).filter((v): v is string => typeof v === "string");
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data, values, lists };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors: orderErrors(errors, fields), values, lists };
}

/** Reads the request's form body and parses it with `parseForm`. */
export async function readForm<S extends FormSchema>(
  request: Request,
  schema: S,
  opts: ParseOptions = {},
): Promise<Parsed<z.output<S>>> {
  return parseForm(schema, await request.formData(), opts);
}
