// Outcome filters from a URL: fixed values only, at most two besides the period, an activity alone (decisions 0700,
// 0925).
// Pure: the values that live in the database (districts, providers, categories, activities) come in as `FilterOptions`,
// loaded by `loadFilterOptions` (app/outcomes/options.server.ts).
import { z } from "zod";
import { referralSources } from "~/referrals/codes";
import {
  MAX_FILTERS,
  dimensionLabels,
  dimensions,
  fixedValueLabels,
  isOpenableView,
  type Dimension,
} from "./dimensions";
import { ageBands, ethnicGroups, sexGroups, type OutcomeFilters, type Period } from "./model";
import { defaultPeriodKey, parsePeriod } from "./periods";

export interface FilterOption {
  value: string;
  label: string;
}

/** The values each filter may take, with their names, in the order the form lists them. */
export interface FilterOptions {
  district: FilterOption[];
  provider: FilterOption[];
  category: FilterOption[];
  /** Activities: valid in a report's scope, not offered on the dashboard form. */
  activity: FilterOption[];
  source: FilterOption[];
  age: FilterOption[];
  sex: FilterOption[];
  ethnicity: FilterOption[];
  imd: FilterOption[];
}

const fixed = (labels: Record<string, string>): FilterOption[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The choices the dashboard's filter form offers: every filter's but the activity's (a report scope only). */
export type FormOptions = Omit<FilterOptions, "activity">;

/** The options that do not depend on the database. */
export const fixedOptions = {
  source: fixed(referralSources),
  age: fixed(ageBands),
  sex: fixed(sexGroups),
  ethnicity: fixed(ethnicGroups),
  imd: fixed(fixedValueLabels.imd),
} satisfies Partial<FilterOptions>;

/** The dimensions the dashboard's filter form offers (activity is a report scope only). */
export const formDimensions = dimensions.filter((d): d is Exclude<Dimension, "activity"> => d !== "activity");

export type FilterErrors = Partial<Record<"period" | Dimension | "filters", string>>;

export type FilterResult =
  | { ok: true; filters: OutcomeFilters; period: Period }
  | { ok: false; errors: FilterErrors; values: Record<string, string> };

const what: Record<Dimension, string> = {
  district: "a district",
  provider: "a provider",
  category: "an activity category",
  activity: "an activity",
  source: "a referral source",
  age: "an age band",
  sex: "a sex group",
  ethnicity: "an ethnic group",
  imd: "an IMD quintile from 1 (most deprived) to 5 (least deprived)",
};

function schemaFor(options: FilterOptions, today: string) {
  const oneOf = (d: Dimension) => {
    const allowed = new Set(options[d].map((o) => o.value));
    return z
      .string()
      .trim()
      .max(100, { message: `Choose ${what[d]} from the list` })
      .transform((v) => (v === "" ? undefined : v))
      .refine((v) => v === undefined || allowed.has(v), { message: `Choose ${what[d]} from the list` })
      .optional();
  };
  const shape = Object.fromEntries(dimensions.map((d) => [d, oneOf(d)])) as Record<Dimension, ReturnType<typeof oneOf>>;
  return z
    .object({
      period: z
        .string()
        .trim()
        .optional()
        .transform((v, ctx) => {
          const result = parsePeriod(v || defaultPeriodKey(today), today);
          if (!result.ok) {
            ctx.addIssue({ code: "custom", message: result.message });
            return z.NEVER;
          }
          return result.period;
        }),
      ...shape,
    })
    .superRefine((value, ctx) => {
      const set = dimensions.filter((d) => value[d] !== undefined);
      if (set.length > 1 && set.length <= MAX_FILTERS && !isOpenableView(set)) {
        ctx.addIssue({
          code: "custom",
          path: ["filters"],
          message:
            "An activity's figures are shown for the activity alone: remove the other filter, or choose the activity's provider or category instead.",
        });
      }
      if (set.length > MAX_FILTERS) {
        ctx.addIssue({
          code: "custom",
          path: ["filters"],
          message: `Choose at most ${MAX_FILTERS} filters besides the period (you chose ${set.length}: ${set
            .map((d) => dimensionLabels[d].toLowerCase())
            .join(", ")}). Each extra filter makes groups smaller and easier to identify, so views are limited to two.`,
        });
      }
    });
}

/**
 * Reads outcome filters from URL parameters. Every value must be one of `options` (unknown values are a field
 * error naming the filter, never a crash); an absent or empty period means the last 12 whole months before
 * `today` (UK date 'YYYY-MM-DD'); more than two population filters, or an activity with another, are refused with
 * a message stating the rule.
 * Parameters other than the period and the nine dimensions are ignored. On failure the user's values come back
 * so the form can show them.
 */
export function parseOutcomeFilters(params: URLSearchParams, options: FilterOptions, today: string): FilterResult {
  const raw: Record<string, string> = {};
  for (const key of ["period", ...dimensions]) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const result = schemaFor(options, today).safeParse(raw);
  if (!result.success) {
    const errors: FilterErrors = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "filters") as keyof FilterErrors;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors, values: raw };
  }
  const { period, ...dims } = result.data;
  const filters: OutcomeFilters = { period: period.key };
  for (const d of dimensions) {
    const v = dims[d];
    if (v !== undefined) (filters as unknown as Record<string, string>)[d] = v;
  }
  return { ok: true, filters, period };
}

/** The URL query of a view (for links, CSV downloads and bookmarks), in a stable order. */
export function filtersToSearch(filters: OutcomeFilters): string {
  const params = new URLSearchParams({ period: filters.period });
  for (const d of dimensions) {
    const v = filters[d];
    if (v) params.set(d, v);
  }
  return params.toString();
}
