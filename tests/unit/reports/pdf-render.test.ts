// Renders the fixture report to a real PDF and reads it back with poppler-utils (pdftotext, pdffonts, pdfinfo).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCell } from "../../../app/reports/pdf/document";
import { pdfFileId, renderReportPdfInThread } from "../../../app/reports/pdf/render.server";
import { fixtureReportModel } from "../../fixtures/report-model";

const options = { createdAt: new Date("2026-10-02T08:30:00.000Z"), documentId: "0b6f1d2e-8a4c-4f7e-9d3b-5c2a1e7f9a01" };
const poppler = spawnSync("pdftotext", ["-v"]).status === 0;
if (!poppler) console.error("pdftotext not found: install poppler-utils to run the PDF text checks");

let dir: string;
let pdf: Uint8Array;
let file: string;
const run = (cmd: string, ...args: string[]) => {
  const out = spawnSync(cmd, args, { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`${cmd} failed: ${out.stderr}`);
  return out.stdout;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "report-pdf-"));
  pdf = await renderReportPdfInThread(fixtureReportModel(), { ...options, baseUrl: "https://cw.example.nhs.uk" });
  file = join(dir, "report.pdf");
  writeFileSync(file, pdf);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("report PDF", () => {
  it("is a PDF", () => {
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  });

  it("is the same, byte for byte, when rendered again from the same model, date and id", async () => {
    const again = await renderReportPdfInThread(fixtureReportModel(), {
      ...options,
      baseUrl: "https://cw.example.nhs.uk",
    });
    expect(Buffer.compare(Buffer.from(again), Buffer.from(pdf))).toBe(0);
  }, 120_000);

  it("differs when one figure, the creation date or the id differs", async () => {
    const model = fixtureReportModel();
    model.figures.sections[1].tables[0].rows[5][1] = 490;
    const base = { ...options, baseUrl: "https://cw.example.nhs.uk" };
    const changedFigure = await renderReportPdfInThread(model, base);
    expect(Buffer.compare(Buffer.from(changedFigure), Buffer.from(pdf))).not.toBe(0);
    const changedDate = await renderReportPdfInThread(fixtureReportModel(), {
      ...base,
      createdAt: new Date("2026-10-03T08:30:00.000Z"),
    });
    expect(Buffer.compare(Buffer.from(changedDate), Buffer.from(pdf))).not.toBe(0);
    const changedId = await renderReportPdfInThread(fixtureReportModel(), {
      ...base,
      documentId: "0b6f1d2e-8a4c-4f7e-9d3b-5c2a1e7f9a02",
    });
    expect(Buffer.compare(Buffer.from(changedId), Buffer.from(pdf))).not.toBe(0);
  }, 120_000);

  it("carries the archive's id as the trailer ID and its date as the creation date", () => {
    const tail = Buffer.from(pdf.subarray(pdf.length - 600)).toString("latin1");
    const hex = pdfFileId(options.documentId).toString("hex");
    expect(hex).toBe("0b6f1d2e8a4c4f7e9d3b5c2a1e7f9a01");
    expect(tail.toLowerCase()).toContain(`/id [<${hex}> <${hex}>]`);
    const whole = Buffer.from(pdf).toString("latin1");
    // pdfkit writes the date as an indirect object: /CreationDate 589 0 R … 589 0 obj (D:…) endobj
    const ref = whole.match(/\/CreationDate (\d+) 0 R/)?.[1];
    expect(ref).toBeDefined();
    expect(whole).toContain(`\n${ref} 0 obj\n(D:20261002083000Z)\nendobj`);
    expect(whole).toContain("/Lang (en-GB)");
    expect(whole).toContain("/DisplayDocTitle true");
    expect(whole).not.toMatch(/MarkInfo|StructTreeRoot|pdfuaid/);
  });

  it("leaves the model as it was, so it can be rendered again or sent to a worker", async () => {
    const model = fixtureReportModel();
    await renderReportPdfInThread(model, options);
    expect(model).toEqual(fixtureReportModel());
    expect(() => structuredClone(model)).not.toThrow();
  }, 120_000);

  it("gives the same bytes whatever the thread laid out before (its fonts' parse and shaped words are shared)", async () => {
    const other = fixtureReportModel();
    other.title = "Another report: ffi, fl, ≥ ± – “ ” £ ✓ → and Ωμέγα";
    other.quotes = [{ text: "Ünïcödé wörds, ligatures (office, fluffy) and Кириллица", context: "Someone" }];
    const base = { ...options, baseUrl: "https://cw.example.nhs.uk" };
    const before = await renderReportPdfInThread(other, base);
    const again = await renderReportPdfInThread(fixtureReportModel(), base);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(pdf))).toBe(0);
    const otherAgain = await renderReportPdfInThread(other, base);
    expect(Buffer.compare(Buffer.from(otherAgain), Buffer.from(before))).toBe(0);
  }, 120_000);

  it("hashes any other document id into 16 bytes", () => {
    expect(pdfFileId("report-42")).toHaveLength(16);
    expect(pdfFileId("report-42").equals(pdfFileId("report-43"))).toBe(false);
  });

  it.skipIf(!poppler)("embeds every font it uses (DejaVu Sans)", () => {
    const lines = run("pdffonts", file).trim().split("\n").slice(2);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).toMatch(/DejaVuSans/);
      // columns: name type encoding emb sub uni object ID
      expect(line.split(/\s+/).slice(-5, -2)).toEqual(["yes", "yes", "yes"]);
    }
  });

  it.skipIf(!poppler)("has its title, author, subject, keywords and creator in its metadata, and is not tagged", () => {
    const info = run("pdfinfo", file);
    expect(info).toMatch(/^Title:\s+Social prescribing outcomes: whole service, July to September 2026$/m);
    expect(info).toMatch(/^Author:\s+Connect Well, generated by Priya Shah/m);
    expect(info).toMatch(/^Subject:\s+Social prescribing outcomes for Whole service/m);
    expect(info).toMatch(/^Keywords:\s+social prescribing/m);
    expect(info).toMatch(/^Creator:\s+Connect Well$/m);
    expect(info).toMatch(/^Tagged:\s+no$/m);
    expect(info).not.toMatch(/PDF\/UA/);
  });

  it.skipIf(!poppler)("renders every special glyph the report uses as text: ≥ ± – “ ” £ ✓ →", () => {
    const text = run("pdftotext", "-enc", "UTF-8", file, "-");
    for (const glyph of ["≥", "±", "–", "“", "”", "£", "✓", "→"]) expect(text, glyph).toContain(glyph);
    expect(text).toContain("“I hadn't spoken to anyone properly for weeks.");
    expect(text).toContain("£186,500");
    expect(text).toContain("✓ Yes");
    expect(text).toContain("(1,180 → 1,245)");
  });

  it.skipIf(!poppler)("prints the figures, the sections, the running header and 'Page x of y' on every page", () => {
    const text = run("pdftotext", "-enc", "UTF-8", "-layout", file, "-");
    const pages = text.split("\f").filter((p) => p.trim());
    const count = pages.length;
    expect(count).toBeGreaterThan(8);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${count}`);
      expect(page).toContain("Accessible version: https://cw.example.nhs.uk/reports/");
      if (i > 0) expect(page).toContain("Whole service · July to September 2026");
    });
    for (const heading of ["Contents", "Executive summary", "Reach", "Engagement", "Outcomes", "Equity"]) {
      expect(text).toContain(heading);
    }
    for (const heading of ["Value for money", "People's words", "Data quality", "Methods"])
      expect(text).toContain(heading);
    expect(text).toMatch(/Referrals by source[\s\S]*GP social prescriber\s+610\s+46%/);
    expect(text).toMatch(/Mean change \(95% CI\)\s+−1\.2 \(−1\.4 to −1\.0\)/);
    expect(text).toContain("Fewer than 8 people answered ONS4");
  });

  it.skipIf(!poppler)("prints every row of every published table, each value as the model gives it", () => {
    // Each table row on one line of the laid-out text: its label, then its values, in column order.
    const lines = run("pdftotext", "-enc", "UTF-8", "-layout", file, "-")
      .split("\n")
      .map((l) => l.trim().replace(/\s+/g, " "));
    const model = fixtureReportModel();
    const tables = [...model.figures.sections.flatMap((s) => s.tables), ...model.dataQuality].filter(
      (t) => !t.withheld && t.id !== "headline",
    );
    let checked = 0;
    for (const table of tables) {
      for (const row of table.rows) {
        const label = String(row[0]);
        if (label.length > 30) continue; // wraps within its cell
        const expected = [label, ...row.slice(1).map((cell, i) => formatCell(cell, table.columns[i + 1]))].join(" ");
        expect(lines, `${table.id}: ${expected}`).toContain(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it.skipIf(!poppler)(
    "repeats a long table's header row on the next page",
    async () => {
      const model = fixtureReportModel();
      const table = model.figures.sections[2].tables[2];
      table.rows = Array.from({ length: 70 }, (_, i) => [`Provider number ${i + 1}`, 10, 3, 90]);
      const long = join(dir, "long.pdf");
      writeFileSync(long, await renderReportPdfInThread(model, options));
      const pages = run("pdftotext", "-enc", "UTF-8", "-layout", long, "-").split("\f");
      const withRows = pages.filter((p) => /Provider number \d+/.test(p));
      expect(withRows.length).toBeGreaterThanOrEqual(2);
      for (const page of withRows) expect(page).toMatch(/Provider\s+Referrals\s+Median days to reply/);
    },
    120_000,
  );
});
