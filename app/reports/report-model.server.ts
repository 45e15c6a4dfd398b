// Builds a ReportModel: the published figures of the report's scope and period, read by the same function as the
// dashboard's, with the words around them (summary, value for money, quotes, methods). Everything a report shows
// comes from here, and the archive stores the result.
import { type Kysely } from "kysely";
import type { DB } from "@db/types";
import { instruments } from "~/measures/instruments";
import type { Cell, FigureTable, OutcomeFilters, PublishedFigures } from "~/outcomes/model";
import { previousPeriod } from "~/outcomes/periods";
import { costFor } from "./costs.server";
import type { MeasureCredit, ReportModel, ReportScope } from "./model";
import { reportQuotes } from "./quotes.server";
import { executiveSummary } from "./summary";
import { valueForMoney } from "./value-for-money";

/** The function that publishes a view's figures: `outcomeFigures` (app/outcomes/figures.server.ts). */
export type FiguresOf = (db: Kysely<DB>, filters: OutcomeFilters) => Promise<PublishedFigures>;

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
function scopeFilters(scope: ReportScope, period: string): OutcomeFilters {
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
function countsAnyone(figures: PublishedFigures): boolean {
  if (figures.withheld) return false;
  return figures.sections.some((s) => s.tables.some((t) => !t.withheld && t.meta.n !== 0 && t.rows.length > 0));
}

/** Every table of the figures, in order. */
function allTables(figures: PublishedFigures): FigureTable[] {
  return figures.sections.flatMap((s) => s.tables);
}

/** A published cell: the row of table `tableId` whose first cell starts with `rowStart`, in column `columnKey`. */
function publishedCell(figures: PublishedFigures, tableId: string, rowStart: string, columnKey: string): Cell {
  const table = allTables(figures).find((t) => t.id === tableId);
  if (!table || table.withheld) return null;
  const at = table.columns.findIndex((c) => c.key === columnKey);
  const row = table.rows.find((r) => typeof r[0] === "string" && r[0].startsWith(rowStart));
  return row && at >= 0 ? row[at] : null;
}

/** The outcome tables (one per compared score), in the figures' order. */
function outcomeTables(figures: PublishedFigures): FigureTable[] {
  return (figures.sections.find((s) => s.id === "outcomes")?.tables ?? []).filter((t) => t.id !== "outcomes-summary");
}

/**
 * People with a meaningful improvement on the first compared score (the loneliness measure the headline reports):
 * its published pairs times its published percentage, to the nearest whole person; "*" when either is hidden.
 */
function meaningfullyImproved(figures: PublishedFigures): Cell {
  const table = outcomeTables(figures).find((t) =>
    t.rows.some((r) => String(r[0]).startsWith("Meaningful improvement")),
  );
  if (!table) return null;
  const pairs = publishedCell(figures, table.id, "People with a baseline and a follow-up", "value");
  const percent = publishedCell(figures, table.id, "Meaningful improvement", "value");
  if (typeof pairs !== "number" || typeof percent !== "number") return pairs === null || percent === null ? null : "*";
  return Math.round((pairs * percent) / 100);
}

/**
 * The data-quality table: for each measure, people with a baseline, those with a follow-up by now and the
 * paired-completion rate, copied from the outcome tables (so the same published values), plus how many referrals
 * have no ethnic group recorded, from the equity section when it publishes one.
 */
function dataQualityTables(figures: PublishedFigures): FigureTable[] {
  const measures = outcomeTables(figures).filter((t) => !t.withheld);
  if (measures.length === 0) return [];
  const first = measures[0];
  return [
    {
      id: "data-quality-pairs",
      title: "Paired completion: baselines with a follow-up",
      meta: { ...first.meta, population: "people with a baseline measure", n: null },
      columns: [
        { key: "measure", label: "Measure", numeric: false },
        { key: "baseline", label: "People with a baseline", numeric: true },
        { key: "followed", label: "With a follow-up by now", numeric: true },
        { key: "rate", label: "Paired-completion rate", numeric: true, unit: "%" },
      ],
      rows: measures
        .filter((t) => publishedCell(figures, t.id, "People with a baseline", "value") !== 0)
        .map((t) => [
          t.title,
          publishedCell(figures, t.id, "People with a baseline", "value"),
          publishedCell(figures, t.id, "Of them, with a follow-up", "value"),
          publishedCell(figures, t.id, "Paired-completion rate", "value"),
        ]),
      note: "A low rate means change is measured in fewer people than were supported, and those followed up may differ from those who were not. Missing follow-ups are not filled in.",
    },
  ];
}

/**
 * The measures the figures report on (any with people at baseline, shown or suppressed), with their copyright
 * lines (app/measures/instruments.ts): a measure nobody completed in the period is not credited.
 */
function measureCredits(figures: PublishedFigures): MeasureCredit[] {
  const used = outcomeTables(figures).filter((t) => {
    const baseline = publishedCell(figures, t.id, "People with a baseline", "value");
    return baseline !== 0 && baseline !== null;
  });
  return instruments
    .filter((i) => used.some((t) => t.title.startsWith(`${i.name}:`)))
    .map((i) => ({ name: i.name, copyright: i.copyright }));
}

/** The statistics a report uses, in plain words (docs/statistics.md gives the detail and sources). */
const STATISTICS_USED = [
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
  db: Kysely<DB>,
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
            supported: publishedCell(figures, "headline", "People referred", "value"),
            completing: publishedCell(figures, "funnel", "Ended after attending", "referrals"),
            improved: meaningfullyImproved(figures),
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
