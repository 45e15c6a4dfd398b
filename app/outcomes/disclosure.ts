// Disclosure control for every aggregate an analyst or commissioner sees, applied once before anything leaves the
// outcomes domain. Pure: it sees true counts and returns only what may be shown. The rules, their sources and what
// a reader should make of "*" are in docs/disclosure-control.md; why they are built this way is in
// docs/decisions/0702-disclosure-control.md.
import type { DisclosureRuleSummary } from "./model";
import { perturbation, RECORD_KEY_RANGE } from "./perturbation-table";

export { RECORD_KEY_RANGE };

/** The mark for a value that is hidden (or, for a percentage, cannot be worked out from the counts as shown). */
export const SUPPRESSED = "*";

/** A value as published: a number already rounded or perturbed, or "*". */
export type Shown = number | typeof SUPPRESSED;

export type DisclosureRuleCode = "nhs_small_numbers" | "cell_key";

/** The rule used when an administrator has not chosen one. */
export const DEFAULT_DISCLOSURE_RULE: DisclosureRuleCode = "nhs_small_numbers";

/** Counts from 1 to MIN_COUNT − 1 are never shown, and no view is shown whose group or complement is that small. */
export const MIN_COUNT = 8;
/** Means and medians need at least this many records (NHS England; docs/disclosure-control.md). */
export const MIN_N_FOR_MEAN = 8;
/** Change statistics need at least this many people with a before and an after score (Warwick's guidance for SWEMWBS). */
export const MIN_PAIRS_FOR_CHANGE = 30;

/** What the page, the CSV and the report say about each rule, in plain words. */
export const disclosureRules: Record<DisclosureRuleCode, DisclosureRuleSummary> = {
  nhs_small_numbers: {
    code: "nhs_small_numbers",
    name: "NHS England small-number rule",
    description:
      "To protect people's privacy, counts from 1 to 7 are hidden and shown as *, and every other count is rounded " +
      "to the nearest 5. Percentages are worked out from the rounded counts, so they can differ a little from the " +
      "exact figure. Averages from fewer than 8 people, and changes in scores from fewer than 30 people with a " +
      "before and after score, are shown as *. Because of rounding, figures may not add up to the totals shown.",
  },
  cell_key: {
    code: "cell_key",
    name: "Cell-key perturbation (the method ONS used for Census 2021 tables)",
    description:
      "To protect people's privacy, some counts have a small amount, never more than 2, added or taken away. The " +
      "same group of people always gets the same change, so this page, its downloads and reports agree. Counts that " +
      "come out from 1 to 7 are hidden and shown as *. Percentages are worked out from the counts as shown. " +
      "Averages from fewer than 8 people, and changes in scores from fewer than 30 people with a before and after " +
      "score, are shown as *. Because of the changes, figures may not add up to the totals shown.",
  },
};

