// Builds a ReportModel: the published figures of the report's scope and period, read by the same function as the
// dashboard's, with the words around them (summary, value for money, quotes, methods). Everything a report shows
// comes from here, and the archive stores the result.
import { type Kysely, type Transaction } from "kysely";
import type { DB } from "@db/types";
import { instruments } from "~/measures/instruments";
import type { Cell, FigureTable, OutcomeFilters, PublishedFigures } from "~/outcomes/model";
import { previousPeriod } from "~/outcomes/periods";
import { costFor } from "./costs.server";
import type { MeasureCredit, ReportModel, ReportScope } from "./model";
import { reportQuotes } from "./quotes.server";
import { executiveSummary } from "./summary";
import { valueForMoney } from "./value-for-money";

export type Executor = Kysely<DB> | Transaction<DB>;

/** The function that publishes a view's figures: `outcomeFigures` (app/outcomes/figures.server.ts). */
export type FiguresOf = (db: Executor, filters: OutcomeFilters) => Promise<PublishedFigures>;

export interface ReportModelInput {
  /** The report's id (a UUID), chosen before it is built so the model can link to its own HTML page. */
  id: string;
  periodKey: string;
  scope: ReportScope;
  /** ISO instant. */
  generatedAt: string;
  /** The generating user's display name. */
  generatedBy: string;
}

/** The one filter a report's scope maps to (none for the whole service). */
export function scopeFilters(scope: ReportScope, period: string): OutcomeFilters {
  switch (scope.kind) {
    case "service":
      return { period };
    case "provider":
      return { period, provider: scope.id };
    case "activity":
      return { period, activity: scope.id };
    case "district":
      return { period, district: scope.id };
  }
}

/** True when the figures count anyone: not withheld, and some headline table with a non-zero n. */
export function countsAnyone(figures: PublishedFigures): boolean {
  if (figures.withheld) return false;
  return figures.sections.some((s) => s.tables.some((t) => !t.withheld && t.meta.n !== 0 && t.rows.length > 0));
}

/** Every table of the figures, in order. */
function allTables(figures: PublishedFigures): FigureTable[] {
  return figures.sections.flatMap((s) => s.tables);
}

/**
 * A published count found by the label of its row (first cell) or its table's population, in the headline
 * section first. Null when the figures publish no such count.
 */
export function publishedCount(figures: PublishedFigures, pattern: RegExp): Cell {
  for (const table of allTables(figures)) {
    if (table.withheld) continue;
    for (const row of table.rows) {
      if (typeof row[0] === "string" && pattern.test(row[0])) {
        const i = table.columns.findIndex((c, j) => j > 0 && c.numeric && !c.unit);
        if (i > 0) return row[i];
      }
    }
  }
  return null;
}

/** The tables that describe data quality (paired completion, missing data), wherever the figures put them. */
export function dataQualityTables(figures: PublishedFigures): FigureTable[] {
  return allTables(figures).filter((t) => /quality|complet|missing/i.test(`${t.id} ${t.title}`));
}

/** The measures the figures report on, with their copyright lines (app/measures/instruments.ts). */
export function measureCredits(figures: PublishedFigures): MeasureCredit[] {
  const text = JSON.stringify(figures.sections.find((s) => s.id === "outcomes") ?? figures.sections);
  const used = instruments.filter((i) => text.includes(i.name) || text.includes(`"${i.code}`));
  return used.map((i) => ({ name: i.name, copyright: i.copyright }));
}

/** The statistics a report uses, in plain words (docs/statistics.md gives the detail and sources). */
export const STATISTICS_USED = [
  "Change is measured in people with both a first (baseline) and a later measure of the same kind: the paired change from the first to the latest.",
  "The mean change is shown with its 95% confidence interval from the paired t distribution; the effect size is Cohen's d_z (the mean change divided by the standard deviation of the changes).",
  "The median change and the Wilcoxon signed-rank test are given as a check that does not assume the changes are normally distributed.",
  "A meaningful change is a change at least as large as the measure's published minimum important difference; the share of people out of the lonely band counts those who were in it at baseline and no longer were.",
  "Counts of people count each person once in the period, however many times they were referred.",
];

/**
 * Builds the model of one report. `figuresOf` publishes a view's figures (the dashboard's function); the previous
 * period's figures come from the same function, and are null when there is no previous period or it counted
 * nobody. Value for money appears only when an administrator entered a cost for exactly this period and scope.
 */
export async function buildReportModel(
  db: Executor,
  input: ReportModelInput,
  figuresOf: FiguresOf,
): Promise<ReportModel> {
  const figures = await figuresOf(db, scopeFilters(input.scope, input.periodKey));
  const before = previousPeriod(figures.period);
  const previousFigures = before ? await figuresOf(db, scopeFilters(input.scope, before.key)) : null;
  const previous =
    previousFigures && (countsAnyone(previousFigures) || previousFigures.withheld) ? previousFigures : null;
  const published = countsAnyone(figures);
  const cost = published ? await costFor(db, figures.period.key, input.scope) : null;
  const quotes = published ? await reportQuotes(db, input.scope, figures.period) : [];
  return {
    id: input.id,
    title: `Social prescribing outcomes: ${input.scope.kind === "service" ? "whole service" : input.scope.label}, ${figures.period.label}`,
    scope: input.scope,
    period: figures.period,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    htmlPath: `/reports/${input.id}`,
    figures,
    previous,
    summary: executiveSummary(input.scope, figures, previous),
    valueForMoney:
      cost === null
        ? null
        : valueForMoney(cost, {
            supported: publishedCount(figures, /^people (referred|supported)/i),
            completing: publishedCount(figures, /complet/i),
            improved: publishedCount(figures, /meaningful/i),
          }),
    quotes,
    dataQuality: dataQualityTables(figures),
    methods: {
      measures: measureCredits(figures),
      statistics: STATISTICS_USED,
      rule: figures.rule,
    },
  };
}
