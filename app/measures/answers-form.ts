// Reading a questionnaire's answers out of a form post. Every item is checked (not just the first bad one) so
// the page can mark each unanswered question at once. Pure.

import { z } from "zod";
import type { Instrument, Item } from "./instruments";

/**
 * How a message names one item: "question 3 (How often do you feel isolated from others)". A stem that opens each
 * question (UCLA-3's "How often do you feel…") is part of the question; a stem that is an instruction for the whole
 * questionnaire (the Warwick scales' "Below are some statements…") is not repeated in every message.
 */
function questionLabel(instrument: Instrument, item: Item): string {
  const index = instrument.items.indexOf(item) + 1;
  const text = item.text.replace(/[?.…\s]+$/u, "");
  const opener = instrument.stem?.endsWith("…") ? instrument.stem.replace(/…$/u, "") + " " : "";
  return `question ${index} (${opener}${text})`;
}

/** Message for one item's raw form value, or null when it is one of the item's options. */
export function itemError(instrument: Instrument, item: Item, raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === "") return `Select an answer for ${questionLabel(instrument, item)}`;
  if (typeof raw !== "string" || !/^\d{1,2}$/.test(raw) || !item.options.some((o) => o.value === Number(raw))) {
    return `Select one of the answers given for ${questionLabel(instrument, item)}`;
  }
  return null;
}

/**
 * One field per item of `instrument`, for a form schema: each must be one of the item's options, posted once.
 * Every item is checked, so the page can mark each unanswered question at once.
 */
export function answerFields(instrument: Instrument): Record<string, z.ZodType<number>> {
  const fields: Record<string, z.ZodType<number>> = {};
  for (const item of instrument.items)
    fields[item.id] = z.unknown().transform((raw, ctx) => {
      const error = Array.isArray(raw)
        ? `Select only one answer for ${questionLabel(instrument, item)}`
        : itemError(instrument, item, raw);
      if (error === null) return Number(raw);
      ctx.addIssue({ code: "custom", message: error });
      return z.NEVER;
    });
  return fields;
}

/** The answers (item id → value) out of data parsed with `answerFields(instrument)`. */
export function answersOf(instrument: Instrument, data: object): Record<string, number> {
  const values = data as Record<string, unknown>;
  return Object.fromEntries(instrument.items.map((item) => [item.id, Number(values[item.id])]));
}
