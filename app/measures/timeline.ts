// A person's measures arranged for reading: change since baseline, one series per instrument for charts and
// tables. Pure, shared by the server (summaries) and the browser (charts). Entered-in-error rows are kept for
// display but never scored, compared or charted.

import { compareScores, type Comparison } from "./change";
import { countsAsChange } from "./follow-up-interval";
import { interpretScore } from "./interpretation";
import { findInstrument, type Instrument, type ScoreScale } from "./scoring";
import { type Mode, type RecordedTimePoint, timePointOrder } from "./time-points";

export interface MeasureRecord {
  id: string;
  referralId: string;
  instrumentCode: string;
  instrumentVersion: string;
  timePoint: RecordedTimePoint;
  followUpWeek: number | null;
  administeredOn: string;
  mode: Mode;
  answers: Record<string, number>;
  scores: Record<string, number>;
  bands: Record<string, string>;
  recordedAt: string;
  recordedBy: string | null;
  enteredInError: { at: string; by: string | null; reason: string } | null;
}

export const isLive = (r: MeasureRecord) => r.enteredInError === null;

/** Oldest first: by date, then baseline before follow-ups before exit. */
export function chronological(records: readonly MeasureRecord[]): MeasureRecord[] {
  return [...records].sort(
    (a, b) =>
      a.administeredOn.localeCompare(b.administeredOn) ||
      timePointOrder(a) - timePointOrder(b) ||
      a.recordedAt.localeCompare(b.recordedAt),
  );
}

/**
 * The live baseline of a live later response's referral and instrument, whether or not the two are compared
 * (an extra baseline-window response has one but is never compared: see `changesSinceBaseline`).
 */
function baselineFor(record: MeasureRecord, records: readonly MeasureRecord[]): MeasureRecord | undefined {
  if (record.timePoint === "baseline" || !isLive(record)) return undefined;
  return records.find(
    (r) =>
      isLive(r) &&
      r.timePoint === "baseline" &&
      r.referralId === record.referralId &&
      r.instrumentCode === record.instrumentCode,
  );
}

/**
 * Change since baseline, keyed by response id, for every live follow-up or exit taken long enough after its
 * referral's live baseline to count (`countsAsChange`, the rule the outcome summaries apply too). Extra
 * baseline-window responses, and follow-ups or exits too close to the baseline, get none.
 */
export function changesSinceBaseline(records: readonly MeasureRecord[]): Record<string, Comparison> {
  const out: Record<string, Comparison> = {};
  for (const r of records) {
    const base = baselineFor(r, records);
    if (base && countsAsChange(r, base.administeredOn)) out[r.id] = compareScores(r.instrumentCode, base, r);
  }
  return out;
}

/** Scores worth charting: headline scores, grouped so each chart has one direction and one set of bands. */
export interface ChartGroup {
  key: string;
  title: string;
  direction: ScoreScale["direction"];
  scales: ScoreScale[];
  min: number;
  max: number;
  bands: ScoreScale["bands"];
}

export function chartGroups(instrument: Instrument): ChartGroup[] {
  const groups: ChartGroup[] = [];
  for (const scale of instrument.scoreScales.filter((s) => s.kind === "headline")) {
    const group = groups.find(
      (g) => g.direction === scale.direction && JSON.stringify(g.bands) === JSON.stringify(scale.bands),
    );
    if (group) group.scales.push(scale);
    else
      groups.push({
        key: `${instrument.code}-${scale.key}`,
        title: "",
        direction: scale.direction,
        scales: [scale],
        min: scale.min,
        max: scale.max,
        bands: scale.bands,
      });
  }
  for (const g of groups)
    g.title =
      groups.length === 1
        ? instrument.name
        : `${instrument.name}: ${g.scales.map((s) => s.label.toLowerCase()).join(", ")}`;
  return groups;
}

export interface InstrumentSeries {
  instrument: Instrument;
  /** Live responses, oldest first. */
  points: MeasureRecord[];
}

/**
 * One series per instrument with at least one live response, in the catalogue's order. Extra baseline-window
 * responses are left out: a chart reads as change over time, and they are never compared.
 */
export function seriesByInstrument(records: readonly MeasureRecord[]): InstrumentSeries[] {
  const live = chronological(records.filter((r) => isLive(r) && r.timePoint !== "baseline_extra"));
  const codes = [...new Set(live.map((r) => r.instrumentCode))];
  return codes
    .map((code) => ({ instrument: findInstrument(code), points: live.filter((r) => r.instrumentCode === code) }))
    .filter((s): s is InstrumentSeries => s.instrument !== undefined);
}

/**
 * Why a live response shows no change since baseline, for its change column: a baseline has none, an extra
 * baseline-window response is never compared, a follow-up or exit may be too soon after the baseline or have none.
 */
export function noChangeText(record: MeasureRecord, records: readonly MeasureRecord[]): string {
  if (record.timePoint === "baseline") return "–";
  if (record.timePoint === "baseline_extra") return "Not compared (extra baseline-window response)";
  return baselineFor(record, records) ? "Not compared (too soon after the baseline)" : "No baseline to compare with";
}

export function formatScore(scale: ScoreScale, value: number | undefined): string {
  return value === undefined ? "–" : value.toFixed(scale.decimals);
}

/**
 * A stored score with its interpretation, for every place a score is shown: "7 (lonely)", "21.54 (below the England
 * average)", "5 (medium)"; the number alone when it has no reading, "–" when it is missing.
 */
export function formatScoreRead(code: string, scale: ScoreScale, scores: Readonly<Record<string, number>>): string {
  const value = scores[scale.key];
  const reading = interpretScore(code, scale.key, value);
  return reading ? `${formatScore(scale, value)} (${reading.band})` : formatScore(scale, value);
}

/**
 * What a chart of `scales` shows, in words, for its caption: each scale's scores in date order, each with its
 * reading ("Loneliness score: 7 (lonely), then 5 (not lonely)"), so the caption gives no bare number where the
 * table beside it gives a reading (docs/decisions/0831-score-readings.md).
 */
export function chartSummary(
  code: string,
  scales: readonly ScoreScale[],
  points: readonly Pick<MeasureRecord, "scores">[],
): string {
  return scales
    .map((s) => `${s.label}: ${points.map((p) => formatScoreRead(code, s, p.scores)).join(", then ")}`)
    .join("; ");
}

/** "+3.10" / "−2" with a real minus sign, for change columns. */
export function formatChange(scale: ScoreScale, change: number): string {
  const text = Math.abs(change).toFixed(scale.decimals);
  return change > 0 ? `+${text}` : change < 0 ? `−${text}` : text;
}

export const directionText = (d: ScoreScale["direction"]) =>
  d === "higher_is_better" ? "higher is better" : "lower is better";
