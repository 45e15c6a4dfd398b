import { describe, expect, it } from "vitest";
import { csvFileName, figureTableCsv, type CsvContext } from "../../../app/outcomes/csv";
import type { Cell, FigureTable } from "../../../app/outcomes/model";

const context: CsvContext = {
  period: {
    key: "L12-2026-10",
    kind: "last12",
    label: "12 months to October 2026",
    from: "2025-11-01",
    to: "2026-10-31",
  },
  rule: {
    code: "nhs_small_numbers",
    name: "NHS England small-number rule",
    description: "Counts from 1 to 7 are shown as *, other counts are rounded to the nearest 5.",
  },
  asOf: "2026-11-29T10:45:00Z",
  filters: ["District: Melton", "Age band: 75 and over"],
};

const table: FigureTable = {
  id: "outcomes-ucla3",
  title: "Change in loneliness (UCLA-3)",
  meta: {
    from: "2025-11-01",
    to: "2026-10-31",
    countsBy: "follow-up measure date",
    population: "people with a baseline and a follow-up",
    n: 35,
  },
  columns: [
    { key: "figure", label: "Figure", numeric: false },
    { key: "value", label: "Value", numeric: true },
    { key: "share", label: "Share", numeric: true, unit: "%" },
  ],
  rows: [
    ["Mean change", -1.8, null],
    ["95% CI, low", -2.4, null],
    ["Improved", "*", "*"],
    ["Median change", -2, 60],
  ],
};

/** The records of a CSV after its byte order mark (no quoted line breaks in these fixtures). */
const records = (csv: string) => csv.replace(/^\uFEFF/, "").split("\r\n");

/** How the file writes one published cell: the second field of the row it is alone in. */
function written(cell: Cell): string {
  const csv = figureTableCsv({ ...table, columns: table.columns.slice(0, 2), rows: [["cell", cell]] }, context);
  const start = csv.indexOf("\r\ncell,") + "\r\ncell,".length;
  return csv.slice(start, csv.indexOf("\r\n\r\n", start));
}

describe("a text field: RFC 4180 quoting", () => {
  it("leaves plain text bare", () => {
    expect(written("Melton")).toBe("Melton");
    expect(written("*")).toBe("*");
  });
  it("quotes commas, doubles quotes and keeps line breaks inside quotes", () => {
    expect(written("Hinckley, Bosworth")).toBe('"Hinckley, Bosworth"');
    expect(written('the "Chatter Chairs" group')).toBe('"the ""Chatter Chairs"" group"');
    expect(written("two\nlines")).toBe('"two\nlines"');
    expect(written("two\r\nlines")).toBe('"two\r\nlines"');
  });
  it("quotes leading and trailing spaces so they survive", () => {
    expect(written(" padded ")).toBe('" padded "');
  });
});

describe("a text field: formula neutralisation", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+44 116", "'+44 116"],
    ["-1.8 to -0.5", "'-1.8 to -0.5"],
    ["@cmd", "'@cmd"],
  ])("prefixes %j with a single quote", (input, expected) => {
    expect(written(input)).toBe(expected);
  });
  it("neutralises a leading tab or carriage return, then quotes the field", () => {
    expect(written("\t=1+1")).toBe("'\t=1+1");
    expect(written("\r=1+1")).toBe(`"'\r=1+1"`);
  });
  it("neutralises before quoting, so the quote sits inside the field", () => {
    expect(written('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
  it("leaves a formula character that is not first alone", () => {
    expect(written("a=b")).toBe("a=b");
  });
});

describe("a published cell", () => {
  it("writes numbers bare, negatives included, so a spreadsheet can sum them", () => {
    expect(written(-1.8)).toBe("-1.8");
    expect(written(1250)).toBe("1250");
    expect(written(0)).toBe("0");
    expect(written(-0)).toBe("0");
  });
  it("writes the suppression mark as the page shows it, and null as an empty field", () => {
    expect(written("*")).toBe("*");
    expect(written(null)).toBe("");
  });
  it("never writes NaN or Infinity", () => {
    expect(written(Number.NaN)).toBe("");
    expect(written(Number.POSITIVE_INFINITY)).toBe("");
  });
  it("writes tiny and huge numbers without an exponent", () => {
    expect(written(1e-7)).not.toMatch(/e/i);
    expect(Number(written(1e-7))).toBeCloseTo(1e-7, 12);
    expect(written(1e21)).not.toMatch(/e/i);
  });
});

describe("figureTableCsv", () => {
  const csv = figureTableCsv(table, context);
  const lines = records(csv);

  it("starts with a UTF-8 byte order mark and ends each record with CRLF", () => {
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("states the title, the view and the meta line before the table", () => {
    expect(lines.slice(0, 9)).toEqual([
      "Change in loneliness (UCLA-3)",
      "Period,12 months to October 2026 (1 Nov 2025 to 31 Oct 2026)",
      "View,District: Melton; Age band: 75 and over",
      "Window,1 Nov 2025 to 31 Oct 2026",
      "Counts by,follow-up measure date",
      "Population,people with a baseline and a follow-up",
      "n,35",
      "Figures as of,10:45 on 29 Nov 2026",
      "",
    ]);
  });

  it("writes the header with units and the rows as published, suppression marks kept", () => {
    expect(lines.slice(9, 14)).toEqual([
      "Figure,Value,Share (%)",
      "Mean change,-1.8,",
      '"95% CI, low",-2.4,',
      "Improved,*,*",
      "Median change,-2,60",
    ]);
  });

  it("ends with the rule and what * means", () => {
    expect(lines.at(-2)).toBe(
      'Disclosure control,"NHS England small-number rule: Counts from 1 to 7 are shown as *, other counts are rounded to the nearest 5."',
    );
    expect(lines.at(-1)).toBe("");
  });

  it("writes the reason in place of the rows when the table is withheld", () => {
    const withheld = figureTableCsv(
      { ...table, rows: [], withheld: "Fewer than 30 people have a baseline and a follow-up." },
      { ...context, filters: [] },
    );
    const out = records(withheld);
    expect(out).toContain("View,Whole service");
    expect(out).toContain("Withheld,Fewer than 30 people have a baseline and a follow-up.");
    expect(out).not.toContain("Figure,Value,Share (%)");
  });

  it("neutralises text from the figures, wherever it appears", () => {
    const hostile = figureTableCsv(
      {
        ...table,
        title: "=cmd|' /C calc'!A0",
        rows: [["@SUM(1+1)", -3, "+1"]],
        note: "-2 means fewer",
      },
      context,
    );
    const out = records(hostile);
    expect(out[0]).toBe("'=cmd|' /C calc'!A0");
    expect(out).toContain("'@SUM(1+1),-3,'+1");
    expect(out).toContain("Note,'-2 means fewer");
  });
});

describe("csvFileName", () => {
  it("is built from the table id and period key only", () => {
    expect(csvFileName("outcomes-ucla3", "L12-2026-10")).toBe("connect-well-outcomes-ucla3-l12-2026-10.csv");
  });
  it("drops anything but letters, digits and hyphens", () => {
    expect(csvFileName('../../etc/"passwd"', "2026-Q3\r\n")).toBe("connect-well-etc-passwd-2026-q3.csv");
  });
});
