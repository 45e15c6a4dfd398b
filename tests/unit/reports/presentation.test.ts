// What the report prints for tables with nothing to show: one sentence instead of a page of dashes and "*", in the
// HTML (reportItems) and in the PDF (read back with pdftotext).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { FigureTable } from "../../../app/outcomes/model";
import type { ReportModel } from "../../../app/reports/model";
import { renderReportPdfInThread } from "../../../app/reports/pdf/render.server";
import { printedTables, reportItems } from "../../../app/reports/presentation";
import { ReportView } from "../../../app/reports/ui/ReportView";
import { fixtureReportModel, measureOverview, measureTable } from "../../fixtures/report-model";

const ucla = measureTable("UCLA 3-item loneliness scale", "ucla3", 130, 85);
const djg = measureTable("De Jong Gierveld 6-item loneliness scale", "djg6", 0, 0);
const wemwbs = measureTable("Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)", "wemwbs", 0, 0);
const ons4a = measureTable("ONS4 personal wellbeing", "life", 0, 0);
const ons4b = measureTable("ONS4 personal wellbeing", "worthwhile", 0, 0);
const onsDirect = measureTable("ONS direct loneliness question", "frequency", 50, 12);
const noFollowUp = measureTable("Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)", "swemwbs", 40, 0);
const measures = [ucla, djg, wemwbs, ons4a, ons4b, onsDirect, noFollowUp];
const outcomes = [measureOverview(measures), ...measures];

function withOutcomes(tables: FigureTable[]): ReportModel {
  const model = fixtureReportModel();
  model.figures.sections = model.figures.sections.map((s) => (s.id === "outcomes" ? { ...s, tables } : s));
  return model;
}

describe("what the report prints for a section", () => {
  const items = reportItems(outcomes);
  const sentences = items.flatMap((i) => (i.kind === "sentence" ? [i.text] : []));
  const tables = new Map(items.flatMap((i) => (i.kind === "table" ? [[i.table.id, i.table] as const] : [])));

  it("says in one line per instrument that no one completed it, instead of its table", () => {
    expect(sentences).toEqual([
      "No one completed the De Jong Gierveld 6-item loneliness scale in this period.",
      "No one completed the Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS) in this period.",
      "No one completed the ONS4 personal wellbeing questions in this period.",
    ]);
    expect([...tables.keys()]).toEqual(["outcomes-summary", "outcome-ucla3", "outcome-frequency", "outcome-swemwbs"]);
  });

  it("keeps a measure with change figures whole", () => {
    expect(tables.get("outcome-ucla3")).toBe(ucla);
  });

  it("says once why a measure below the minimum pairs has no change figures, and prints no row of *", () => {
    const ons = tables.get("outcome-frequency")!;
    expect(ons.rows.map((r) => r[0])).toEqual([
      "People with a baseline",
      "Of them, with a follow-up by now",
      "Paired-completion rate (%)",
      "People with a baseline and a follow-up (pairs)",
      "Mean at baseline",
      "Mean at follow-up",
    ]);
    // The confidence limits' columns held only dashes once the change rows went.
    expect(ons.columns.map((c) => c.key)).toEqual(["figure", "value"]);
    expect(ons.note).toMatch(/^Change figures are not shown: they need at least 30 people/);
    // Every value printed is the published one, unchanged.
    for (const row of ons.rows) expect(onsDirect.rows.find((r) => r[0] === row[0])!.slice(0, 2)).toEqual(row);
    const none = tables.get("outcome-swemwbs")!;
    expect(none.note).toMatch(/^No one had a follow-up in this period/);
    expect(none.rows.flat()).not.toContain("*");
  });

  it("leaves measures with no pairs out of the overview and its chart", () => {
    const overview = tables.get("outcomes-summary")!;
    expect(overview.rows.map((r) => r[0])).toEqual([
      "ucla3 total (0 to 6, lower is better)",
      "frequency total (0 to 6, lower is better)",
    ]);
    expect(printedTables(outcomes).find((t) => t.id === "outcomes-summary")!.rows).toHaveLength(2);
  });

  it("turns a table of nothing but dashes, zeros or * into one sentence naming it, and keeps withheld tables", () => {
    const empty: FigureTable = { ...ucla, id: "declines", title: "Declines by reason", rows: [], note: undefined };
    const zeros: FigureTable = { ...ucla, id: "groups", title: "Group size", rows: [["A", 0, null, null]] };
    const stars: FigureTable = { ...ucla, id: "stars", title: "By sex", rows: [["Female", "*", null, "*"]] };
    const withheld: FigureTable = { ...ucla, id: "w", rows: [], withheld: "Not shown: too few." };
    expect(reportItems([empty, zeros, stars, withheld])).toEqual([
      { kind: "sentence", id: "declines", title: "Declines by reason", text: "None in this period." },
      { kind: "sentence", id: "groups", title: "Group size", text: "None in this period." },
      {
        kind: "sentence",
        id: "stars",
        title: "By sex",
        text: "Every figure is withheld: too few people to show (see Methods).",
      },
      { kind: "table", table: withheld },
    ]);
  });

  it("prints the same in the HTML report", () => {
    const html = renderToStaticMarkup(
      createElement(ReportView, {
        model: withOutcomes(outcomes),
        sha256: "0".repeat(64),
        pdfHref: "/x.pdf",
        pdfBytes: 1000,
      }),
    );
    expect(html).toContain("No one completed the De Jong Gierveld 6-item loneliness scale in this period.");
    expect(html).not.toContain("djg6 total");
    expect(html.match(/Change figures are not shown/g)).toHaveLength(1);
  });
});

const poppler = spawnSync("pdftotext", ["-v"]).status === 0;

describe.skipIf(!poppler)("the PDF of a report with measures nobody completed", () => {
  it("prints one line for each, no table of * for a measure below the minimum pairs, and the same bytes again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "report-presentation-"));
    try {
      const options = { createdAt: new Date("2026-10-02T08:30:00.000Z"), documentId: "report-presentation" };
      const pdf = await renderReportPdfInThread(withOutcomes(outcomes), options);
      const file = join(dir, "report.pdf");
      writeFileSync(file, pdf);
      const out = spawnSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
      const text = out.stdout.replace(/\s+/g, " ");
      expect(text).toContain("No one completed the De Jong Gierveld 6-item loneliness scale in this period.");
      expect(text).toContain("No one completed the ONS4 personal wellbeing questions in this period.");
      expect(text).not.toContain("djg6 total");
      expect(text.match(/Change figures are not shown/g)).toHaveLength(1);
      // The measure below the minimum keeps its counts and means, and has no change rows.
      const ons = text.slice(text.lastIndexOf("ONS direct loneliness question: frequency"));
      expect(ons).toMatch(/People with a baseline 50 /);
      expect(ons.slice(0, ons.indexOf("Change figures are not shown"))).not.toContain("Mean change");
      const again = await renderReportPdfInThread(withOutcomes(outcomes), options);
      expect(Buffer.compare(Buffer.from(again), Buffer.from(pdf))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
