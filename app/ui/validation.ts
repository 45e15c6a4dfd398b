import { z } from "zod";

export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The user's own input, echoed back so a refused form keeps what they typed (never passwords). */
export function formValues(form: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !omit.includes(k)) values[k] = v;
  return values;
}

/**
 * Validates a form post with a strict schema: unknown fields (a smuggled role or owner id) are dropped by
 * construction because only the schema's keys are read.
 */
export function parseForm<S extends z.ZodObject<z.ZodRawShape>>(
  schema: S,
  form: FormData,
  opts: { omitFromEcho?: string[] } = {},
): Parsed<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: formValues(form, opts.omitFromEcho) };
}

/** Trims and turns "" into undefined so optional fields behave. */
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v === "" ? undefined : v));

export const requiredText = (max: number, message: string, label: string) =>
  z.string({ error: message }).trim().min(1, message).max(max, `${label} must be ${max} characters or fewer`);
