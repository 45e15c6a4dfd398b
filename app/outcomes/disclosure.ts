// Small-number disclosure control for every aggregate an analyst or commissioner sees (NHS Digital HES rule):
// counts of 1–7 are shown as "*", other counts are rounded to the nearest 5 (so no secondary suppression is
// needed), means and medians from fewer than 8 records are suppressed, and a percentage whose numerator or
// denominator is suppressed is suppressed too.
export const SUPPRESSION_RULE =
  "Counts from 1 to 7 are shown as * and other counts are rounded to the nearest 5 (NHS Digital small-number rule). Averages from fewer than 8 people and percentages built on a hidden count are not shown.";

export const SUPPRESSED = "*";
export const MIN_COUNT = 8;

export type Shown = number | typeof SUPPRESSED;

export function suppressCount(n: number): Shown {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`);
  if (n === 0) return 0;
  if (n < MIN_COUNT) return SUPPRESSED;
  return Math.round(n / 5) * 5;
}

export function suppressMean(values: readonly number[], decimals = 1): Shown {
  if (values.length < MIN_COUNT) return SUPPRESSED;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Number(mean.toFixed(decimals));
}

/** The percentage is computed from the true counts, but only shown when neither count is hidden. */
export function suppressPercent(numerator: number, denominator: number, decimals = 0): Shown {
  if (denominator === 0) return 0;
  if (suppressCount(numerator) === SUPPRESSED || suppressCount(denominator) === SUPPRESSED) return SUPPRESSED;
  return Number(((100 * numerator) / denominator).toFixed(decimals));
}

/** For CSV and display: "*" stays a string, numbers print plainly. */
export function showValue(v: Shown, suffix = ""): string {
  return v === SUPPRESSED ? SUPPRESSED : `${v}${suffix}`;
}
