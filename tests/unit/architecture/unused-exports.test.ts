import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { unusedExports, type ExportedName } from "../../support/unused-exports";

// An export of app/ that nothing the app runs imports is either dead or a detail only a test reaches into
// (docs/decisions/0900-exports-the-app-imports.md). Route modules' framework exports and the server entry's are
// not counted (FRAMEWORK_EXPORTS in the support module).

const root = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * Run-time exports only tests import, each kept on purpose. The list can only shrink: an entry the app starts to
 * import, or that is no longer exported, fails the test until it is taken off.
 */
const TESTED_DIRECTLY = [
  // Numerical building blocks checked against published reference values to 1e-13 (decision 0862): reaching them
  // through pairedChangeFromSummary would bury the reference values in the paired-change arithmetic.
  "app/outcomes/statistics.ts logGamma",
  "app/outcomes/statistics.ts median",
  "app/outcomes/statistics.ts mergeChangeSummaries",
  "app/outcomes/statistics.ts normaliseChange",
  "app/outcomes/statistics.ts pairedChange",
  "app/outcomes/statistics.ts regularisedIncompleteBeta",
  "app/outcomes/statistics.ts studentTCdf",
  "app/outcomes/statistics.ts studentTQuantile",
  "app/outcomes/statistics.ts summariseChanges",
  // The published perturbation table, checked row by row against its source.
  "app/outcomes/perturbation-table.ts MAX_PERTURBATION",
  "app/outcomes/perturbation-table.ts PERTURBATION_ROWS",
  "app/outcomes/perturbation-table.ts PTABLE_CAP",
  // Each questionnaire's published score bands, checked one instrument at a time.
  "app/measures/interpretation.ts interpretDjg6",
  "app/measures/interpretation.ts interpretOns4",
  "app/measures/interpretation.ts interpretOnsLoneliness",
  "app/measures/interpretation.ts interpretSwemwbs",
  "app/measures/interpretation.ts interpretSwemwbsRaw",
  "app/measures/interpretation.ts interpretUcla3",
  "app/measures/interpretation.ts interpretWemwbs",
  // The PDF worker pool's parts, tested without drawing a report; being changed by the report-drawing work.
  "app/reports/pdf-worker-pool.server.ts PdfWorkerPool",
  "app/reports/pdf-worker-pool.server.ts ReportRenderError",
  "app/reports/pdf-worker-pool.server.ts pdfWorkerCandidates",
  "app/reports/pdf-worker-pool.server.ts pdfWorkerEntry",
  // Each step of the person search read from the index it is written for, checked by its query plan: findPeople runs
  // them as prepared statements, whose plans a test cannot read.
  "app/people/people.server.ts personSearchSteps",
  // The audit pseudonym's published definition (decision 0812), checked without a database: stable, keyed, a
  // version-8 UUID; the retention run's test finds the rewritten rows by it.
  "app/people/retention.server.ts auditPseudonym",
];

describe("exports of app/", () => {
  // One TypeScript program over app/ and its callers: a few seconds, longer on a loaded machine.
  let unused: ExportedName[] = [];
  let values: string[] = [];
  beforeAll(() => {
    unused = unusedExports(root);
    values = unused.filter((u) => u.kind === "value").map((u) => `${u.file} ${u.name}`);
  }, 120_000);

  it("are imported by the app, the server or its scripts, not only by tests", () => {
    const allowed = new Set(TESTED_DIRECTLY);
    expect(values.filter((v) => !allowed.has(v))).toEqual([]);
  });

  it("have no stale allowance: every listed export is still exported and still unused", () => {
    expect(TESTED_DIRECTLY.filter((v) => !values.includes(v))).toEqual([]);
  });

  it("sees the imports the app has, through re-exports and framework entries", () => {
    const names = new Set(unused.map((u) => `${u.file} ${u.name}`));
    // Imported by routes; re-exported by the server entry for server.mjs; a route's loader.
    expect(names.has("app/outcomes/dimensions.ts coarserViewKeys")).toBe(false);
    expect(names.has("app/server/startup.server.ts startup")).toBe(false);
    expect(names.has("app/routes/caseload.tsx loader")).toBe(false);
    // And it does find one: a test-only export known to be listed.
    expect(names.has("app/outcomes/statistics.ts studentTCdf")).toBe(true);
  });
});
