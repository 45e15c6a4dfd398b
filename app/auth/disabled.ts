// What a user whose account was disabled while they worked is told, and what they had typed, shown back to them so
// it is not silently lost (docs/decisions/0852). Pure: no database.

/** The error page's data when a disabled account posts a form: nothing was saved; `entered` is what they typed. */
export interface AccountDisabledData {
  accountDisabled: true;
  message: string;
  entered: { label: string; value: string }[];
}

export const ACCOUNT_DISABLED_MESSAGE =
  "An administrator has disabled your account, so you have been signed out and what you sent has not been saved.";

// Fields a form posts for its own bookkeeping, and secrets: never shown back.
const NOT_SHOWN = /password|passphrase|secret|token|key$|^key|version$|id$|returnto|^intent$|^_/i;

/** "givenName" → "Given name", "mark-…" → "Mark": a field's name in words, for a list the user reads. */
export function fieldWords(name: string): string {
  const words = name
    .replace(/-[0-9a-f-]{36}$/i, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/**
 * The typed values of a refused form post to show back to its author: text fields with something in them, in the
 * order posted, leaving out passwords, keys, versions and other bookkeeping (files are never echoed). Repeated
 * names (ticked checkboxes) are joined with commas.
 */
export function enteredValues(form: FormData): { label: string; value: string }[] {
  const byName = new Map<string, string[]>();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || NOT_SHOWN.test(name) || value.trim() === "") continue;
    byName.set(name, [...(byName.get(name) ?? []), value]);
  }
  return [...byName].map(([name, values]) => ({ label: fieldWords(name), value: values.join(", ") }));
}

export function isAccountDisabledData(data: unknown): data is AccountDisabledData {
  return typeof data === "object" && data !== null && (data as AccountDisabledData).accountDisabled === true;
}
