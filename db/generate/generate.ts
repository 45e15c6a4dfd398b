import { type Kysely, sql } from "kysely";
import type { DB } from "../types";
import { dropIndexesAndKeys, restoreIndexesAndKeys } from "./bulk-load";
import { districtWithPlaces, GenContext, type StepReport } from "./context";
import type { Scale } from "./scales";
import { generateAttendance } from "./steps/attendance";
import { generateDirectory } from "./steps/directory";
import { generateMeasures } from "./steps/measures";
import { generatePeople } from "./steps/people";
import { planReferrals } from "./steps/referral-plan";
import { generateReferrals } from "./steps/referrals";
import { generateSessions } from "./steps/sessions";
import { generateStaff } from "./steps/staff";

/** Tables that receive millions of rows at national scale: loaded with their indexes and keys off. */
const BULK_TABLES = [
  "person",
  "care_team_member",
  "person_consent",
  "case_note",
  "referral",
  "referral_event",
  "activity_session",
  "attendance",
  "measure_response",
];

/** Tables whose row counts the summary reports. */
export const GENERATED_TABLES = [
  "app_user",
  "provider",
  "activity",
  "activity_schedule",
  "activity_lead",
  "activity_session",
  "person",
  "care_team_member",
  "person_consent",
  "case_note",
  "referral",
  "referral_event",
  "attendance",
  "measure_response",
] as const;

export interface GenerateOptions {
  scale: Scale;
  seed: number;
  /** 'YYYY-MM-DD': the generated history ends the day before; sessions from this day on are still to come. */
  asOf: string;
  onReport?: (report: StepReport) => void;
}

export interface GenerateSummary {
  scale: string;
  seed: number;
  asOf: string;
  ms: number;
  counts: Record<string, number>;
  steps: StepReport[];
}

/**
 * Fills a freshly migrated database with a synthetic data set in one transaction (all or nothing), then vacuums
 * and analyses what it wrote so the planner and the visibility map are as they would be on a settled database.
 */
export async function generate(db: Kysely<DB>, opts: GenerateOptions): Promise<GenerateSummary> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) || Number.isNaN(Date.parse(opts.asOf)))
    throw new Error("The as-of date must be YYYY-MM-DD");
  const existing = await db.selectFrom("person").select("id").limit(1).executeTakeFirst();
  if (existing) throw new Error("This database already holds people: generate into a freshly migrated, empty database");
  const started = Date.now();
  const report = opts.onReport ?? (() => {});
  let steps: StepReport[] = [];

  await db.transaction().execute(async (trx) => {
    if (opts.scale.name !== "smoke") {
      // Sorting for index builds and hash joins of millions of rows: far more memory than the defaults, for this
      // transaction only. Losing the last commit to a crash costs nothing here: the run is all or nothing.
      await sql`set local maintenance_work_mem = '1GB'`.execute(trx);
      await sql`set local work_mem = '256MB'`.execute(trx);
      await sql`set local synchronous_commit = off`.execute(trx);
    }
    const { rows: districtRows } = await sql<{ code: string; name: string; population: number }>`
      select code, name, population from district order by code`.execute(trx);
    if (districtRows.length === 0) throw new Error("The district reference table is empty: run the migrations first");
    const g = new GenContext(trx, opts.scale, opts.seed, opts.asOf, districtRows.map(districtWithPlaces), report);
    const saved = await dropIndexesAndKeys(trx, BULK_TABLES);
    await generateStaff(g);
    await generateDirectory(g);
    await generateSessions(g);
    await planReferrals(g);
    await generatePeople(g);
    await generateReferrals(g);
    await generateAttendance(g);
    await generateMeasures(g);
    await restoreIndexesAndKeys(trx, saved, (what, ms) => {
      const r = { step: `rebuild ${what}`, rows: 0, ms };
      g.reports.push(r);
      report(r);
    });
    steps = g.reports;
  });

  for (const table of BULK_TABLES) {
    const t0 = Date.now();
    await sql`vacuum (analyze) ${sql.id(table)}`.execute(db);
    const r = { step: `vacuum ${table}`, rows: 0, ms: Date.now() - t0 };
    steps.push(r);
    report(r);
  }
  await sql`analyze`.execute(db);

  const counts: Record<string, number> = {};
  for (const table of GENERATED_TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(db);
    counts[table] = rows[0].n;
  }
  return { scale: opts.scale.name, seed: opts.seed, asOf: opts.asOf, ms: Date.now() - started, counts, steps };
}
