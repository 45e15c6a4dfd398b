import { sql, type Transaction } from "kysely";
import type { DB } from "../types";
import { districtPlaces } from "./vocabulary";
import { lit, RandomSql, textArray } from "./random-sql";
import type { Scale } from "./scales";

export interface District {
  code: string;
  name: string;
  population: number;
  towns: readonly string[];
  postcodes: readonly string[];
}

export interface StepReport {
  step: string;
  rows: number;
  ms: number;
}

/** What every generation step shares: the transaction, the seeded draws, the calendar and the district weights. */
export class GenContext {
  readonly r: RandomSql;
  readonly reports: StepReport[] = [];
  /** Session weeks run from this Monday (on or before the first day of the span). */
  readonly monday0: string;
  readonly firstDay: string;
  /** The last day sessions are generated for: four weeks of scheduled sessions after the as-of date. */
  readonly lastSessionDay: string;
  readonly weeks: number;

  constructor(
    readonly trx: Transaction<DB>,
    readonly scale: Scale,
    seed: number,
    /** The data set ends the day before this date: it is "today" for the generated history. */
    readonly asOf: string,
    readonly districts: District[],
    private readonly onReport: (r: StepReport) => void,
  ) {
    this.r = new RandomSql(seed);
    this.firstDay = addDays(asOf, -scale.spanDays);
    const dow = (new Date(`${this.firstDay}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    this.monday0 = addDays(this.firstDay, -dow);
    this.lastSessionDay = addDays(asOf, 27);
    this.weeks = Math.ceil((daysBetween(this.monday0, this.lastSessionDay) + 1) / 7);
  }

  date(iso: string): string {
    return `date ${lit(iso)}`;
  }

  /** Runs one statement and records how many rows it wrote and how long it took. */
  async run(step: string, text: string): Promise<number> {
    const t0 = Date.now();
    const res = await sql.raw(text).execute(this.trx);
    const rows = Number(res.numAffectedRows ?? res.rows.length ?? 0);
    const report = { step, rows, ms: Date.now() - t0 };
    this.reports.push(report);
    this.onReport(report);
    return rows;
  }

  async query<T>(text: string): Promise<T[]> {
    const res = await sql.raw<T>(text).execute(this.trx);
    return res.rows;
  }

  /** A CASE giving, for a district code expression, one of its towns (or postcode districts) by a draw. */
  placeCase(districtExpr: string, field: "towns" | "postcodes", draw: string): string {
    const arms = this.districts.map(
      (d) => `when ${lit(d.code)} then (${textArray(d[field])})[1 + floor(${draw} * ${d[field].length})::int]`,
    );
    return `(case ${districtExpr} ${arms.join(" ")} end)`;
  }
}

export function districtWithPlaces(row: { code: string; name: string; population: number }): District {
  const places = districtPlaces[row.code] ?? { towns: [row.name], postcodes: ["ZZ99"] };
  return { ...row, towns: places.towns, postcodes: places.postcodes };
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Splits a total across weighted groups so the parts add up exactly, every group getting at least `min`
 * (largest remainders).
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const rest = total - min * weights.length;
  if (rest < 0) throw new Error(`Cannot give ${weights.length} groups at least ${min} each out of ${total}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i] += 1;
  }
  return parts.map((p) => p + min);
}
