import { describe, expect, it } from "vitest";
import type { PublishedFigures } from "../../../app/outcomes/model";
import { normaliseChecksum, uploadProblem } from "../../../app/reports/check";
import { costFormSchema, formatPounds } from "../../../app/reports/costs";
import { reportFileName, reportPeriod, reportRequestSchema } from "../../../app/reports/params";
import { selectQuotes } from "../../../app/reports/quotes";
import { executiveSummary } from "../../../app/reports/summary";
import { valueForMoney } from "../../../app/reports/value-for-money";

const period = { key: "2026-Q3", kind: "quarter" as const, label: "Q3 2026", from: "2026-07-01", to: "2026-09-30" };
const rule = { code: "nhs_small_numbers" as const, name: "NHS rule", description: "" };
function figures(rows: (string | number | null)[][], over: Partial<PublishedFigures> = {}): PublishedFigures {
  return {
    filters: { period: period.key },
    period,
    asOf: "2026-10-01T00:00:00Z",
    rule,
    sections: [
      {
        id: "headline",
        title: "Headline figures",
        tables: [
          {
            id: "headline",
            title: "Headline figures",
            meta: { from: period.from, to: period.to, countsBy: "x", population: "y", n: 100 },
            columns: [
              { key: "figure", label: "Figure", numeric: false },
              { key: "value", label: "Value", numeric: true },
              { key: "low", label: "low", numeric: true },
              { key: "high", label: "high", numeric: true },
            ],
            rows,
          },
        ],
      },
    ],
    ...over,
  };
}

describe("executive summary", () => {
  const scope = { kind: "service" as const, label: "Whole service" };
  it("gives each headline figure in words, with what changed", () => {
    const now = figures([
      ["People referred", 110, null, null],
      ["Referrals that led to attending (%)", 63, null, null],
      ["Mean change in loneliness", -0.61, -0.93, -0.29],
    ]);
    const before = figures(
      [
        ["People referred", 120, null, null],
        ["Referrals that led to attending (%)", 63, null, null],
        ["Mean change in loneliness", -0.7, -1, -0.4],
      ],
      { period: { ...period, key: "2026-Q2", label: "Q2 2026" } },
    );
    expect(executiveSummary(scope, now, before)).toEqual([
      "This report covers the whole service for Q3 2026 (1 Jul 2026 to 30 Sept 2026).",
      "People referred: 110, down from 120 in Q2 2026.",
      "Referrals that led to attending: 63%, the same as in Q2 2026.",
      "Mean change in loneliness: −0.6 (95% confidence interval −0.9 to −0.3), compared with −0.7 in Q2 2026.",
    ]);
  });
  it("says so in words when the view is withheld or nobody was counted, and prints no numbers", () => {
    const withheld = executiveSummary(
      scope,
      figures([], { withheld: "Not shown: this view covers fewer than 8 people.", sections: [] }),
      null,
    );
    expect(withheld[1]).toMatch(
      /^Too few people were supported in the whole service .*\(this view covers fewer than 8 people\)\.$/,
    );
    const empty = figures([]);
    empty.sections[0].tables[0].meta.n = 0;
    expect(executiveSummary(scope, empty, null)[1]).toMatch(/^No one was referred/);
  });
  it("shows a suppressed value as too few to show", () => {
    expect(executiveSummary(scope, figures([["Self-referrals", "*", null, null]]), null)).toContain(
      "Self-referrals: too few to show.",
    );
  });
});

/** One person's quote as the report publishes it, or null when it is left out. */
const published = (text: string, names: (string | null)[] = []) =>
  selectQuotes([{ personId: "p", text, names, category: null }])[0]?.text ?? null;

