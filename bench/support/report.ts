import type { describeMachine } from "./machine";
import type { Check, ScenarioResult } from "./scenario";
import { ms, perSecond } from "./stats";

type Machine = Awaited<ReturnType<typeof describeMachine>> & { appProcesses?: number };

const mb = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "–" : `${Math.round(v)} MiB`);

/** The results as markdown: machine and data set, then per scenario the figures beside their ceilings and the verdicts. */
export function renderReport(opts: {
  machine: Machine;
  dataSet: string;
  results: ScenarioResult[];
  failures: { id: string; error: string }[];
  findings: string;
}): string {
  const { machine, results } = opts;
  const verdict = (pass: boolean) => (pass ? "**pass**" : "**fail**");
  const verdicts = results.map((r) => {
    const checks = [...r.targets, ...r.invariants];
    const scaled = checks.some((c) => c.scaled) ? verdict(checks.every((c) => c.scaled?.pass ?? c.pass)) : "–";
    return `| ${r.title} | ${verdict(checks.every((c) => c.pass))} | ${scaled} | ${
      checks
        .filter((c) => !c.pass)
        .map((c) => `${c.name} (${c.detail})`)
        .join("; ") || "–"
    } |`;
  });
  const factor = results.find((r) => r.id === "calibration")?.exports?.factor;
  const lines = [
    "# Benchmark results",
    "",
    `Measured ${machine.date.slice(0, 16).replace("T", " ")} UTC on ${machine.cpu}, ${machine.memory} RAM; ${machine.postgres} (shared_buffers ${machine.sharedBuffers}), Node ${machine.node}; the app ran as ${machine.appProcesses ?? 1} server process${(machine.appProcesses ?? 1) === 1 ? "" : "es"} (WEB_CONCURRENCY).`,
    `Data set: ${opts.dataSet} — database ${machine.databaseSize}; rows: ${Object.entries(machine.rows)
      .map(([t, n]) => `${t} ${n.toLocaleString("en-GB")}`)
      .join(", ")}.`,
    "The load generator (autocannon), the app, PostgreSQL and the ceilings share the same 2 cores, so absolute figures drift between runs: read the ratios to the ceilings measured in the same run.",
    "",
    ...(factor
      ? [
          `This machine ran the reference operation of the published ceilings (a person read and its audit row behind a bare Node page) at ${factor.toFixed(2)}× the speed of the machine the targets were set on (first section below). Each target is judged as written and scaled to this machine by that factor.`,
        ]
      : []),
    "",
    "## Verdicts",
    "",
    "| scenario | targets as written | scaled to this machine | what failed as written |",
    "|---|---|---|---|",
    ...verdicts,
    ...opts.failures.map(
      (f) => `| ${f.id} | **did not run** | ${f.error.split("\n")[0].replace(/\|/g, "/").slice(0, 300)} |`,
    ),
    "",
  ];
  for (const r of results) {
    lines.push(`## ${r.title}`, "", `Load: ${r.load}. Target: ${r.target}.`, "");
    lines.push(
      "| measured | connections | requests | throughput | p50 | p95 | p99 | errors | server CPU per request | server memory start → peak → end |",
      "|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const m of r.measurements) {
      const mem = m.memory ? `${mb(m.memory.start)} → ${mb(m.memory.peak)} → ${mb(m.memory.end)}` : "–";
      lines.push(
        `| ${m.label} | ${m.connections} | ${m.requests.toLocaleString("en-GB")} | ${perSecond(m.throughput)} | ${ms(m.latency.p50)} | ${ms(m.latency.p95)} | ${ms(m.latency.p99)} | ${m.errors} | ${m.cpuMsPerRequest === undefined ? "–" : ms(m.cpuMsPerRequest)} | ${mem} |`,
      );
    }
    if (r.ratios.length) lines.push("", ...r.ratios.map((x) => `- ${x.label}: **${x.value}**`));
    lines.push("", "| check | result | measured | scaled to this machine |", "|---|---|---|---|");
    const scaledCell = (c: Check) => (c.scaled ? `${c.scaled.pass ? "pass" : "FAIL"}: ${c.scaled.detail}` : "–");
    for (const c of r.targets)
      lines.push(`| target: ${c.name} | ${c.pass ? "pass" : "FAIL"} | ${c.detail} | ${scaledCell(c)} |`);
    for (const c of r.invariants)
      lines.push(`| invariant: ${c.name} | ${c.pass ? "pass" : "FAIL"} | ${c.detail} | – |`);
    if (r.notes.length) lines.push("", ...r.notes.map((n) => `- ${n}`));
    lines.push("");
  }
  if (opts.findings.trim()) lines.push(opts.findings.trim(), "");
  return lines.join("\n");
}
