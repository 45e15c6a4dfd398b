// How the report prints a section's published tables: pure, shared by the HTML report and the PDF, so both say the
// same thing. A table that would be a page of dashes and "*" becomes one sentence; an outcome measure with too few
// pairs for change figures keeps the rows it can show and says once why the rest are missing. Nothing here
// computes a figure: rows are dropped or kept whole, never changed, so every number printed is still the
// dashboard's (docs/decisions/0910-report-says-what-is-missing.md).
import { MIN_N_FOR_MEAN, MIN_PAIRS_FOR_CHANGE as MIN_PAIRS, SUPPRESSED } from "~/outcomes/disclosure";
import type { Cell, FigureTable } from "~/outcomes/model";

/** One thing the report prints for a section: a published table (maybe with rows left out), or one sentence. */
export type ReportItem =
  | { kind: "table"; table: FigureTable }
  | {
      kind: "sentence";
      /** The table the sentence stands for, or `absent-<instrument>` for a measure nobody completed. */
      id: string;
      /** Printed in bold before the sentence; absent when the sentence names what it is about. */
      title?: string;
      text: string;
    };

/** Every value (all columns but the first) of every row is one of `empty`. */
function allValues(table: FigureTable, empty: (c: Cell) => boolean): boolean {
  return table.rows.every((r) => r.slice(1).every((c) => empty(c ?? null)));
}

const isBlank = (c: Cell) => c === null || c === SUPPRESSED || c === "";
const isNothing = (c: Cell) => c === null || c === 0 || c === "";

function rowValue(table: FigureTable, label: string): Cell | undefined {
  return table.rows.find((r) => typeof r[0] === "string" && r[0].startsWith(label))?.[1];
}

/** Whether a table is one outcome measure's change figures (app/outcomes/figures.server.ts, `outcome-<score>`). */
function isMeasureTable(table: FigureTable): boolean {
  return table.id.startsWith("outcome-") && rowValue(table, "People with a baseline") !== undefined;
}

/** The instrument's name: the measure table's title is "<instrument>: <score>". */
function instrumentOf(table: FigureTable): string {
  const i = table.title.indexOf(": ");
  return i > 0 ? table.title.slice(0, i) : table.title;
}

/** "No one completed the De Jong Gierveld 6-item loneliness scale in this period." */
function noOneCompleted(instrument: string): string {
  const noun = /(scale|question|\))$/i.test(instrument) ? instrument : `${instrument} questions`;
  return `No one completed the ${noun} in this period.`;
}

/** Columns after the first where every row left shows no figure (null): the confidence limits once change is gone. */
function withoutEmptyColumns(table: FigureTable): FigureTable {
  const keep = table.columns.map((_, i) => i === 0 || table.rows.some((r) => (r[i] ?? null) !== null));
  if (keep.every(Boolean)) return table;
  return {
    ...table,
    columns: table.columns.filter((_, i) => keep[i]),
    rows: table.rows.map((r) => r.filter((_, i) => keep[i])),
  };
}

/**
 * A measure with people at baseline but no change figures (fewer than 30 pairs, none, or withheld): the counts it
 * can show, without the rows that are only "*" or dashes, and one note saying why change is missing.
 */
function measureWithoutChange(table: FigureTable, pairs: Cell | undefined): FigureTable {
  const why =
    pairs === 0
      ? "No one had a follow-up in this period, so there are no change figures."
      : typeof pairs === "number" && pairs < MIN_PAIRS
        ? `Change figures are not shown: they need at least ${MIN_PAIRS} people with a baseline and a follow-up, and averages at least ${MIN_N_FOR_MEAN}.`
        : `Change figures are not shown: ${(table.note ?? "too few people had a baseline and a follow-up.").replace(/^not shown:\s*/i, "").replace(/ No follow-ups in this period\.$/, "")}`;
  const rows = table.rows.filter((r) => !r.slice(1).every((c) => isBlank(c ?? null)));
  return withoutEmptyColumns({ ...table, rows, note: `${why} Figures that would only be * are left out.` });
}

/**
 * What the report prints for one section's tables, in order. Tables are kept as published, except:
 * - an outcome measure nobody completed (its published "People with a baseline" is 0, which under either rule
 *   means truly none) is one sentence per instrument, after the section's tables;
 * - an outcome measure without change figures keeps its non-empty rows and a note saying why;
 * - the outcome overview leaves out measures with no pairs (each has its own sentence or table);
 * - a table with no rows, or whose every figure is a dash, zero or "*", is one sentence naming it.
 * Withheld tables stay as they are: their reason is already one sentence.
 */
export function reportItems(tables: readonly FigureTable[]): ReportItem[] {
  const items: ReportItem[] = [];
  const absent: string[] = [];
  for (const table of tables) {
    if (table.withheld) {
      items.push({ kind: "table", table });
      continue;
    }
    if (isMeasureTable(table)) {
      const instrument = instrumentOf(table);
      if (rowValue(table, "People with a baseline") === 0) {
        if (!absent.includes(instrument)) absent.push(instrument);
        continue;
      }
      const change = rowValue(table, "Mean change");
      if (typeof change !== "number") {
        items.push({
          kind: "table",
          table: measureWithoutChange(table, rowValue(table, "People with a baseline and")),
        });
        continue;
      }
      items.push({ kind: "table", table });
      continue;
    }
    let shown = table;
    if (table.id === "outcomes-summary") shown = { ...table, rows: table.rows.filter((r) => r[1] !== 0) };
    if (shown.rows.length === 0 || allValues(shown, isNothing)) {
      items.push({
        kind: "sentence",
        id: table.id,
        title: table.title,
        text:
          table.id === "outcomes-summary"
            ? "No one had both a baseline and a follow-up measure in this period."
            : "None in this period.",
      });
      continue;
    }
    if (allValues(shown, isBlank)) {
      items.push({
        kind: "sentence",
        id: table.id,
        title: table.title,
        text: "Every figure is withheld: too few people to show (see Methods).",
      });
      continue;
    }
    items.push({ kind: "table", table: shown });
  }
  for (const instrument of absent) {
    items.push({ kind: "sentence", id: `absent-${slug(instrument)}`, text: noOneCompleted(instrument) });
  }
  return items;
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The tables the report prints (after `reportItems`), for drawing their charts. */
export function printedTables(tables: readonly FigureTable[]): FigureTable[] {
  return reportItems(tables).flatMap((i) => (i.kind === "table" ? [i.table] : []));
}
