// The dashboard's two reads of a view from its URL parameters: the whole page (`viewOutcomes`) and one of its tables
// as CSV (`outcomeTableDownload`). Both parse the filters the same way, read the summaries' state once, and audit
// what they return. Only published figures leave here.
import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor } from "~/audit/audit.server";
import { londonToday } from "~/calendar";
import { csvFileName, figureTableCsv } from "./csv";
import { outcomeFigures, outcomeTable } from "./figures.server";
import { parseOutcomeFilters, type FilterErrors, type FilterOptions, type FormOptions } from "./filters";
import type { OutcomeFilters, Period, PublishedFigures } from "./model";
import { loadFilterOptions } from "./options.server";
import { periodsWithData } from "./periods";
import { ensureOutcomeSummaries } from "./summaries.server";
import { filterWords } from "./ui/text";

/**
 * The filters of a view's URL parameters, checked against the values that exist, and what checking them read. Reads
 * no summaries: a refused download answers before any are built.
 */
async function parseOutcomeView(db: Kysely<DB>, params: URLSearchParams, now: Date) {
  const names = await loadFilterOptions(db, params.get("activity"));
  // The area populations are for the equity figures, not the form's choices.
  const { population: _population, ...options } = names;
  const today = londonToday(now);
  return { names, options, today, parsed: parseOutcomeFilters(params, options, today) };
}

export type OutcomeView =
  | {
      ok: true;
      filters: OutcomeFilters;
      /** The filters in words ("District: Melton"), activity names included. */
      filterWords: string[];
      figures: PublishedFigures;
      options: FormOptions;
      periods: Period[];
    }
  | { ok: false; errors: FilterErrors; values: Record<string, string>; options: FormOptions; periods: Period[] };

/**
 * The filter form's choices: every filter but the activity, which the form never offers (an activity is a report
 * scope). Nationally the 2,000 activities would otherwise travel with every dashboard view.
 */
function formOptionsOf({ activity: _activity, ...options }: FilterOptions): FormOptions {
  return options;
}

/**
 * A dashboard view from its URL parameters: filters parsed against the values that exist (unknown values, a third
 * filter or an activity with another come back as field errors with the user's input, never a crash), the
 * published figures, the periods the form offers, and one audit row naming the filters (and whether the view was
 * withheld). Refused parses are audited too, as `outcomes.view` with outcome "failed". Authorisation
 * (`outcomes:view`) is the caller's.
 * @throws Error when the summaries could not be built (`ensureOutcomeSummaries`).
 */
export async function viewOutcomes(
  db: Kysely<DB>,
  actor: AuditActor,
  params: URLSearchParams,
  now = new Date(),
): Promise<OutcomeView> {
  const [{ names, options, today, parsed }, state] = await Promise.all([
    parseOutcomeView(db, params, now),
    ensureOutcomeSummaries(db, now),
  ]);
  // The periods holding data, for the form's period list: months, quarters, financial years, last-12 windows.
  const periods = periodsWithData(state.firstDate, state.lastDate, today);
  if (!parsed.ok) {
    await audit(db, actor, {
      action: "outcomes.view",
      outcome: "failed",
      details: { refused: Object.keys(parsed.errors) },
    });
    return { ok: false, errors: parsed.errors, values: parsed.values, options: formOptionsOf(options), periods };
  }
  const figures = await outcomeFigures(db, parsed.filters, { now, names, state });
  await audit(db, actor, {
    action: "outcomes.view",
    details: { filters: parsed.filters, withheld: figures.withheld ? true : undefined },
  });
  return {
    ok: true,
    filters: parsed.filters,
    filterWords: filterWords(parsed.filters, options),
    figures,
    options: formOptionsOf(options),
    periods,
  };
}

export type TableDownload =
  | { ok: true; csv: string; fileName: string }
  | { ok: false; status: 400 | 404; message: string };

/**
 * One table of one view as CSV (app/outcomes/csv.ts): exactly the table the dashboard shows for the same URL
 * parameters, and one "outcomes.download" audit row naming the table and the filters. 400 with the first
 * message for filters the page would refuse; 404 for a table id the view does not have (a withheld view has no
 * tables). Authorisation (`outcomes:view`) is the caller's.
 * @throws Error when the summaries could not be built (`ensureOutcomeSummaries`).
 */
export async function outcomeTableDownload(
  db: Kysely<DB>,
  actor: AuditActor,
  tableId: string,
  params: URLSearchParams,
  now = new Date(),
): Promise<TableDownload> {
  const { names, options, parsed } = await parseOutcomeView(db, params, now);
  if (!parsed.ok) return { ok: false, status: 400, message: Object.values(parsed.errors)[0] ?? "Check the filters" };
  const state = await ensureOutcomeSummaries(db, now);
  const { figures, table } = await outcomeTable(db, parsed.filters, tableId, { now, names, state });
  if (!table) return { ok: false, status: 404, message: "There is no such table in this view" };
  const csv = figureTableCsv(table, {
    period: figures.period,
    rule: figures.rule,
    asOf: figures.asOf,
    filters: filterWords(parsed.filters, options),
  });
  await audit(db, actor, {
    action: "outcomes.download",
    entityType: "outcome_table",
    entityId: table.id,
    details: { filters: parsed.filters, table: table.id, format: "csv" },
  });
  return { ok: true, csv, fileName: csvFileName(table.id, figures.period.key) };
}
