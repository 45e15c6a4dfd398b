// Reading a questionnaire's answers out of a form post. Every item is checked (not just the first bad one) so
// the page can mark each unanswered question at once. Pure.

import type { FieldErrors } from "~/forms/parse";
import type { Instrument, Item } from "./instruments";

export function questionLabel(instrument: Instrument, item: Item): string {
  const index = instrument.items.indexOf(item) + 1;
  const text = item.text.replace(/[?.…\s]+$/u, "");
  return `question ${index} (${instrument.stem ? instrument.stem.replace(/…$/u, "") + " " : ""}${text})`;
}

/** Message for one item's raw form value, or null when it is one of the item's options. */
export function itemError(instrument: Instrument, item: Item, raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === "") return `Select an answer for ${questionLabel(instrument, item)}`;
  if (typeof raw !== "string" || !/^\d{1,2}$/.test(raw) || !item.options.some((o) => o.value === Number(raw))) {
    return `Select one of the answers given for ${questionLabel(instrument, item)}`;
  }
  return null;
}

export function readAnswers(
  instrument: Instrument,
  form: FormData,
): { answers: Record<string, number>; errors: FieldErrors } {
  const answers: Record<string, number> = {};
  const errors: FieldErrors = {};
  for (const item of instrument.items) {
    const values = form.getAll(item.id);
    const raw = values.length > 1 ? "" : values[0];
    const error =
      values.length > 1
        ? `Select only one answer for ${questionLabel(instrument, item)}`
        : itemError(instrument, item, raw);
    if (error) errors[item.id] = error;
    else answers[item.id] = Number(raw);
  }
  return { answers, errors };
}
