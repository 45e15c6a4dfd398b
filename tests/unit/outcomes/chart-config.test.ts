import { describe, expect, it } from "vitest";
import { chartConfig, chartDescription } from "../../../app/outcomes/chart-config";
import type { FigureTable } from "../../../app/outcomes/model";

const meta = {
  from: "2026-07-01",
  to: "2026-09-30",
  countsBy: "referral received",
  population: "people referred",
  n: 245,
};

const monthly: FigureTable = {
  id: "referrals-by-month",
  title: "Referrals by month",
  meta,
  columns: [
    { key: "month", label: "Month", numeric: false },
    { key: "referrals", label: "Referrals", numeric: true },
    { key: "accepted", label: "Accepted", numeric: true },
  ],
  rows: [
    ["Jul 2026", 120, 95],
    ["Aug 2026", "*", 60],
    ["Sep 2026", 45, null],
  ],
  chart: { kind: "line", valueLabel: "Number of referrals", series: ["referrals", "accepted"] },
};

const byEthnicity: FigureTable = {
  id: "referrals-by-ethnicity",
  title: "Referrals by ethnic group",
  meta,
  columns: [
    { key: "group", label: "Ethnic group", numeric: false },
    { key: "share", label: "Share of referrals", numeric: true, unit: "%" },
  ],
  rows: [
    ["Asian, Asian British or Asian Welsh", 22],
    ["White", 70],
    ["Other ethnic group", "*"],
  ],
  chart: { kind: "bar", valueLabel: "Percentage of referrals", series: ["share"] },
};

