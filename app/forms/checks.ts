// Cross-field checks belong to the form's schema, so the one parser runs them with everything else. zod skips an
// object's refinements while any field is invalid; these run regardless (zod's `when`), on the fields that did
// parse, so a user sees every problem at once rather than one round trip at a time.

import type { z } from "zod";
import type { FieldErrors } from "~/errors";

/**
 * Attaches `check` to `schema`. `check` gets the fields that parsed (a field with its own error is absent, so a
 * check never reasons from bad input) and returns messages by field name, or by a group's prefix ("dob" for
 * dobDay, dobMonth, dobYear); a field that already has an error keeps its own. Returns the same schema, so its
 * shape stays readable by `parseForm`.
 */
export function withChecks<S extends z.ZodObject<z.ZodRawShape>>(
  schema: S,
  check: (fields: Partial<z.output<S>>) => FieldErrors,
): S {
  return schema.superRefine(
    (value, ctx) => {
      const failed = new Set(ctx.issues.map((i) => String(i.path?.[0] ?? "")));
      const parsed = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(([k]) => !failed.has(k)),
      ) as Partial<z.output<S>>;
      for (const [field, message] of Object.entries(check(parsed)))
        if (!failed.has(field)) ctx.addIssue({ code: "custom", path: [field], message });
    },
    { when: () => true },
  ) as S;
}
