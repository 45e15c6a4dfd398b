// The words for a coded answer a form posted, for pages that show back what someone typed without the form in front
// of them (the disabled-account page, docs/decisions/0852): "loneliness" reads "Loneliness or social isolation".
// It sits above the domains whose code lists it reads (through app/code-lists.ts), beside the root that renders
// that page; auth, which collects the answers, stays below them.

import { codesByField } from "~/code-lists";
import { labelOf } from "~/labels";

/**
 * What a field posted, in words: each value of a coded field (`name` as `enteredValues` gives it, app/auth/disabled.ts)
 * becomes its label, joined with commas; any other field's values are joined as typed. A value outside its list is
 * shown as typed, since it may be what the person wrote.
 */
export function enteredValueWords(name: string, values: readonly string[]): string {
  const codes = codesByField.get(name);
  return values.map((v) => (codes && Object.hasOwn(codes, v) ? labelOf(codes, v) : v)).join(", ");
}
