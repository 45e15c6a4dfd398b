// The executive summary: the headline figures in words and numbers, and what changed since the previous period.
// Pure. Every number in it is a published value from the figures (already through disclosure control), so the
// summary can say nothing the tables do not.
import type { Cell, FigureColumn, FigureTable, Period, PublishedFigures } from "~/outcomes/model";
import { formatIsoDate } from "~/ui/format";
import type { ReportScope } from "./model";

/** A number as a report prints it: thousands separated, at most one decimal place, with its unit. */
function formatNumber(value: number, unit = ""): string {
  const text = Number.isInteger(value)
    ? value.toLocaleString("en-GB")
    : value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${text.replace(/^-/, "−")}${unit}`;
}

/** A withholding reason without its leading "Not shown:", to sit inside a sentence of ours. */
export function withheldReason(reason: string): string {
  return reason.replace(/^not shown:\s*/i, "");
}

function lowerFirst(s: string): string {
  return s && /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** The headline tables: the figures' first section, or the one with id "headline". */
function headlineTables(figures: PublishedFigures): FigureTable[] {
  const section = figures.sections.find((s) => s.id === "headline") ?? figures.sections[0];
  return section ? section.tables : [];
}

function findRow(table: FigureTable | undefined, label: Cell): Cell[] | undefined {
  return table?.rows.find((r) => r[0] === label);
}

function change(value: Cell, before: Cell, unit: string, previous: Period): string {
  if (typeof value !== "number") return "";
  if (typeof before !== "number") return "";
  if (value === before) return `, the same as in ${previous.label}`;
  return `, ${value > before ? "up" : "down"} from ${formatNumber(before, unit)} in ${previous.label}`;
}

function describeValue(value: Cell, column: FigureColumn): string {
  if (typeof value === "number") return formatNumber(value, column.unit ?? "");
  if (value === "*") return "too few to show";
  if (value === null || value === "") return "not available";
  return value;
}

/**
 * One sentence per published headline figure ("People referred: 1,240, up from 1,100 in April to June 2026."),
 * after an opening sentence saying what the report covers. When the view is withheld, or nobody was counted, the
 * summary says so in words instead of giving numbers. `previous` is the same scope's previous period, or null.
 */
export function executiveSummary(
  scope: ReportScope,
  figures: PublishedFigures,
  previous: PublishedFigures | null,
): string[] {
  const where = scope.kind === "service" ? "the whole service" : scope.label;
  const period = figures.period;
  const out = [
    `This report covers ${where} for ${period.label} (${formatIsoDate(period.from)} to ${formatIsoDate(period.to)}).`,
  ];
  if (figures.withheld) {
    out.push(
      `Too few people were supported in ${where} in this period for figures to be published without risk of identifying someone (${lowerFirst(withheldReason(figures.withheld)).replace(/\.$/, "")}).`,
    );
    return out;
  }
  const tables = headlineTables(figures);
  const counted = tables.some((t) => !t.withheld && t.meta.n !== 0 && t.rows.length > 0);
  if (!counted) {
    out.push(`No one was referred to ${where} in ${period.label}, so there are no figures to report for this period.`);
    return out;
  }
  const before = previous && !previous.withheld ? headlineTables(previous) : [];
  for (const table of tables) {
    if (table.withheld) {
      out.push(`${table.title} is not shown: ${lowerFirst(table.withheld)}`);
      continue;
    }
    const previousTable = before.find((t) => t.id === table.id && !t.withheld);
    const valueAt = table.columns.findIndex((c, i) => i > 0 && c.numeric);
    if (valueAt < 0) continue;
    const lowAt = table.columns.findIndex((c) => c.key === "low");
    const highAt = table.columns.findIndex((c) => c.key === "high");
    const column = table.columns[valueAt];
    for (const row of table.rows) {
      const raw = typeof row[0] === "string" ? row[0] : table.title;
      // "Referrals that led to attending (%)": the unit moves from the label to the number.
      const percent = / \(%\)$/.test(raw);
      const label = percent ? raw.replace(/ \(%\)$/, "") : raw;
      const unit = percent ? "%" : (column.unit ?? "");
      const value = row[valueAt];
      let sentence = `${label}: ${describeValue(value, { ...column, unit })}`;
      const low = lowAt > 0 ? row[lowAt] : null;
      const high = highAt > 0 ? row[highAt] : null;
      if (typeof value === "number" && typeof low === "number" && typeof high === "number") {
        sentence += ` (95% confidence interval ${formatNumber(low, unit)} to ${formatNumber(high, unit)})`;
      }
      const then = findRow(previousTable, row[0]);
      if (then && previous) {
        // A change score ("mean change, negative is less lonely"): "up" and "down" would read as better or worse.
        sentence +=
          typeof low === "number" && typeof then[valueAt] === "number"
            ? `, compared with ${formatNumber(then[valueAt] as number, unit)} in ${previous.period.label}`
            : change(value, then[valueAt], unit, previous.period);
      }
      out.push(`${sentence}.`);
    }
  }
  if (previous?.withheld) {
    out.push(`The previous period (${previous.period.label}) had too few people to publish, so no change is shown.`);
  } else if (!previous) {
    out.push("There is no earlier period to compare with.");
  }
  return out;
}
