// Re-renders bench/results.md from bench/results.json and bench/findings.md, after the findings are written up,
// without running the benchmark again: `npx tsx bench/render.ts [--data-set label]`.
//
// A separate run of some scenarios (`npm run bench -- --scenarios … --out bench/results-x.md`, e.g. on another data
// set) is placed in results.md as its own section, rendered from its JSON with its own machine and data set line:
// `npx tsx bench/render.ts --in bench/results-x.json --into bench/results.md --title "…"`. Running it again
// replaces that section, and the findings at its end are replaced by findings.md's; the rest is left as it is.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { renderReport } from "./support/report";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    "data-set": { type: "string" },
    in: { type: "string" },
    into: { type: "string" },
    title: { type: "string" },
  },
});
const source = values.in ?? path.join(here, "results.json");
const saved = JSON.parse(readFileSync(source, "utf8"));
const report = renderReport({
  machine: saved.machine,
  dataSet: values["data-set"] ?? saved.dataSet ?? "national",
  results: saved.results,
  failures: saved.failures,
  findings: values.into ? "" : readFileSync(path.join(here, "findings.md"), "utf8"),
});
if (!values.into) {
  writeFileSync(source.replace(/\.json$/, ".md"), report);
} else {
  const name = path.basename(source);
  const begin = `<!-- separate run: ${name} -->`;
  const end = `<!-- end of separate run: ${name} -->`;
  // The run's report one heading level down, under its own title.
  const body = report
    .replace(/^# Benchmark results\n/, "")
    .replace(/^(#+) /gm, "#$1 ")
    .trim();
  const section = [begin, `## ${values.title ?? `Separate run (${name})`}`, "", body, end].join("\n");
  const target = readFileSync(values.into, "utf8");
  let next: string;
  if (target.includes(begin) && target.includes(end)) {
    next = target.slice(0, target.indexOf(begin)) + section + target.slice(target.indexOf(end) + end.length);
  } else {
    // Before the first scenario of the main run, after the verdicts and any earlier separate runs.
    const at = target.indexOf("\n## Machine calibration");
    next = at < 0 ? `${target.trimEnd()}\n\n${section}\n` : `${target.slice(0, at)}\n${section}\n${target.slice(at)}`;
  }
  // The findings at the end of results.md are findings.md's current text.
  const findings = readFileSync(path.join(here, "findings.md"), "utf8").trim();
  const heading = findings.split("\n")[0];
  const at = next.indexOf(`\n${heading}\n`);
  if (heading.startsWith("#") && at >= 0) next = `${next.slice(0, at + 1)}${findings}\n`;
  writeFileSync(values.into, next);
}
