// The fixed perturbation table of the cell-key method (docs/disclosure-control.md). Pure data and one look-up.
//
// How it was built. A row holds the noise for one cell value (values of PTABLE_CAP and more share the last row);
// within a row each of the 256 cell keys maps to one noise, so a row is listed as how many keys take each noise
// from −2 to +2, and the keys are handed out in that order (keys 0–3 take −2 in the last row, and so on). Every row
// is symmetric, so the noise has mean zero exactly and never biases a count or a total; the noise never exceeds 2,
// so a published count is always within 2 of the truth. For a row with a chosen probability of no change (p0) and
// a chosen variance (V), the two remaining probabilities follow from 2a + 2b = 1 − p0 and 2a + 8b = V (a for ±1,
// b for ±2); with this narrow support those constraints fix the distribution, where the maximum-entropy tables of
// Destatis' `ptable` package choose among many. The design follows the same aims (unbiased, bounded, as spread as
// the variance allows) and shares no code with it.
// - Value 0 is never perturbed: an empty cell has no people and so no key.
// - Values 1–5 are never perturbed: with noise of at most 2 they would still fall in 1–7, shown as "*", so noise
//   there would change nothing a reader sees, and a hidden count can then never be published as 0.
// - Values 6–9, around the threshold of 8: p0 = 176/256 (31 % perturbed), V = 0.5, so "*" may hide a true 8 or 9
//   and a published 8 or 9 may come from a true 6 or 7, and the threshold itself cannot be probed.
// - Values 10 and more: p0 = 218/256 (about 15 % perturbed, as in the Census 2021 outputs), V = 62/256 ≈ 0.24.

/** Keys per cell: record keys and cell keys are integers from 0 to RECORD_KEY_RANGE − 1. */
export const RECORD_KEY_RANGE = 256;

/** Cell values at or above this share the last row of the table. */
export const PTABLE_CAP = 10;

/** The largest noise the table adds or takes away. */
export const MAX_PERTURBATION = 2;

/** How many of the 256 cell keys take each noise −2, −1, 0, +1, +2. */
export type PerturbationRow = readonly [number, number, number, number, number];

const unchanged: PerturbationRow = [0, 0, 256, 0, 0];
const thresholdBand: PerturbationRow = [8, 32, 176, 32, 8];
const common: PerturbationRow = [4, 15, 218, 15, 4];

/** The table as published: row i is for cell value i (the last row for PTABLE_CAP and above). */
export const PERTURBATION_ROWS: readonly PerturbationRow[] = [
  unchanged, // 0
  unchanged, // 1
  unchanged, // 2
  unchanged, // 3
  unchanged, // 4
  unchanged, // 5
  thresholdBand, // 6
  thresholdBand, // 7
  thresholdBand, // 8
  thresholdBand, // 9
  common, // 10 and more
];

function expand(row: PerturbationRow): Int8Array {
  const noises = new Int8Array(RECORD_KEY_RANGE);
  let key = 0;
  row.forEach((keys, i) => {
    noises.fill(i - MAX_PERTURBATION, key, key + keys);
    key += keys;
  });
  if (key !== RECORD_KEY_RANGE) throw new Error(`perturbation row covers ${key} keys, not ${RECORD_KEY_RANGE}`);
  return noises;
}

const expanded = PERTURBATION_ROWS.map(expand);

/**
 * The noise the table gives a cell: an integer from −MAX_PERTURBATION to +MAX_PERTURBATION.
 * @param value the cell's true count (a non-negative integer; values above PTABLE_CAP use the last row)
 * @param cellKey the sum of the cell's record keys modulo RECORD_KEY_RANGE (an integer 0–255)
 * @throws RangeError when either is not such an integer
 */
export function perturbation(value: number, cellKey: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`not a count: ${value}`);
  if (!Number.isInteger(cellKey) || cellKey < 0 || cellKey >= RECORD_KEY_RANGE) {
    throw new RangeError(`not a cell key: ${cellKey}`);
  }
  return expanded[Math.min(value, PTABLE_CAP)][cellKey];
}
