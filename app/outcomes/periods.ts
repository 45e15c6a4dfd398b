// The periods an outcome view may cover: fixed values only, so every view is one the summaries hold and no one
// can ask for an arbitrary date window (which would let two windows be differenced to a single day). Pure.
// See docs/decisions/0703-period-grains.md.
import type { Period, PeriodKind } from "./model";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** The earliest year a period may start in: the service's records begin well after it. */
const EARLIEST_PERIOD_YEAR = 2000;

export type PeriodResult = { ok: true; period: Period } | { ok: false; message: string };

/** A month as a count since year 0 (2026-10 → 2026 * 12 + 9), so months add and subtract as integers. */
type MonthIndex = number;

const monthIndex = (year: number, month1: number): MonthIndex => year * 12 + (month1 - 1);
const yearOf = (m: MonthIndex) => Math.floor(m / 12);
const month1Of = (m: MonthIndex) => (m % 12) + 1;
const pad = (n: number) => String(n).padStart(2, "0");
const monthKey = (m: MonthIndex) => `${yearOf(m)}-${pad(month1Of(m))}`;
const firstDay = (m: MonthIndex) => `${monthKey(m)}-01`;
function lastDay(m: MonthIndex): string {
  const days = new Date(Date.UTC(yearOf(m), month1Of(m), 0)).getUTCDate();
  return `${monthKey(m)}-${pad(days)}`;
}
const monthLabel = (m: MonthIndex) => `${MONTHS[month1Of(m) - 1]} ${yearOf(m)}`;

/** The month a 'YYYY-MM-DD' date falls in. */
function monthOfDate(ymd: string): MonthIndex {
  return monthIndex(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)));
}

/** The period's span as month indexes, first and last inclusive. */
function span(kind: PeriodKind, anchor: MonthIndex): [MonthIndex, MonthIndex] {
  switch (kind) {
    case "month":
      return [anchor, anchor];
    case "quarter": {
      const first = anchor - (anchor % 3);
      return [first, first + 2];
    }
    case "year": {
      // Financial year: April to March. The anchor is April of its first year.
      return [anchor, anchor + 11];
    }
    case "last12":
      return [anchor - 11, anchor];
  }
}

function build(kind: PeriodKind, anchor: MonthIndex): Period {
  const [first, last] = span(kind, anchor);
  const from = firstDay(first);
  const to = lastDay(last);
  switch (kind) {
    case "month":
      return { key: monthKey(anchor), kind, label: monthLabel(anchor), from, to };
    case "quarter": {
      const q = Math.floor((month1Of(first) - 1) / 3) + 1;
      return {
        key: `${yearOf(first)}-Q${q}`,
        kind,
        label: `${MONTHS[month1Of(first) - 1]} to ${MONTHS[month1Of(last) - 1]} ${yearOf(first)} (Q${q})`,
        from,
        to,
      };
    }
    case "year": {
      const y = yearOf(first);
      return {
        key: `FY${y}`,
        kind,
        label: `Financial year ${y} to ${String(y + 1).slice(2)} (April ${y} to March ${y + 1})`,
        from,
        to,
      };
    }
    case "last12":
      return {
        key: `L12-${monthKey(anchor)}`,
        kind,
        label: `12 months to ${monthLabel(anchor)} (${monthLabel(first)} to ${monthLabel(last)})`,
        from,
        to,
      };
  }
}

const FORMAT_HELP =
  "Choose a period from the list: a month (2026-10), a quarter (2026-Q3), a financial year (FY2025) or the last 12 months (L12-2026-10)";

/**
 * Parses a period key against today's UK date (`today`, 'YYYY-MM-DD', from `londonToday` in app/calendar.ts).
 * Accepted: `2026-10` (a calendar month), `2026-Q3` (a calendar quarter), `FY2025` (April 2025 to March 2026),
 * `L12-2026-10` (November 2025 to October 2026). A period that has not started yet is refused, as is the last
 * 12 months ending in a month that is not over (they would not be 12 whole months). Never throws.
 */
