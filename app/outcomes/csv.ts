// One published table as a CSV file: what the dashboard shows for that table and nothing more. Pure: the caller
// passes a table that has already passed disclosure control (app/outcomes/disclosure.ts), so the file cannot hold
// a value the page did not. See docs/decisions/0710-csv-downloads.md for the choices below.
import type { Cell, DisclosureRuleSummary, FigureTable, Period } from "./model";
import { asOfDateTime, headingWithUnit, metaItems, periodLabel } from "./ui/text";

/** Excel reads a file as UTF-8 only when it starts with a byte order mark. */
const CSV_BOM = "\uFEFF";
/** RFC 4180 line break. */
const CRLF = "\r\n";

/** What the file says around the table: the view it was cut from and the rule its values passed. */
export interface CsvContext {
  period: Period;
  rule: DisclosureRuleSummary;
  /** When the summaries behind the figures were last brought up to date (ISO instant). */
  asOf: string;
  /** The view's population filters in words ("District: Melton"); empty for the whole service. */
  filters: string[];
}

// A spreadsheet treats a cell starting with one of these as a formula (or, for tab and carriage return, may strip
// them and then see a formula): OWASP's CSV injection guidance.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One text field, neutralised and quoted. A text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * gets a single quote in front, so a spreadsheet shows it as text instead of running it; then the field is quoted
 * per RFC 4180 when it holds a comma, a double quote, a line break or a leading or trailing space (double quotes
 * are doubled).
 */
function csvText(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One published cell. Numbers are written bare, in plain decimal notation (`-1.8`, `1250`), so a spreadsheet
 * reads them as numbers: a number cannot carry a formula, and a mean change of −1.8 must stay usable in a sum.
 * Only text is neutralised. `*` (suppressed) is text and stays `*`; null (not applicable) is an empty field.
 * Non-finite numbers never come from the figures function; they are written empty rather than as `NaN`.
 */
function csvCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return "";
    if (Object.is(cell, -0)) return "0";
    // toString gives exponents from 1e21 and below 1e-6: never for published figures, but keep the file plain.
    if (Math.abs(cell) >= 1e21) return BigInt(Math.trunc(cell)).toString();
    if (Math.abs(cell) < 1e-6) return cell.toFixed(20).replace(/\.?0+$/, "");
    return String(cell);
  }
  return csvText(cell);
}

/** One CSV record from its fields. */
function line(cells: Cell[]): string {
  return cells.map(csvCell).join(",");
}

/**
 * The CSV for one published table, as a string starting with a byte order mark and ending with CRLF:
 *
 * ```
 * <title>
 * Period,<period label and dates>
 * View,<filters in words or "Whole service">
 * Window,… / Counts by,… / Population,… / n,<published n>
 * Figures as of,<time>
 * (blank)
 * <header: column labels, units in brackets for numeric columns>
 * <rows as published, "*" where suppressed>           or   Withheld,<reason>   when the table is withheld
 * (blank)
 * Note,<the table's note>                                   when it has one
 * Disclosure control,<rule name>: <what the rule does and what * means>
 * ```
 *
 * Numeric columns carry their unit in the header ("Attending (%)") so every value stays a bare number.
 */
export function figureTableCsv(table: FigureTable, context: CsvContext): string {
  const records: Cell[][] = [
    [table.title],
    ["Period", periodLabel(context.period)],
    ["View", context.filters.length > 0 ? context.filters.join("; ") : "Whole service"],
    ...metaItems(table.meta),
    ["Figures as of", asOfDateTime(context.asOf)],
    [],
  ];
  if (table.withheld) {
    records.push(["Withheld", table.withheld]);
  } else {
    records.push(table.columns.map(headingWithUnit));
    for (const row of table.rows) records.push(table.columns.map((_, i) => row[i] ?? null));
  }
  records.push([]);
  if (table.note) records.push(["Note", table.note]);
  records.push(["Disclosure control", `${context.rule.name}: ${context.rule.description}`]);
  return CSV_BOM + records.map(line).join(CRLF) + CRLF;
}

/**
 * The download's file name: `connect-well-<table id>-<period key>.csv`, from the table's stable id and the
 * period's key only (never a person, never free text), reduced to letters, digits and hyphens.
 */
export function csvFileName(tableId: string, periodKey: string): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  return `connect-well-${slug(tableId) || "table"}-${slug(periodKey) || "period"}.csv`;
}
