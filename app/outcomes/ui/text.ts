// How published figures read in words: one place for the dashboard, its CSV downloads and the HTML report, so a
// table's meta line and its cells say the same thing wherever they appear. Pure: imports nothing that touches the
// database or the network.
import { formatIsoDate } from "~/ui/format";
import { dimensionLabels, dimensions } from "../dimensions";
import type { FilterOptions } from "../filters";
import type { Cell, FigureColumn, FigureMeta, OutcomeFilters, Period } from "../model";

/** "1 Nov 2025 to 31 Oct 2026" for an inclusive window given as YYYY-MM-DD dates. */
export function windowLabel(from: string, to: string): string {
  return from === to ? formatIsoDate(from) : `${formatIsoDate(from)} to ${formatIsoDate(to)}`;
}

/** A period in words with its dates: "Last 12 months to October 2026 (1 Nov 2025 to 31 Oct 2026)". */
export function periodLabel(period: Period): string {
  return `${period.label} (${windowLabel(period.from, period.to)})`;
}

/**
 * A table's meta line as label and value pairs, in the order the page shows them and the CSV writes them:
 * window, counts by, population, n. `n` stays a published cell (a number, or "*" when suppressed); it is left out
 * when the table has none (null: each row has its own).
 */
export function metaItems(meta: FigureMeta): [label: string, value: Cell][] {
  const items: [label: string, value: Cell][] = [
    ["Window", windowLabel(meta.from, meta.to)],
    ["Counts by", meta.countsBy],
    ["Population", meta.population],
  ];
  // A table whose rows each have their own n (paired completion per measure) has no single n to state.
  return meta.n === null ? items : [...items, ["n", meta.n]];
}

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 6 });

/**
 * A published cell as the page prints it: numbers with thousands separators and the column's unit ("45%",
 * "12 days"), a true minus sign for negatives so screen readers say "minus", "*" and text as given, null as "–"
 * (not applicable). The CSV writes the same values without this presentation (see csv.ts).
 */
export function formatCell(cell: Cell, column?: Pick<FigureColumn, "unit">): string {
  if (cell === null) return "–";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return "–";
    return `${numberFormat.format(cell).replace("-", "−")}${column?.unit ?? ""}`;
  }
  return cell;
}

/** A column's heading with its unit where the values are bare numbers (the CSV's header): "Attending (%)". */
export function headingWithUnit(column: Pick<FigureColumn, "label" | "unit" | "numeric">): string {
  const unit = column.unit?.trim();
  if (!column.numeric || !unit) return column.label;
  return `${column.label} (${unit})`;
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/London" });

/** "10:45 on 29 Nov 2026" in UK time, for files that are read later (CSV). */
export function asOfDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "unknown";
  return `${timeFormat.format(at)} on ${dayFormat.format(at)}`;
}

/** "figures as of 10:45" in UK time, with the date when it is not today's in London. */
export function asOfLabel(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "figures as of an unknown time";
  const time = timeFormat.format(at);
  const day = (d: Date) => dayFormat.format(d);
  return day(at) === day(now) ? `figures as of ${time}` : `figures as of ${time} on ${day(at)}`;
}

/**
 * A view's filters in words, one per filter, in the dimensions' order, with the options' names:
 * ["District: Melton", "Age band: 75 and over"]; empty for everyone.
 */
export function filterWords(filters: OutcomeFilters, options: FilterOptions): string[] {
  const words: string[] = [];
  for (const d of dimensions) {
    const v = filters[d];
    if (!v) continue;
    words.push(`${dimensionLabels[d]}: ${options[d].find((o) => o.value === v)?.label ?? v}`);
  }
  return words;
}
