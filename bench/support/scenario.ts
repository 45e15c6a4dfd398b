import type pg from "pg";
import type { Latency } from "./stats";
import type { Process } from "./server";

// What a scenario file exports. The runner imports every file in bench/scenarios, orders them by `order` and runs
// those asked for; a new scenario (the dashboard, the PDF report) is one more file.

export interface Measurement {
  /** "app", "bare Node page", "raw SQL (pgbench)" or a named variant. */
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  throughput: number;
  latency: Latency;
  errors: number;
  statuses?: Record<string, number>;
  /**
   * CPU the server under test used per request (per action), milliseconds: less disturbed than throughput by
   * whatever else the machine is doing, so the steadier figure to compare between runs.
   */
  cpuMsPerRequest?: number;
  /** Resident memory of the server under test, MiB. */
  memory?: { start: number; peak: number; end: number };
}

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
  /** The same target scaled to this machine by the run's calibration (support/targets.ts). */
  scaled?: { pass: boolean; detail: string };
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** The load, as the targets table states it. */
  load: string;
  target: string;
  measurements: Measurement[];
  /** App figure over ceiling figure, e.g. "throughput, app / bare Node page". */
  ratios: { label: string; value: string }[];
  targets: Check[];
  invariants: Check[];
  notes: string[];
  /** Figures later scenarios reuse (the soak runs at half the maxima found here). */
  exports?: Record<string, number>;
}

export interface BenchContext {
  dbUrl: string;
  /** A pool on the benchmark database for setup and invariant checks (never used for the measured load). */
  pool: pg.Pool;
  app: Process;
  /** The bare Node + pg page serving the same queries: the HTTP ceiling. */
  bare: Process;
  /** Seconds per measured phase (shorter in smoke mode). */
  seconds: number;
  smoke: boolean;
  /** Length of the soak, seconds (600 unless asked otherwise). */
  soakSeconds?: number;
  /** What earlier scenarios exported, by scenario id. */
  exported: Record<string, Record<string, number>>;
  buildDir: string;
  log(message: string): void;
}

export interface Scenario {
  id: string;
  title: string;
  order: number;
  /** Needs the PostgreSQL app server (false: the scenario starts its own process). */
  run(ctx: BenchContext): Promise<ScenarioResult>;
}
