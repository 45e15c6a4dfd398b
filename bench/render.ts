// Re-renders bench/results.md from bench/results.json and bench/findings.md, after the findings are written up,
// without running the benchmark again: `npx tsx bench/render.ts [--data-set label]`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { renderReport } from "./support/report";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { "data-set": { type: "string" }, in: { type: "string" } } });
const source = values.in ?? path.join(here, "results.json");
const saved = JSON.parse(readFileSync(source, "utf8"));
const report = renderReport({
  machine: saved.machine,
  dataSet: values["data-set"] ?? saved.dataSet ?? "national",
  results: saved.results,
  failures: saved.failures,
  findings: readFileSync(path.join(here, "findings.md"), "utf8"),
});
writeFileSync(source.replace(/\.json$/, ".md"), report);
