// What a user whose account was disabled while they worked is told, and what they had typed, shown back to them so
// it is not silently lost (docs/decisions/0852). Pure: no database.

/** The error page's data when a disabled account posts a form: nothing was saved; `entered` is what they typed. */
export interface AccountDisabledData {
  accountDisabled: true;
  message: string;
  entered: EnteredValue[];
}

/** One answer of a refused form: the field's bare `name` (no record id), its question and what was posted. */
export interface EnteredValue {
  name: string;
  label: string;
  values: string[];
}

export const ACCOUNT_DISABLED_MESSAGE =
  "An administrator has disabled your account, so you have been signed out and what you sent has not been saved.";

import { DATE_PARTS, fieldLabels } from "~/forms/field-labels";

// Fields a form posts for its own bookkeeping, and secrets: never shown back.
const NOT_SHOWN = /password|passphrase|secret|token|key$|^key|version$|id$|returnto|^intent$|^_/i;

/** A field's name without the record id some forms add to it ("mark-<referral id>" → "mark"). */
function bareName(name: string): string {
  return name.replace(/-[0-9a-f-]{36}$/i, "");
}

/**
 * A field's name as the form asks it ("givenName" → "First name", "mark-…" → "Attendance"), from the forms' labels
 * (app/forms/field-labels.ts); a name none of them lists reads as its own words ("someField" → "Some field").
 */
function fieldWords(name: string): string {
  const bare = bareName(name);
  if (Object.hasOwn(fieldLabels, bare)) return fieldLabels[bare];
  const words = bare
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/**
 * The typed values of a refused form post to show back to its author: text fields with something in them, in the
 * order posted, leaving out passwords, keys, versions and other bookkeeping (files are never echoed). Repeated
 * names (ticked checkboxes) are one answer with several values; coded values stay codes (the page puts them in words,
 * app/field-values.ts).
 */
export function enteredValues(form: FormData): EnteredValue[] {
  const byName = new Map<string, string[]>();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || NOT_SHOWN.test(name) || value.trim() === "") continue;
    byName.set(name, [...(byName.get(name) ?? []), value]);
  }
  // A date's three parts are one answer, in the order the form asks them: "4/7/1941" under "Date of birth".
  const dates = new Set(
    [...byName.keys()].flatMap((n) => {
      const part = DATE_PARTS.find((p) => n.endsWith(p) && n.length > p.length);
      return part ? [n.slice(0, -part.length)] : [];
    }),
  );
  const out: EnteredValue[] = [];
  const done = new Set<string>();
  for (const [name, values] of byName) {
    const date = [...dates].find((d) => DATE_PARTS.some((p) => name === `${d}${p}`));
    if (date === undefined) {
      out.push({ name: bareName(name), label: fieldWords(name), values });
      continue;
    }
    if (done.has(date)) continue;
    done.add(date);
    const part = (p: string) => byName.get(`${date}${p}`)?.join(", ") ?? "";
    out.push({ name: date, label: fieldWords(date), values: [DATE_PARTS.map(part).join("/")] });
  }
  return out;
}

export function isAccountDisabledData(data: unknown): data is AccountDisabledData {
  return typeof data === "object" && data !== null && (data as AccountDisabledData).accountDisabled === true;
}
