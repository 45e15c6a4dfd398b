import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enteredValues } from "../../../app/auth/disabled";
import { fieldLabels } from "../../../app/forms/field-labels";

// The labels a page lists typed values under (the disabled-account page) are the forms' own: every field a form
// in app/ declares with a literal name and label reads, on that page, as its form asks it.

/** Fields never listed back: search and filter forms' (GET, never posted) and passwords (never shown). */
const searchFields = new Set([
  "password",
  "currentPassword",
  "q",
  "action",
  "actorId",
  "from",
  "day",
  "district",
  "category",
  "need",
  "mode",
  "access",
  "activity",
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".tsx") ? [p] : [];
  });
}

/** The label the disabled-account page lists a field's typed value under. */
function listedUnder(name: string): string | undefined {
  const form = new FormData();
  form.append(name, "typed");
  return enteredValues(form)[0]?.label;
}

/** Field name → the labels forms give it (without "(optional)"), from `<Field name="…" label="…">` literals. */
function declaredLabels() {
  const labels = new Map<string, Set<string>>();
  for (const file of sources("app"))
    for (const m of readFileSync(file, "utf8").matchAll(/<[A-Z]\w*\b([^>]*?)\/?>/gs)) {
      const name = /\bname="([^"]+)"/.exec(m[1])?.[1];
      const label = /\b(?:label|legend)="([^"]+)"/.exec(m[1])?.[2 - 1];
      if (!name || !label || searchFields.has(name)) continue;
      labels.set(name, (labels.get(name) ?? new Set()).add(label.replace(/ \(optional\)$/, "")));
    }
  return labels;
}

describe("the labels typed values are listed under", () => {
  const declared = declaredLabels();

  it("finds the forms' fields", () => {
    expect(declared.get("givenName")).toEqual(new Set(["First name"]));
    expect(declared.size).toBeGreaterThan(50);
  });

  it("are the form's own label wherever one form, or every form, asks a field the same way", () => {
    const differ = [...declared]
      .filter(([, labels]) => labels.size === 1)
      .map(([name, labels]) => [name, listedUnder(name), [...labels][0]])
      // A field the page never shows back (a record's id, a key, a version) is listed under no label.
      .filter(([, shown, asked]) => shown !== undefined && shown !== asked);
    expect(differ).toEqual([]);
  });

  it("are chosen words that fit every form where forms ask one field differently", () => {
    const unchosen = [...declared]
      .filter(([name, labels]) => labels.size > 1 && !Object.hasOwn(fieldLabels, name))
      .map(([name]) => name);
    expect(unchosen).toEqual([]);
  });
});
