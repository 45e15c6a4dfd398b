// Change between a baseline and a later scored response of one person. Pure.
// Thresholds and their sources: docs/measures.md.

import {
  MeasureValidationError,
  ONS_CHRONIC_LONELINESS_LABEL,
  UCLA3_LONELY_CUTOFF,
  bandFor,
  getInstrument,
  type InstrumentCode,
  type ScoreScale,
  type ScoredResponse,
} from "./scoring";

/** SWEMWBS metric points; NHS England's reliable-change threshold (Shah et al. 2018 give 1–3). */
export const SWEMWBS_MEANINGFUL_CHANGE = 3;
/** WEMWBS total points; NHS England's reliable-change threshold. */
export const WEMWBS_MEANINGFUL_CHANGE = 9;
export { UCLA3_LONELY_CUTOFF, ONS_CHRONIC_LONELINESS_LABEL };

type Rule =
  | { kind: "threshold"; points: number }
  | { kind: "band" } // any band change is meaningful
  | { kind: "crossing"; band: string } // moving into or out of one band
  | { kind: "none"; reason: string };

// One rule per compared score. Raw SWEMWBS is absent on purpose: only the
// metric score may be compared.
const RULES: Record<InstrumentCode, Record<string, Rule>> = {
  ucla3: { total: { kind: "crossing", band: "lonely" } },
  ons_loneliness: { frequency: { kind: "crossing", band: ONS_CHRONIC_LONELINESS_LABEL } },
  ons4: {
    life_satisfaction: { kind: "band" },
    worthwhile: { kind: "band" },
    happiness: { kind: "band" },
    anxiety: { kind: "band" },
  },
  swemwbs: { metric: { kind: "threshold", points: SWEMWBS_MEANINGFUL_CHANGE } },
  wemwbs: { total: { kind: "threshold", points: WEMWBS_MEANINGFUL_CHANGE } },
  djg6: {
    total: { kind: "band" },
    emotional: { kind: "none", reason: "No published threshold for the subscale; judge change on the total" },
    social: { kind: "none", reason: "No published threshold for the subscale; judge change on the total" },
  },
};

export type Outcome = "improved" | "unchanged" | "worse";

export interface ScoreChange {
  readonly key: string;
  readonly label: string;
  readonly baseline: number;
  readonly later: number;
  /** later − baseline, rounded to the scale's decimals. */
  readonly change: number;
  readonly outcome: Outcome;
  readonly improvement: boolean;
  readonly baselineBand?: string;
  readonly laterBand?: string;
  /** Reliable/meaningful change either way; `improvement` says which way. */
  readonly meaningful: boolean;
  readonly reason: string;
}

export interface Comparison {
  readonly code: InstrumentCode;
  /** Keyed by score key, in the instrument's scale order. */
  readonly changes: Record<string, ScoreChange>;
  readonly anyMeaningful: boolean;
}

// Differences of 2-dp table values carry float noise (22.35 − 19.25 =
// 3.1000000000000014); rounding before comparing keeps the ≥ 3 test exact.
function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r; // no -0
}

function readScore(scale: ScoreScale, response: ScoredResponse, which: string): number {
  const value: unknown = response?.scores?.[scale.key];
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= scale.min &&
    value <= scale.max &&
    (scale.decimals !== 0 || Number.isInteger(value));
  if (!ok) {
    const field = `${which}.${scale.key}`;
    throw new MeasureValidationError(
      "invalid_score",
      field,
      `${scale.label} is missing or out of range in the ${which} response`,
    );
  }
  return value as number;
}

function judge(
  rule: Rule,
  scale: ScoreScale,
  change: number,
  from?: string,
  to?: string,
): { meaningful: boolean; reason: string } {
  switch (rule.kind) {
    case "threshold": {
      const meaningful = Math.abs(change) >= rule.points;
      const size = Math.abs(change).toFixed(scale.decimals);
      return {
        meaningful,
        reason: `Change of ${size} points ${meaningful ? "reaches" : "is below"} the threshold of ${rule.points}`,
      };
    }
    case "band":
      return from === to
        ? { meaningful: false, reason: `Stayed in the "${from}" band` }
        : { meaningful: true, reason: `Moved from the "${from}" band to the "${to}" band` };
    case "crossing":
      if (from !== rule.band && to === rule.band)
        return { meaningful: true, reason: `Moved into the "${rule.band}" band` };
      if (from === rule.band && to !== rule.band)
        return { meaningful: true, reason: `Moved out of the "${rule.band}" band` };
      return {
        meaningful: false,
        reason: from === rule.band ? `Still in the "${rule.band}" band` : `Still outside the "${rule.band}" band`,
      };
    case "none":
      return { meaningful: false, reason: rule.reason };
  }
}

/**
 * Compares two scored responses to the same instrument. Bands are re-derived
 * from the scores (the `bands` passed in are not trusted), so a stale stored
 * band cannot give a wrong flag.
 */
export function compareScores(code: string, baseline: ScoredResponse, later: ScoredResponse): Comparison {
  const instrument = getInstrument(code);
  const rules = RULES[instrument.code];
  const changes: Record<string, ScoreChange> = {};
  for (const scale of instrument.scoreScales) {
    const rule = rules[scale.key];
    if (!rule) continue;
    const before = readScore(scale, baseline, "baseline");
    const after = readScore(scale, later, "later");
    const change = round(after - before, scale.decimals);
    const better = scale.direction === "higher_is_better" ? change > 0 : change < 0;
    const outcome: Outcome = change === 0 ? "unchanged" : better ? "improved" : "worse";
    const baselineBand = bandFor(scale, before);
    const laterBand = bandFor(scale, after);
    changes[scale.key] = {
      key: scale.key,
      label: scale.label,
      baseline: before,
      later: after,
      change,
      outcome,
      improvement: outcome === "improved",
      ...(baselineBand !== undefined && { baselineBand, laterBand }),
      ...judge(rule, scale, change, baselineBand, laterBand),
    };
  }
  return { code: instrument.code, changes, anyMeaningful: Object.values(changes).some((c) => c.meaningful) };
}