/** A true count and the sum of its records' keys (any non-negative integer; only its value modulo 256 is used). */
export interface CountCell {
  count: number;
  keySum: number;
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, not ${n}`);
}

function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded; // never print "-0"
}

/**
 * A count as it may be published.
 * - `nhs_small_numbers` (NHS England's rule for HES and ECDS, docs/disclosure-control.md): 0 stays 0, 1–7 give
 *   "*", anything else is rounded to the nearest 5.
 * - `cell_key` (ONS Census 2021 table builder, after Thompson, Broadfoot & Elazar 2013): the cell key is
 *   `keySum mod 256`; the fixed table in perturbation-table.ts gives a noise of −2 to +2 for (count, cell key);
 *   a result from 1 to 7 gives "*". 0 stays 0, nothing is ever negative, and the same count and key sum always give
 *   the same value.
 * @param cell the true count (people or records) and the sum of their record keys
 * @throws RangeError when count or keySum is not a non-negative integer
 */
export function publishCount(cell: CountCell, rule: DisclosureRuleCode = DEFAULT_DISCLOSURE_RULE): Shown {
  assertCount(cell.count, "count");
  assertCount(cell.keySum, "keySum");
  if (cell.count === 0) return 0;
  if (rule === "nhs_small_numbers") {
    return cell.count < MIN_COUNT ? SUPPRESSED : Math.round(cell.count / 5) * 5;
  }
  const perturbed = cell.count + perturbation(cell.count, cell.keySum % RECORD_KEY_RANGE);
  return perturbed < MIN_COUNT ? SUPPRESSED : perturbed;
}

/**
 * A percentage worked out from published counts only, never from true ones: an exact percentage beside rounded
 * counts gives the true counts back (docs/disclosure-control.md). Capped at 100, since with perturbed counts a part
 * can come out larger than its whole.
 * @param numerator the published count of the part
 * @param denominator the published count of the whole
 * @param decimals decimal places of the result (a percentage, 0–100)
 * @returns "*" when either count is "*" or the denominator is 0
 */
export function publishPercent(numerator: Shown, denominator: Shown, decimals = 0): Shown {
  if (numerator === SUPPRESSED || denominator === SUPPRESSED || denominator === 0) return SUPPRESSED;
  return roundTo(Math.min(100, (100 * numerator) / denominator), decimals);
}

/** The lowest and highest score a statistic can take, when a value at either end would tell every person's score. */
export interface ScaleBounds {
  min: number;
  max: number;
}

function publishStatistic(
  n: number,
  minimum: number,
  value: number | null,
  decimals: number,
  bounds?: ScaleBounds,
): Shown | null {
  assertCount(n, "n");
  if (n < minimum) return SUPPRESSED;
  if (value === null || !Number.isFinite(value)) return null;
  const shown = roundTo(value, decimals);
  if (bounds && (shown <= bounds.min || shown >= bounds.max)) return SUPPRESSED;
  return shown;
}

/**
 * A mean or median as it may be published: "*" from fewer than MIN_N_FOR_MEAN records (NHS England's rule).
 * With `bounds` (pass them for a mean), a value that rounds to the lowest or highest possible score is "*" too: it
 * could only come from (nearly) everyone having that score, which tells each person's score.
 * @param n the true number of records behind the value
 * @param value the exact statistic in the unit of its score, or null when it does not exist
 * @returns the rounded value, "*", or null when there is no value to show
 */
export function publishMean(n: number, value: number | null, decimals = 1, bounds?: ScaleBounds): Shown | null {
  return publishStatistic(n, MIN_N_FOR_MEAN, value, decimals, bounds);
}

/**
 * A change statistic (mean change and its confidence limits, effect size, median change, p-value) as it may be
 * published: "*" from fewer than MIN_PAIRS_FOR_CHANGE people with a before and an after score (Warwick's minimum
 * for SWEMWBS, applied to every instrument, docs/disclosure-control.md). `bounds`, for a mean or median change,
 * are the largest possible fall and rise (−6 and +6 for UCLA-3), as for publishMean.
 * @param nPairs the true number of pairs behind the value
 * @returns the rounded value, "*", or null when the statistic does not exist (for example a p-value with no change)
 */
export function publishChangeStatistic(
  nPairs: number,
  value: number | null,
  decimals = 2,
  bounds?: ScaleBounds,
): Shown | null {
  return publishStatistic(nPairs, MIN_PAIRS_FOR_CHANGE, value, decimals, bounds);
}

/**
 * Whether a whole view must be withheld, and why (plain words for the page), or null when it may be shown.
 *
 * Rounding or perturbing each table is not enough once views can be filtered: two views that differ by one filter
 * can be subtracted. A view is withheld when its group has 1–7 people, or when, for any next coarser view (the same
 * period and filters with one filter removed), the people in that view but not in this one number 1–7. A complement
 * of 0 is fine: the two views then hold the same people and show the same figures.
 *
 * What the caller passes, all true counts of distinct people (or of the records a figure counts) over the same
 * period and the same population definition:
 * - `groupCount`: the people in this view;
 * - `complementCounts`: one entry per filter in the view, the count of the view without that filter minus
 *   `groupCount` (an empty list for a view with no filters).
 * Call it once for the view's people, which decides whether the view is shown at all, and again for the population
 * behind each statistic (people with a baseline, people with paired scores for one instrument…), withholding that
 * table when it answers, since a mean over n people and one over n − 1 tell one person's score.
 * @throws RangeError when a count is not a non-negative integer
 */
export function viewWithheld(groupCount: number, complementCounts: readonly number[]): string | null {
  assertCount(groupCount, "groupCount");
  complementCounts.forEach((c) => assertCount(c, "complement count"));
  if (groupCount > 0 && groupCount < MIN_COUNT) {
    return `Not shown: this view covers fewer than ${MIN_COUNT} people, so its figures could identify someone.`;
  }
  if (complementCounts.some((c) => c > 0 && c < MIN_COUNT)) {
    return (
      `Not shown: removing one of the filters adds fewer than ${MIN_COUNT} people, so comparing this view with ` +
      `the wider one could identify someone. Try removing a filter.`
    );
  }
  return null;
}
