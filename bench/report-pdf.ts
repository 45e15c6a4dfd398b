// The report PDF's own cost, in this process: chart drawing and pdfmake layout of one report model, timed step by
// step over several runs (the first, which loads fonts and warms the JIT, left out). The model comes from a data
// set (the whole service for its busiest financial year, built by the dashboard's own figures) or from a JSON file
// written by an earlier run, so before/after comparisons lay out exactly the same document.
//
//   npx tsx bench/report-pdf.ts --database-url postgres://…/db --save-model /tmp/model.json --runs 7
//   npx tsx bench/report-pdf.ts --model /tmp/model.json --runs 7 [--out /tmp/report.pdf]
//   node --cpu-prof --cpu-prof-dir /tmp/prof --import tsx bench/report-pdf.ts --model /tmp/model.json
//
// Prints one JSON line per run and the medians (milliseconds of wall time; `cpu`, the process's CPU time for the
// whole run), the page count and the PDF's size.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openConnection } from "../db/connection";
import { outcomeFigures } from "../app/outcomes/figures.server";
import type { ReportModel } from "../app/reports/model";
import { buildReportDocument } from "../app/reports/pdf/document";
import { drawReportCharts, renderDocumentPdf } from "../app/reports/pdf/render.server";
import { buildReportModel } from "../app/reports/report-model.server";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    period: { type: "string" },
    model: { type: "string" },
    "save-model": { type: "string" },
    runs: { type: "string", default: "5" },
    out: { type: "string" },
  },
});

async function modelFromDatabase(url: string, period?: string): Promise<ReportModel> {
  const conn = await openConnection({ url, maxConnections: 2 });
  try {
    let key = period;
    if (!key) {
      const { rows } = await sql<{ fy: number }>`
        select (extract(year from received_at at time zone 'Europe/London')
                - case when extract(month from received_at at time zone 'Europe/London') < 4 then 1 else 0 end)::int as fy
          from referral group by 1 order by count(*) desc limit 1`.execute(conn.db);
      key = `FY${rows[0].fy}`;
    }
    return await buildReportModel(
      conn.db,
      {
        id: "00000000-0000-4000-8000-000000000001",
        periodKey: key,
        scope: { kind: "service", label: "Whole service" },
        generatedAt: "2026-11-29T12:00:00.000Z",
        generatedBy: "Benchmark (Public health analyst)",
      },
      (db, filters) => outcomeFigures(db, filters),
    );
  } finally {
    await conn.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

let model: ReportModel;
if (values.model) model = JSON.parse(readFileSync(values.model, "utf8")) as ReportModel;
else if (values["database-url"]) model = await modelFromDatabase(values["database-url"], values.period);
else throw new Error("Give --model FILE or --database-url URL");
if (values["save-model"]) writeFileSync(values["save-model"], JSON.stringify(model));

const runs = Number(values.runs);
const createdAt = new Date(model.generatedAt);
const times: Record<"charts" | "document" | "layout" | "total" | "cpu", number[]> = {
  charts: [],
  document: [],
  layout: [],
  total: [],
  cpu: [],
};
let pdf: Uint8Array = new Uint8Array();
for (let i = 0; i <= runs; i++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const charts = drawReportCharts(structuredClone(model));
  const t1 = performance.now();
  const doc = buildReportDocument(structuredClone(model), { charts, createdAt });
  const t2 = performance.now();
  pdf = await renderDocumentPdf(doc, model.id);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  // CPU time of the whole process (garbage collection included) moves far less with the machine's load than wall time.
  const run = {
    charts: t1 - t0,
    document: t2 - t1,
    layout: t3 - t2,
    total: t3 - t0,
    cpu: (cpu.user + cpu.system) / 1000,
  };
  console.log(JSON.stringify({ run: i, warmUp: i === 0, ...run }));
  if (i === 0) continue;
  for (const k of Object.keys(run) as (keyof typeof run)[]) times[k].push(run[k]);
}
const pages = (
  Buffer.from(pdf)
    .toString("latin1")
    .match(/\/Type\s*\/Page[^s]/g) ?? []
).length;
if (values.out) writeFileSync(values.out, pdf);
console.log(
  JSON.stringify({
    runs,
    medians: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v))])),
    pages,
    bytes: pdf.byteLength,
  }),
);
