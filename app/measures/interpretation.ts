// What a score means, in words, for every score a screen shows: one function per instrument, each giving the score
// and its band (or, where the publisher gives no bands, its reading), with the published source. Pure. The facts
// and their sources are in docs/measures.md ("How each score is read" and each measure's section); bands come from the instrument definitions
// (app/measures/instruments.ts), so a band shown and a band compared can never differ.

import {
  ONS_CHRONIC_LONELINESS_LABEL,
  SWEMWBS_METRIC,
  UCLA3_LONELY_CUTOFF,
  getInstrument,
  type InstrumentCode,
  type ScoreScale,
} from "./scoring";

export interface Interpretation {
  /** The score as stored (SWEMWBS metric to 2 decimals, the others whole numbers). */
  score: number;
  /** The band ("lonely", "medium") or, where there are no published bands, the reading, in lower case. */
  band: string;
  /** Where the band or reading comes from (a publisher, as docs/measures.md cites). */
  source: string;
}

// Citations, as docs/measures.md gives them.
const ONS_LONELINESS_SOURCE =
  'Office for National Statistics, "Measuring loneliness: guidance for use of the national indicators on surveys"';
const UCLA3_SOURCE = `Cut-off ${UCLA3_LONELY_CUTOFF} or more: Hughes et al. 2004; Steptoe et al. 2013 (ELSA); ${ONS_LONELINESS_SOURCE}`;
const ONS4_SOURCE = "Office for National Statistics, Personal well-being user guidance (bands)";
const SWEMWBS_SOURCE =
  "Health Survey for England 2010–13 means (23.7 men, 23.2 women); no official cut-off for low wellbeing";
const WEMWBS_SOURCE = "No published cut-off; NHS England's reliable change for WEMWBS is 9 points";
const DJG_SOURCE = "van Tilburg & de Jong Gierveld, Manual of the Loneliness Scale (VU Amsterdam); CBS technical note";

/** Health Survey for England 2010–13 mean SWEMWBS metric scores: women 23.2, men 23.7 (docs/measures.md). */
const SWEMWBS_ENGLAND_MEAN = { women: 23.2, men: 23.7 } as const;

function scaleOf(code: InstrumentCode, key: string): ScoreScale {
  const scale = getInstrument(code).scoreScales.find((s) => s.key === key);
  if (!scale) throw new Error(`no score ${code}.${key}`);
  return scale;
}

function inRange(scale: ScoreScale, value: number): number {
  if (!Number.isFinite(value) || value < scale.min || value > scale.max)
    throw new RangeError(`${scale.label} must be between ${scale.min} and ${scale.max}, not ${value}`);
  return value;
}

function banded(code: InstrumentCode, key: string, value: number, source: string): Interpretation {
  const scale = scaleOf(code, key);
  const score = inRange(scale, value);
  const band = scale.bands?.find((b) => score >= b.from && score <= b.to)?.label;
  if (band === undefined) throw new RangeError(`${scale.label} ${value} falls in no band`);
  return { score, band, source };
}

/** UCLA-3 total (3–9): "lonely" at 6 or more, else "not lonely". Throws RangeError outside 3–9. */
export function interpretUcla3(total: number): Interpretation {
  return banded("ucla3", "total", total, UCLA3_SOURCE);
}

/**
 * ONS direct loneliness question (codes 1–5): the answer itself, "Often/always" being the chronic-loneliness
 * indicator. Throws RangeError outside 1–5.
 */
export function interpretOnsLoneliness(code: number): Interpretation {
  const i = banded("ons_loneliness", "frequency", code, ONS_LONELINESS_SOURCE);
  return { ...i, band: i.band === ONS_CHRONIC_LONELINESS_LABEL ? `${i.band} (chronic loneliness)` : i.band };
}

export type Ons4Item = "life_satisfaction" | "worthwhile" | "happiness" | "anxiety";

/**
 * One ONS4 item (0–10), never summed. Life satisfaction, worthwhile and happiness: low 0–4, medium 5–6, high 7–8,
 * very high 9–10. Anxiety runs the other way: very low 0–1, low 2–3, medium 4–5, high 6–10. Throws outside 0–10.
 */
export function interpretOns4(item: Ons4Item, value: number): Interpretation {
  return banded("ons4", item, value, ONS4_SOURCE);
}

/**
 * SWEMWBS metric score (7–35). There is no official cut-off for low wellbeing, so the reading compares the score
 * with the Health Survey for England 2010–13 means: below 23.2 "below the England average", 23.2 to 23.7 "about the
 * England average", above 23.7 "above the England average". Throws RangeError outside 7–35.
 */
export function interpretSwemwbs(metric: number): Interpretation {
  const score = inRange(scaleOf("swemwbs", "metric"), metric);
  const band =
    score < SWEMWBS_ENGLAND_MEAN.women
      ? "below the England average"
      : score <= SWEMWBS_ENGLAND_MEAN.men
        ? "about the England average"
        : "above the England average";
  return { score, band, source: SWEMWBS_SOURCE };
}

/** SWEMWBS raw score (7–35): never read on its own; its reading is the metric score it converts to (Rasch table). */
export function interpretSwemwbsRaw(raw: number): Interpretation {
  const score = inRange(scaleOf("swemwbs", "raw"), raw);
  if (!Number.isInteger(score)) throw new RangeError(`SWEMWBS raw score must be a whole number, not ${raw}`);
  return {
    score,
    band: `converts to a metric score of ${SWEMWBS_METRIC[score].toFixed(2)}`,
    source: "Stewart-Brown et al. 2009, Health and Quality of Life Outcomes 7:15 (Rasch conversion)",
  };
}

/**
 * WEMWBS total (14–70). No published cut-off: it is read against the person's own baseline, where a change of 9
 * points or more is reliable (NHS England). Throws RangeError outside 14–70.
 */
export function interpretWemwbs(total: number): Interpretation {
  const score = inRange(scaleOf("wemwbs", "total"), total);
  return { score, band: "no published cut-off: compare with the baseline", source: WEMWBS_SOURCE };
}

/**
 * De Jong Gierveld total (0–6): not lonely 0–1, moderately lonely 2–4, severely lonely 5–6. A subscale (0–3) has no
 * bands: its reading is how many of its three items point to loneliness. Throws RangeError outside the range.
 */
export function interpretDjg6(key: "total" | "emotional" | "social", value: number): Interpretation {
  if (key === "total") return banded("djg6", "total", value, DJG_SOURCE);
  const score = inRange(scaleOf("djg6", key), value);
  return { score, band: `${score} of 3 ${key} items point to loneliness`, source: DJG_SOURCE };
}

/**
 * The interpretation of one stored score, by instrument code and score key, or undefined when the score is missing
 * or out of its range (a damaged row is shown as its number alone rather than failing the page).
 */
export function interpretScore(code: string, key: string, value: number | undefined): Interpretation | undefined {
  if (typeof value !== "number") return undefined;
  try {
    return interpretKnown(code, key, value);
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}

function interpretKnown(code: string, key: string, value: number): Interpretation | undefined {
  switch (code as InstrumentCode) {
    case "ucla3":
      return interpretUcla3(value);
    case "ons_loneliness":
      return interpretOnsLoneliness(value);
    case "ons4":
      return interpretOns4(key as Ons4Item, value);
    case "swemwbs":
      return key === "raw" ? interpretSwemwbsRaw(value) : interpretSwemwbs(value);
    case "wemwbs":
      return interpretWemwbs(value);
    case "djg6":
      return interpretDjg6(key as "total" | "emotional" | "social", value);
    default:
      return undefined;
  }
}