describe("quotes", () => {
  it("refuses quotes naming the person or holding contact details, whole", () => {
    expect(published("Everyone says hello Mary now", ["Mary", "Quill", null])).toBeNull(); // names the person
    expect(published("MARY's group is great", ["Mary"])).toBeNull(); // names the person
    expect(published("Rosemary's garden is lovely", ["Mary"])).toBe("Rosemary's garden is lovely");
    expect(published("Ring me on 01455 123456")).toBeNull(); // a long number
    expect(published("Write to me at a@b.org")).toBeNull(); // an email address
    expect(published("I moved to LE10 1QU last year")).toBeNull(); // a postcode
    expect(published("I have made two new friends.", ["Pete"])).toBe("I have made two new friends.");
  });
  it("publishes one clean quote per person with its context", () => {
    expect(published(' "Tuesday\'s call  helps." ')).toBe("Tuesday's call helps.");
    const quotes = selectQuotes([
      { personId: "a", text: "First words", names: ["Ann"], category: "Befriending" },
      { personId: "a", text: "Second words", names: ["Ann"], category: "Befriending" },
      { personId: "b", text: "Ann said hello", names: ["Bea"], category: null },
      { personId: "c", text: "Thanks Bob", names: ["Bob"], category: null },
    ]);
    expect(quotes).toEqual([
      { text: "First words", context: "Someone who took part in befriending" },
      { text: "Ann said hello", context: "Someone supported by a link worker or Local Area Coordinator" },
    ]);
  });
});

/** The pence the cost form reads from what was typed, or null when it refuses it. */
function pence(cost: string) {
  const parsed = costFormSchema.safeParse({ period: "2026-Q3", scope: "service", cost });
  return parsed.success ? parsed.data.cost : null;
}

describe("costs and value for money", () => {
  it("reads pounds as people type them, and refuses anything else", () => {
    expect(pence("12500")).toBe(1_250_000);
    expect(pence("£12,500.5")).toBe(1_250_050);
    expect(pence(" 0.99 ")).toBe(99);
    for (const bad of ["", "12,50", "1.234", "-5", "12 500", "ten", "1e5"]) expect(pence(bad)).toBeNull();
    expect(formatPounds(1_250_000)).toBe("£12,500");
    expect(formatPounds(1_250_050)).toBe("£12,500.50");
  });
  it("divides by published counts only, marking hidden ones", () => {
    const vfm = valueForMoney(4_300_000, { supported: 110, completing: "*", improved: 0 });
    expect(vfm).toMatchObject({
      cost: 43_000,
      perPersonSupported: 391,
      perPersonCompleting: "*",
      perPersonImproved: null,
    });
  });
});

/** The scope the report request form reads from its value, or null when it refuses it. */
function scope(value: string) {
  const parsed = reportRequestSchema.safeParse({ period: "2026-Q3", scope: value });
  return parsed.success ? parsed.data.scope : null;
}

describe("request and check inputs", () => {
  it("takes months, quarters and financial years that have begun, not the last 12 months or the future", () => {
    expect(reportPeriod("2026-Q3", "2026-11-29")).toMatchObject({ ok: true, period: { from: "2026-07-01" } });
    expect(reportPeriod("FY2026", "2026-11-29")).toMatchObject({ ok: true });
    expect(reportPeriod("2027-01", "2026-11-29")).toMatchObject({ ok: false });
    expect(reportPeriod("L12-2026-10", "2026-11-29")).toMatchObject({ ok: false });
  });
  it("reads a scope's form value", () => {
    expect(scope("service")).toEqual({ kind: "service" });
    expect(scope("district:melton")).toEqual({ kind: "district", id: "melton" });
    expect(scope("person:1")).toBeNull();
    expect(scope("provider:'; drop table")).toBeNull();
  });
  it("names the PDF without the scope's name", () => {
    expect(reportFileName({ scope: { kind: "provider" }, periodKey: "2026-Q3", sha256: "ab".repeat(32) })).toBe(
      "connect-well-outcomes-provider-2026-Q3-abababab.pdf",
    );
  });
  it("accepts a checksum however it is pasted, and a PDF by its first bytes", () => {
    expect(normaliseChecksum(` SHA256:${"AB".repeat(32)} `)).toBe("ab".repeat(32));
    expect(normaliseChecksum("ab".repeat(31))).toBeNull();
    expect(uploadProblem({ size: 5, bytes: new TextEncoder().encode("%PDF-") })).toBeNull();
    expect(uploadProblem({ size: 5, bytes: new TextEncoder().encode("hello") })).toMatch(/not a PDF/);
    expect(uploadProblem({ size: 11 * 1024 * 1024 })).toMatch(/larger than 10 MB/);
    expect(uploadProblem(null)).toMatch(/Choose/);
  });
});
