// Which scores the outcome figures compare, and by which published rule. Pure. Every threshold and band comes from
// the instrument definitions (app/measures/instruments.ts) and change rules (app/measures/change.ts), which cite
// their publishers; nothing here adds a figure of its own. See docs/decisions/0705-paired-measures.md.
import { SWEMWBS_MEANINGFUL_CHANGE, UCLA3_LONELY_CUTOFF, WEMWBS_MEANINGFUL_CHANGE } from "~/measures/change";
import { getInstrument, type InstrumentCode } from "~/measures/scoring";

/**
 * A follow-up (or exit) counts as the pair's second measure only when taken at least this many days after the
 * baseline: a "follow-up" a week later measures the first conversation, not the activity. The one rule the person's
 * change figures use too (app/measures/follow-up-interval.ts, `countsAsChange`); a follow-up entered sooner than its
 * activity's schedule allows is saved as an extra baseline-window response, which no summary reads.
 */
export { MIN_FOLLOW_UP_DAYS } from "~/measures/follow-up-interval";

export interface ComparedScore {
  /** `ucla3.total`: instrument code and score key, the summaries' and tables' id. */
  id: string;
  instrument: InstrumentCode;
  score: string;
  /** "UCLA-3 loneliness (3 to 9, lower is better)". */
  label: string;
  instrumentName: string;
  decimals: 0 | 2;
  lowerIsBetter: boolean;
  /** Published reliable/meaningful change in score points, when one exists (SWEMWBS 3, WEMWBS 9). */
  meaningfulChange?: number;
  /**
   * The "bad" band whose leaving the table reports, as a SQL condition on the score `s` and its words:
   * UCLA-3 ≥ 6 ("lonely"), ONS direct "often/always", De Jong Gierveld ≥ 2 (moderately or severely lonely),
   * ONS4 low (0–4) or, for anxiety, high (6–10).
   */
  band?: { sql: (s: string) => string; words: string };
  /** Short ordinal scores get a median change and a Wilcoxon test (measures reference). */
  ordinal: boolean;
}

function scale(code: InstrumentCode, key: string) {
  const instrument = getInstrument(code);
  const s = instrument.scoreScales.find((x) => x.key === key);
  if (!s) throw new Error(`no score ${code}.${key}`);
  return { instrument, s };
}

function compared(
  code: InstrumentCode,
  key: string,
  extra: Pick<ComparedScore, "ordinal"> & Partial<Pick<ComparedScore, "meaningfulChange" | "band">>,
): ComparedScore {
  const { instrument, s } = scale(code, key);
  const lowerIsBetter = s.direction === "lower_is_better";
  return {
    id: `${code}.${key}`,
    instrument: code,
    score: key,
    instrumentName: instrument.name,
    label: `${s.label} (${s.min} to ${s.max}, ${lowerIsBetter ? "lower" : "higher"} is better)`,
    decimals: s.decimals,
    lowerIsBetter,
    ...extra,
  };
}

const lowBand = (words: string) => ({ sql: (s: string) => `${s} <= 4`, words });

/** The compared scores, in the order the outcomes section lists them: loneliness first. */
export const comparedScores: readonly ComparedScore[] = [
  compared("ucla3", "total", {
    ordinal: true,
    band: { sql: (s) => `${s} >= ${UCLA3_LONELY_CUTOFF}`, words: `lonely (UCLA-3 of ${UCLA3_LONELY_CUTOFF} or more)` },
  }),
  compared("ons_loneliness", "frequency", {
    ordinal: true,
    // Code 1 is "Often/always", the ONS chronic-loneliness indicator.
    band: { sql: (s) => `${s} = 1`, words: "lonely often or always" },
  }),
  compared("djg6", "total", {
    ordinal: true,
    band: { sql: (s) => `${s} >= 2`, words: "moderately or severely lonely (2 or more)" },
  }),
  compared("ons4", "life_satisfaction", { ordinal: true, band: lowBand("low life satisfaction (0 to 4)") }),
  compared("ons4", "worthwhile", { ordinal: true, band: lowBand("low worthwhile (0 to 4)") }),
  compared("ons4", "happiness", { ordinal: true, band: lowBand("low happiness (0 to 4)") }),
  compared("ons4", "anxiety", {
    ordinal: true,
    band: { sql: (s) => `${s} >= 6`, words: "high anxiety (6 to 10)" },
  }),
  compared("swemwbs", "metric", { ordinal: false, meaningfulChange: SWEMWBS_MEANINGFUL_CHANGE }),
  compared("wemwbs", "total", { ordinal: false, meaningfulChange: WEMWBS_MEANINGFUL_CHANGE }),
];

/** The instruments whose baselines are counted (each once, whatever its number of scores). */
export const countedInstruments: readonly InstrumentCode[] = [...new Set(comparedScores.map((c) => c.instrument))];
