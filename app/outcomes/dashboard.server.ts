// What the dashboard needs beside a view's figures (app/outcomes/view.server.ts): the periods that hold data for
// its period list, and one table of a view as a CSV download. Only published figures leave here.
import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { type AuditActor, audit } from "~/audit/audit.server";
import { londonToday } from "~/calendar";
import { csvFileName, figureTableCsv } from "./csv";
import { outcomeTable } from "./figures.server";
import { parseOutcomeFilters } from "./filters";
import type { Period } from "./model";
import { loadFilterOptions } from "./options.server";
import { periodsWithData } from "./periods";
import { ensureOutcomeSummaries } from "./summaries.server";
import { filterWords } from "./ui/text";

/** The periods that hold data, for the filter form: months, quarters, financial years and last-12 windows. */
export async function outcomePeriods(db: Kysely<DB>, now = new Date()): Promise<Period[]> {
  const state = await ensureOutcomeSummaries(db, now);
  return periodsWithData(state.firstDate, state.lastDate, londonToday(now));
}

export type TableDownload =
  | { ok: true; csv: string; fileName: string }
  | { ok: false; status: 400 | 404; message: string };

/**
 * One table of one view as CSV (app/outcomes/csv.ts): exactly the table the dashboard shows for the same URL
 * parameters, and one "outcomes.download" audit row naming the table and the filters. 400 with the first
 * message for filters the page would refuse; 404 for a table id the view does not have (a withheld view has no
 * tables). Authorisation (`outcomes:view`) is the caller's.
 */
export async function outcomeTableDownload(
  db: Kysely<DB>,
  actor: AuditActor,
  tableId: string,
  params: URLSearchParams,
  now = new Date(),
): Promise<TableDownload> {
  const names = await loadFilterOptions(db);
  const { population: _population, ...options } = names;
  const parsed = parseOutcomeFilters(params, options, londonToday(now));
  if (!parsed.ok) return { ok: false, status: 400, message: Object.values(parsed.errors)[0] ?? "Check the filters" };
  const { figures, table } = await outcomeTable(db, parsed.filters, tableId, { now, names });
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