describe("chartConfig", () => {
  it("draws a line chart from the table: categories from the first column, one dataset per series", () => {
    const config = chartConfig(monthly);
    expect(config.type).toBe("line");
    expect(config.data.labels).toEqual(["Jul 2026", "Aug 2026", "Sep 2026"]);
    expect(config.data.datasets.map((d) => d.label)).toEqual(["Referrals", "Accepted"]);
    expect(config.data.datasets[0].data).toEqual([120, null, 45]);
    expect(config.data.datasets[1].data).toEqual([95, 60, null]);
  });

  it("flags suppressed values (not missing ones) for the plugin that marks them with *", () => {
    const config = chartConfig(monthly);
    expect(config.plugins?.map((p) => p.id)).toContain("suppressedMarks");
    const flags = config.data.datasets.map((d) => (d as { suppressed?: boolean[] }).suppressed);
    expect(flags).toEqual([
      [false, true, false],
      [false, false, false],
    ]);
  });

  it("never draws a suppressed value as zero", () => {
    const gaps: FigureTable = {
      ...monthly,
      rows: [
        ["Jul 2026", "*", 1],
        ["Aug 2026", null, 1],
        ["Sep 2026", "n/a", 1],
        ["Oct 2026", 0, 1],
      ],
    };
    expect(chartConfig(gaps).data.datasets[0].data).toEqual([null, null, null, 0]);
  });

  it("uses the NHS.UK palette and tells series apart by point style too", () => {
    const [a, b] = chartConfig(monthly).data.datasets as { borderColor: string; pointStyle: string }[];
    expect(a.borderColor).toBe("#005eb8"); // NHS blue
    expect(b.borderColor).toBe("#7c2855"); // dark pink
    expect(a.pointStyle).not.toBe(b.pointStyle);
  });

  it("titles both axes in words and starts values at zero", () => {
    const scales = chartConfig(monthly).options!.scales as Record<string, any>;
    expect(scales.x.title).toMatchObject({ display: true, text: "Month" });
    expect(scales.y.title).toMatchObject({ display: true, text: "Number of referrals" });
    expect(scales.y.beginAtZero).toBe(true);
  });

  it("turns a bar chart with long category labels on its side and keeps the axis titles with their axes", () => {
    const config = chartConfig(byEthnicity);
    expect(config.type).toBe("bar");
    expect(config.options!.indexAxis).toBe("y");
    const scales = config.options!.scales as Record<string, any>;
    expect(scales.y.title.text).toBe("Ethnic group");
    expect(scales.x.title.text).toBe("Percentage of referrals");
    expect(scales.x.ticks.callback(40)).toBe("40%");
    expect(config.data.labels![0]).toEqual(["Asian, Asian British", "or Asian Welsh"]);
    expect(config.data.labels![1]).toEqual(["White"]);
  });

  it("wraps longer labels under a vertical chart, and leaves short ones as they are", () => {
    const imd: FigureTable = {
      ...byEthnicity,
      rows: [
        ["1 (most deprived)", 30],
        ["3", 20],
        ["5 (least deprived)", 10],
      ],
    };
    const config = chartConfig(imd);
    expect(config.options!.indexAxis).toBe("x");
    expect(config.data.labels).toEqual([["1 (most", "deprived)"], ["3"], ["5 (least", "deprived)"]]);
    expect(chartConfig(monthly).data.labels).toEqual(["Jul 2026", "Aug 2026", "Sep 2026"]);
  });

  it("breaks a long title of the upright axis onto lines, so a short chart does not clip it", () => {
    const long = { ...monthly, chart: { ...monthly.chart!, valueLabel: "Mean metric score (higher is better)" } };
    const scales = chartConfig(long).options!.scales as Record<string, any>;
    expect(scales.y.title.text).toEqual(["Mean metric score", "(higher is better)"]);
  });

  it("keeps a bar chart with short labels upright, and stacks when asked", () => {
    const short: FigureTable = {
      ...monthly,
      chart: { kind: "bar", valueLabel: "Number of referrals", series: ["referrals", "accepted"], stacked: true },
    };
    const config = chartConfig(short);
    expect(config.options!.indexAxis).toBe("x");
    const scales = config.options!.scales as Record<string, any>;
    expect(scales.x.stacked).toBe(true);
    expect(scales.y.stacked).toBe(true);
  });

  it("has no animation, and leaves responsiveness, fonts and pixel ratio to the caller", () => {
    const browser = chartConfig(monthly);
    expect(browser.options!.animation).toBe(false);
    expect(browser.options!.responsive).toBe(true);
    expect(browser.options!.devicePixelRatio).toBeUndefined();
    const server = chartConfig(monthly, { responsive: false, devicePixelRatio: 2, fontFamily: "DejaVu Sans" });
    expect(server.options!.responsive).toBe(false);
    expect(server.options!.devicePixelRatio).toBe(2);
    expect((server.options!.font as { family: string }).family).toBe("DejaVu Sans");
  });

  it("shows a legend only when there is more than one series", () => {
    expect(chartConfig(monthly).options!.plugins!.legend!.display).toBe(true);
    expect(chartConfig(byEthnicity).options!.plugins!.legend!.display).toBe(false);
  });

  it("refuses a table without a chart, or a chart naming a column the table lacks", () => {
    expect(() => chartConfig({ ...monthly, chart: undefined })).toThrow(/no chart/);
    expect(() => chartConfig({ ...monthly, chart: { ...monthly.chart!, series: ["missing"] } })).toThrow(/missing/);
  });

  it("wraps long labels at spaces", () => {
    const labels = chartConfig({
      ...byEthnicity,
      rows: [
        ["Black, Black British, Black Welsh, Caribbean or African", 8],
        ["Short", 2],
      ],
    }).data.labels;
    expect(labels).toEqual([["Black, Black British,", "Black Welsh, Caribbean", "or African"], ["Short"]]);
  });

  it("describes the chart in words, saying where values are not shown", () => {
    expect(chartDescription(byEthnicity)).toBe(
      "Referrals by ethnic group. Percentage of referrals. Share of referrals: Asian, Asian British or Asian Welsh 22%, White 70%, Other ethnic group not shown.",
    );
  });
});