export function parsePeriod(key: string, today: string): PeriodResult {
  const value = key.trim();
  let kind: PeriodKind;
  let anchor: MonthIndex;
  let m: RegExpMatchArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { ok: false, message: `${value} is not a month: months run from 01 to 12` };
    kind = "month";
    anchor = monthIndex(Number(m[1]), month);
  } else if ((m = /^(\d{4})-Q([1-4])$/i.exec(value))) {
    kind = "quarter";
    anchor = monthIndex(Number(m[1]), (Number(m[2]) - 1) * 3 + 1);
  } else if ((m = /^FY(\d{4})$/i.exec(value))) {
    kind = "year";
    anchor = monthIndex(Number(m[1]), 4);
  } else if ((m = /^L12-(\d{4})-(\d{2})$/i.exec(value))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { ok: false, message: `${value} is not a period: months run from 01 to 12` };
    kind = "last12";
    anchor = monthIndex(Number(m[1]), month);
  } else {
    return {
      ok: false,
      message: value === "" ? "Choose a period" : `"${value.slice(0, 20)}" is not a period. ${FORMAT_HELP}`,
    };
  }
  const period = build(kind, anchor);
  if (Number(period.from.slice(0, 4)) < EARLIEST_PERIOD_YEAR) {
    return { ok: false, message: `${period.label} is before the service's records begin` };
  }
  const thisMonth = monthOfDate(today);
  if (period.from > today) {
    return {
      ok: false,
      message: `${period.label} has not started yet: choose a period up to ${monthLabel(thisMonth)}`,
    };
  }
  if (kind === "last12" && anchor >= thisMonth) {
    return {
      ok: false,
      message: `The last 12 whole months can end in ${monthLabel(thisMonth - 1)} at the latest: ${monthLabel(anchor)} is not over yet`,
    };
  }
  if (kind === "last12" && (thisMonth - 1 - anchor) % 12 !== 0) {
    return {
      ok: false,
      message: `The last 12 months end in ${MONTHS[month1Of(thisMonth - 1) - 1]} (the last whole month, or the same month in an earlier year): choose a month, quarter or financial year for other windows`,
    };
  }
  return { ok: true, period };
}

/** Like `parsePeriod`, but throws a RangeError with the message: for keys the code itself built. */
export function periodOf(key: string, today: string): Period {
  const result = parsePeriod(key, today);
  if (!result.ok) throw new RangeError(result.message);
  return result.period;
}

/**
 * The period before this one, of the same kind and length (the previous month, quarter or financial year; the
 * 12 months before a last-12-months period), for a report's comparison. Null before the earliest year.
 */
export function previousPeriod(period: Period): Period | null {
  const first = monthOfDate(period.from);
  const last = monthOfDate(period.to);
  const length = last - first + 1;
  const anchor = period.kind === "last12" ? last - length : first - length;
  const previous = build(period.kind, anchor);
  return Number(previous.from.slice(0, 4)) < EARLIEST_PERIOD_YEAR ? null : previous;
}

/** The month keys ('YYYY-MM') a period covers, in order: its monthly series and its seasonality read these. */
export function monthsOf(period: Period): string[] {
  const first = monthOfDate(period.from);
  const last = monthOfDate(period.to);
  const months: string[] = [];
  for (let m = first; m <= last; m++) months.push(monthKey(m));
  return months;
}

/** "October 2026" for '2026-10'. */
export function monthName(key: string): string {
  return monthLabel(monthIndex(Number(key.slice(0, 4)), Number(key.slice(5, 7))));
}

/** The calendar month name of '2026-10' ("October"), for seasonality. */
export function calendarMonthName(key: string): string {
  return MONTHS[Number(key.slice(5, 7)) - 1];
}

/**
 * Every period that holds data, given the first and last dates any record counts by (inclusive, 'YYYY-MM-DD')
 * and today's UK date: each month from the first to this one, the quarters and financial years they fall in,
 * and the last 12 whole months with the same window in each earlier year. Newest first within each kind,
 * kinds in the order month, quarter, year, last12. Empty when there is no data.
 */
export function periodsWithData(firstDate: string | null, lastDate: string | null, today: string): Period[] {
  if (!firstDate || !lastDate) return [];
  const thisMonth = monthOfDate(today);
  const first = monthOfDate(firstDate);
  const last = Math.min(monthOfDate(lastDate), thisMonth);
  if (last < first) return [];
  const months: Period[] = [];
  const quarters = new Map<string, Period>();
  const years = new Map<string, Period>();
  const last12: Period[] = [];
  for (let m = last; m >= first; m--) {
    months.push(build("month", m));
    const q = build("quarter", m);
    quarters.set(q.key, q);
    const fyAnchor = month1Of(m) >= 4 ? monthIndex(yearOf(m), 4) : monthIndex(yearOf(m) - 1, 4);
    const y = build("year", fyAnchor);
    years.set(y.key, y);
  }
  // The last 12 whole months, and the same window a year, two years… earlier (each the previous period of the
  // one after it) while it holds data. Rolling windows ending in every month would put each fact in 12 of them.
  for (let m = thisMonth - 1; m >= first; m -= 12) if (m - 11 <= last) last12.push(build("last12", m));
  return [...months, ...quarters.values(), ...years.values(), ...last12];
}

/** The default period a dashboard opens on: the last 12 whole months, or this month when there is no whole month yet. */
export function defaultPeriodKey(today: string): string {
  const thisMonth = monthOfDate(today);
  return `L12-${monthKey(thisMonth - 1)}`;
}

export const periodKindLabels: Record<PeriodKind, string> = {
  month: "Month",
  quarter: "Quarter",
  year: "Financial year",
  last12: "Last 12 months",
};
