// The one way a stored code becomes the words people read. Each list of codes keeps its labels beside its codes,
// in its domain's pure module (`contactMethods` in app/people/person-form.ts, `statusLabels` in
// app/referrals/lifecycle.ts, `auditActionLabels` in app/audit/actions.ts, ...); pages show a code only through
// `labelOf` with its list, never the code itself.

/** A list of codes and their plain English labels: `{ phone: "Phone call", ... }`. */
export type CodeLabels = Readonly<Record<string, string>>;

/**
 * The label of `code` in `labels` (`labelOf(contactMethods, "phone")` is "Phone call").
 *
 * A code the list does not know (a value stored before its list changed, or a damaged row) reads "Not recognised"
 * with the code after it, so a page neither fails nor passes the code off as a label. `null`, `undefined` and the
 * empty string give `fallback` (default "Not recorded").
 */
export function labelOf(labels: CodeLabels, code: string | null | undefined, fallback = "Not recorded"): string {
  if (code === null || code === undefined || code === "") return fallback;
  return Object.hasOwn(labels, code) ? labels[code] : `Not recognised (${code})`;
}

/** The labels of several codes, in their order (`labelsOf(needs, ["loneliness"])` is `["Loneliness"]`). */
export function labelsOf(labels: CodeLabels, codes: readonly string[]): string[] {
  return codes.map((c) => labelOf(labels, c));
}
