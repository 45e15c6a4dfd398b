// The dimensions an outcome view may be filtered by, and how a view is named in the summary table. Pure.
// A view is a period and at most two of these dimensions with one value each, an activity alone (decisions 0700, 0925);
// its key is the dimensions in this fixed order, "district=melton&age=75", and "" for everyone.
import { ageBands, ethnicGroups, sexGroups, type OutcomeFilters } from "./model";

/** The nine dimensions, in the order view keys list them. `activity` is offered to report scopes, not the dashboard form. */
export const dimensions = [
  "district",
  "provider",
  "category",
  "activity",
  "source",
  "age",
  "sex",
  "ethnicity",
  "imd",
] as const;
export type Dimension = (typeof dimensions)[number];

/** At most this many population filters besides the period (decision 0700: the lattice of views is bounded). */
export const MAX_FILTERS = 2;

export const dimensionLabels: Record<Dimension, string> = {
  district: "District",
  provider: "Provider",
  category: "Activity category",
  activity: "Activity",
  source: "Referral source",
  age: "Age band",
  sex: "Sex",
  ethnicity: "Ethnic group",
  imd: "IMD quintile",
};

/**
 * A dimension's label inside a sentence: "age band", "IMD quintile" (a label opening with an acronym keeps it).
 */
export function dimensionInSentence(dim: Dimension): string {
  const label = dimensionLabels[dim];
  return /^[A-Z]{2}/.test(label) ? label : `${label[0].toLowerCase()}${label.slice(1)}`;
}

/** Dimensions describing the person (taken at referral received), as opposed to the referral or its activity. */
export const personDimensions: readonly Dimension[] = ["district", "age", "sex", "ethnicity", "imd"];

/**
 * Whether a view may be opened with these filters: at most `MAX_FILTERS`, and an activity only alone. An activity
 * is a report's scope, never a dashboard filter; its groups are small, and nationally its 2,000 values paired with
 * every other dimension would make three quarters of the summaries (docs/decisions/0925-activity-views-alone.md).
 */
export function isOpenableView(filters: readonly Dimension[]): boolean {
  return filters.length <= MAX_FILTERS && (!filters.includes("activity") || filters.length === 1);
}

/**
 * The views the outcome summaries hold, as dimension lists ([] is everyone): every view `isOpenableView` allows
 * (1 + 9 + 28 = 38 grouping sets), and with `withEquityRows` also activity × each person dimension (+5), the rows
 * of an activity report's equity breakdown, which reads only their people, referrals and paired change
 * (docs/decisions/0925-activity-views-alone.md).
 */
export function summaryLattice(withEquityRows: boolean): Dimension[][] {
  const sets: Dimension[][] = [[]];
  for (let i = 0; i < dimensions.length; i++) {
    sets.push([dimensions[i]]);
    for (let j = i + 1; j < dimensions.length; j++) {
      const pair = [dimensions[i], dimensions[j]];
      const equityRow = pair.includes("activity") && pair.some((d) => personDimensions.includes(d));
      if (isOpenableView(pair) || (withEquityRows && equityRow)) sets.push(pair);
    }
  }
  return sets;
}

const imdQuintileLabels: Record<"1" | "2" | "3" | "4" | "5", string> = {
  "1": "1 (most deprived)",
  "2": "2",
  "3": "3",
  "4": "4",
  "5": "5 (least deprived)",
};

/** Fixed labels for the dimensions whose values do not live in the database. */
export const fixedValueLabels = {
  age: ageBands as Record<string, string>,
  sex: sexGroups as Record<string, string>,
  ethnicity: ethnicGroups as Record<string, string>,
  imd: imdQuintileLabels as Record<string, string>,
};

/** The filters set on a view, as [dimension, value] pairs in key order. */
export function activeFilters(filters: OutcomeFilters): [Dimension, string][] {
  const out: [Dimension, string][] = [];
  for (const d of dimensions) {
    const v = filters[d];
    if (v !== undefined && v !== "") out.push([d, v]);
  }
  return out;
}

/** The summary row key of a view: "district=melton&age=75"; "" when no filter is set. */
export function viewKey(pairs: readonly (readonly [Dimension, string])[]): string {
  const order = new Map(dimensions.map((d, i) => [d, i]));
  return [...pairs]
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!)
    .map(([d, v]) => `${d}=${v}`)
    .join("&");
}

/** The [dimension, value] pairs of a view key; the inverse of `viewKey`. */
function parseViewKey(key: string): [Dimension, string][] {
  if (key === "") return [];
  return key.split("&").map((part) => {
    const at = part.indexOf("=");
    return [part.slice(0, at) as Dimension, part.slice(at + 1)];
  });
}

/**
 * The keys of the views one filter coarser than the view `key` names, in the order of its filters: the same filters
 * with one left out ("district=melton&age=75" → "age=75", "district=melton"; "" → none). The complement of a view
 * within each of these is what the disclosure check compares (decision 0700).
 */
export function coarserViewKeys(key: string): string[] {
  const pairs = parseViewKey(key);
  return pairs.map(([d]) => viewKey(pairs.filter(([other]) => other !== d)));
}
