// The shapes every outcome view is published in: the dashboard, its CSV downloads, the HTML report and the PDF all
// read a `PublishedFigures` and nothing else, so the same filters and data give the same numbers everywhere.
// Every figure is a table (a chart is a view of a table), and every value in it has already passed disclosure
// control: nothing here holds a true small count or a person-level row. See docs/decisions/0700-outcome-summaries.md.

/** A published value: a number as shown (already rounded or perturbed), `"*"` when suppressed, or text. */
export type Cell = number | string | null;

/** Periods are fixed values only: a calendar month, a quarter, a financial year (April to March) or the last 12 whole months. */
export type PeriodKind = "month" | "quarter" | "year" | "last12";

export interface Period {
  /** `2026-10`, `2026-Q3` (calendar quarter), `FY2025` (April 2025 to March 2026), `L12-2026-10` (the 12 months ending October 2026). */
  key: string;
  kind: PeriodKind;
  label: string;
  /** First and last day, inclusive, as YYYY-MM-DD. */
  from: string;
  to: string;
}

export const ageBands = {
  "18": "Under 50",
  "50": "50 to 64",
  "65": "65 to 74",
  "75": "75 and over",
} as const;
export type AgeBand = keyof typeof ageBands;

export const sexGroups = { female: "Female", male: "Male", other: "Not known or not stated" } as const;
export type SexGroup = keyof typeof sexGroups;

/** The five high-level ONS 2021 ethnic groups, plus not recorded or prefer not to say. */
export const ethnicGroups = {
  asian: "Asian, Asian British or Asian Welsh",
  black: "Black, Black British, Black Welsh, Caribbean or African",
  mixed: "Mixed or Multiple ethnic groups",
  white: "White",
  other: "Other ethnic group",
  unknown: "Not stated or not recorded",
} as const;
export type EthnicGroup = keyof typeof ethnicGroups;

/** The population filters an analyst may combine with a period. Absent means "all". */
export interface OutcomeFilters {
  period: string;
  district?: string;
  provider?: string;
  category?: string;
  source?: string;
  age?: AgeBand;
  sex?: SexGroup;
  ethnicity?: EthnicGroup;
  /** 1 (most deprived) to 5 (least deprived). */
  imd?: "1" | "2" | "3" | "4" | "5";
  /** One activity (its id): a report's scope, never offered on the dashboard form; always alone (`isOpenableView`). */
  activity?: string;
}
export type FilterName = Exclude<keyof OutcomeFilters, "period">;

/** What a figure counts, over which dates and which people: every table says it, the CSV and the report too. */
export interface FigureMeta {
  /** Inclusive date window as YYYY-MM-DD. */
  from: string;
  to: string;
  /** The date each record is counted by, in words: "referral received", "first attendance", "session date", "follow-up measure date"… */
  countsBy: string;
  /** Who is counted, in words: "people referred", "referrals to direct activities", "people with a baseline and a follow-up"… */
  population: string;
  /** The number of records or people behind the figure, as published. */
  n: Cell;
}

export interface FigureColumn {
  key: string;
  label: string;
  numeric: boolean;
  /** Printed after a number: "%", " days". */
  unit?: string;
}

export interface FigureChart {
  kind: "line" | "bar";
  /** The axis title for the values. */
  valueLabel: string;
  /** The column keys drawn as series; the first column gives the categories (x axis). */
  series: string[];
  stacked?: boolean;
}

export interface FigureTable {
  /** Stable and URL-safe: the CSV link names a table by it. */
  id: string;
  title: string;
  meta: FigureMeta;
  columns: FigureColumn[];
  /** One array per row, in column order. */
  rows: Cell[][];
  chart?: FigureChart;
  /** Set when the whole table is withheld (rows are then empty): the reason, in words, shown in its place. */
  withheld?: string;
  note?: string;
}

export interface FigureSection {
  id: "headline" | "reach" | "engagement" | "outcomes" | "equity";
  title: string;
  tables: FigureTable[];
}

export interface DisclosureRuleSummary {
  code: "nhs_small_numbers" | "cell_key";
  name: string;
  /** What the rule does and what `*` means, in plain words for the page, the CSV and the report. */
  description: string;
}

export interface PublishedFigures {
  filters: OutcomeFilters;
  period: Period;
  /** When the summaries these figures were read from were last brought up to date (ISO instant). */
  asOf: string;
  rule: DisclosureRuleSummary;
  /** Set when the whole view is suppressed (its group, or its complement in a coarser view, is too small). */
  withheld?: string;
  sections: FigureSection[];
}
