// Public seam for scoring validated measures. Pure: no database, no network,
// no clock. Definitions live in instruments.ts; this file validates answers and
// applies each publisher's scoring rule.

import {
  DJG_MORE_OR_LESS,
  DJG_NO,
  DJG_YES,
  SWEMWBS_METRIC,
  instruments,
  type Instrument,
  type Item,
  type ScoreScale,
} from "./instruments";
import { FieldError } from "~/errors";

export * from "./instruments";

export type Answers = Readonly<Record<string, number>>;

export interface ScoredResponse {
  readonly scores: Record<string, number>;
  readonly bands: Record<string, string>;
}

export type MeasureValidationReason =
  | "unknown_instrument"
  | "missing"
  | "unknown_item"
  | "not_integer"
  | "out_of_range"
  | "invalid_score";

/**
 * Thrown instead of ever returning a partial score. `field` names the form
 * field at fault (an item id, or "code"); `message` is fit to show beside it.
 */
export class MeasureValidationError extends FieldError {
  readonly itemId?: string;
  readonly reason: MeasureValidationReason;

  constructor(reason: MeasureValidationReason, field: string, message: string, itemId?: string) {
    super(field, message);
    this.reason = reason;
    this.itemId = itemId;
  }
}

const byCode = new Map<string, Instrument>(instruments.map((i) => [i.code, i]));

export function findInstrument(code: string): Instrument | undefined {
  return byCode.get(code);
}

/** Like findInstrument, but an unknown code is a validation error. */
export function getInstrument(code: string): Instrument {
  const instrument = byCode.get(code);
  if (!instrument) {
    throw new MeasureValidationError("unknown_instrument", "code", `Unknown questionnaire "${String(code)}"`);
  }
  return instrument;
}

/** Band label containing `value`, or undefined when the scale has no bands. */
export function bandFor(scale: ScoreScale, value: number): string | undefined {
  return scale.bands?.find((b) => value >= b.from && value <= b.to)?.label;
}

// "left out?" → "left out", so messages read "Answer question 2: left out".
function shortText(item: Item): string {
  return item.text.replace(/[?.…\s]+$/u, "");
}

function validateAnswers(instrument: Instrument, answers: Answers): void {
  if (answers === null || typeof answers !== "object") {
    const first = instrument.items[0];
    throw new MeasureValidationError("missing", first.id, `Answer question 1: ${shortText(first)}`, first.id);
  }
  const known = new Set(instrument.items.map((i) => i.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) {
      throw new MeasureValidationError("unknown_item", key, `"${key}" is not a question on this form`, key);
    }
  }
  instrument.items.forEach((item, index) => {
    const where = `question ${index + 1}: ${shortText(item)}`;
    // undefined/null both mean "left blank" (form libraries use either).
    const value: unknown = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
    if (value === undefined || value === null) {
      throw new MeasureValidationError("missing", item.id, `Answer ${where}`, item.id);
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new MeasureValidationError("not_integer", item.id, `Choose one of the answers for ${where}`, item.id);
    }
    if (!item.options.some((o) => o.value === value)) {
      throw new MeasureValidationError("out_of_range", item.id, `Choose one of the answers for ${where}`, item.id);
    }
  });
}

const sum = (instrument: Instrument, answers: Answers): number =>
  instrument.items.reduce((total, item) => total + answers[item.id], 0);

// De Jong Gierveld: an item scores 1 when the answer points towards loneliness.
// "More or less" counts on both subscales (manual; CBS technical note).
function djgPoint(item: Item, value: number): number {
  if (value === DJG_MORE_OR_LESS) return 1;
  if (item.subscale === "emotional") return value === DJG_YES ? 1 : 0;
  return value === DJG_NO ? 1 : 0;
}

function rawScores(instrument: Instrument, answers: Answers): Record<string, number> {
  switch (instrument.code) {
    case "ucla3":
    case "wemwbs":
      return { total: sum(instrument, answers) };
    case "ons_loneliness":
      return { frequency: answers.ons_lonely };
    case "ons4":
      // Four separate items, never summed.
      return {
        life_satisfaction: answers.ons4_life_satisfaction,
        worthwhile: answers.ons4_worthwhile,
        happiness: answers.ons4_happiness,
        anxiety: answers.ons4_anxiety,
      };
    case "swemwbs": {
      const raw = sum(instrument, answers);
      return { raw, metric: SWEMWBS_METRIC[raw] };
    }
    case "djg6": {
      let emotional = 0;
      let social = 0;
      for (const item of instrument.items) {
        const point = djgPoint(item, answers[item.id]);
        if (item.subscale === "emotional") emotional += point;
        else social += point;
      }
      return { total: emotional + social, emotional, social };
    }
  }
}

/**
 * Scores a complete response. Throws MeasureValidationError for an unknown
 * code, an unknown or missing item, or a value that is not one of the item's options.
 */
export function scoreResponse(code: string, answers: Answers): ScoredResponse {
  const instrument = getInstrument(code);
  validateAnswers(instrument, answers);
  const scores = rawScores(instrument, answers);
  const bands: Record<string, string> = {};
  for (const scale of instrument.scoreScales) {
    const band = bandFor(scale, scores[scale.key]);
    if (band !== undefined) bands[scale.key] = band;
  }
  return { scores, bands };
}
