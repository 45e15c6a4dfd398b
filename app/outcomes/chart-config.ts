// One chart configuration for every outcome chart: the dashboard draws it in the browser (react-chartjs-2) and the
// report draws it on the server (chart.js on a Node canvas), so a chart looks the same on the page and in the PDF.
// Pure: it imports chart.js types only, touches no canvas, database or network.
import type { ChartConfiguration, ChartDataset, Plugin, ScaleOptions } from "chart.js";
import type { Cell, FigureColumn, FigureTable } from "./model";

/**
 * NHS.UK colour palette (service-manual.nhs.uk/design-system/styles/colour), in the order series take them. Each
 * has at least 3:1 contrast against white, as WCAG 1.4.11 asks of chart lines and bars; series are also told apart
 * by point style, so colour is never the only cue.
 */
const NHS_SERIES_COLOURS = [
  "#005eb8", // NHS blue
  "#7c2855", // dark pink
  "#007f3b", // green
  "#8a5a00", // dark warm yellow (the palette's warm yellow darkened to pass 3:1 on white)
  "#330072", // purple
  "#425563", // dark grey
  "#003087", // dark blue
  "#d5281b", // red
] as const;

const NHS_TEXT_COLOUR = "#212b32";
const NHS_GRID_COLOUR = "#d8dde0";

const POINT_STYLES = ["circle", "rect", "triangle", "rectRot", "crossRot", "star", "rectRounded", "cross"] as const;

/** Category labels longer than this turn a bar chart on its side, so the labels stay readable. */
const LONG_LABEL = 18;

export interface ChartConfigOptions {
  /** Resize with the container (the browser: true, the default) or keep the canvas size (the server: false). */
  responsive?: boolean;
  /** Width over height when responsive; 2 by default. */
  aspectRatio?: number;
  /** Font family of every label: the page's font in the browser, the PDF's embedded font on the server. */
  fontFamily?: string;
  /** Base font size in CSS pixels; 13 by default. */
  fontSize?: number;
  /** Device pixel ratio (2 on the server for a sharp print); the browser's own when absent. */
  devicePixelRatio?: number;
}

export type OutcomeChartType = "line" | "bar";
/** Category labels are strings, or lines of one label when a long label is wrapped on a horizontal chart. */
export type OutcomeChartConfiguration = ChartConfiguration<OutcomeChartType, (number | null)[], string | string[]>;

/**
 * A published value as a chart point: numbers are drawn; `"*"` (suppressed), `null` and text are gaps, never zero,
 * so a hidden value cannot be mistaken for a real one. The table beside every chart shows why it is missing.
 */
function chartValue(cell: Cell): number | null {
  return typeof cell === "number" && Number.isFinite(cell) ? cell : null;
}

/** A dataset's suppressed points (published as `*`), by category index: marked on the chart. */
interface SuppressedFlags {
  suppressed?: boolean[];
}

/**
 * Marks each suppressed value with a `*` at the foot of its bar or point, so a withheld figure never reads as a
 * zero-height bar or a plain gap. Pure canvas drawing: the same in the browser and on the server.
 */
const suppressedMarks: Plugin<OutcomeChartType> = {
  id: "suppressedMarks",
  afterDatasetsDraw(chart) {
    const horizontal = chart.options.indexAxis === "y";
    const valueScale = horizontal ? chart.scales.x : chart.scales.y;
    if (!valueScale) return;
    const zero = valueScale.getPixelForValue(0);
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = NHS_TEXT_COLOUR;
    const font = chart.options.font as { family?: string; size?: number } | undefined;
    ctx.font = `bold ${(font?.size ?? 13) + 2}px ${font?.family ?? "sans-serif"}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    chart.data.datasets.forEach((dataset, d) => {
      const flags = (dataset as SuppressedFlags).suppressed;
      if (!flags || !chart.isDatasetVisible(d)) return;
      const elements = chart.getDatasetMeta(d).data;
      flags.forEach((flag, i) => {
        const element = elements[i];
        if (!flag || !element) return;
        const at = horizontal ? element.y : element.x;
        if (!Number.isFinite(at)) return;
        if (horizontal) ctx.fillText("*", zero + 8, at);
        else ctx.fillText("*", at, zero - 9);
      });
    });
    ctx.restore();
  },
};

/** A category (x axis) label from the table's first column: text as given, numbers as written, gaps as "Not known". */
function categoryLabel(cell: Cell): string {
  if (cell === null || cell === "") return "Not known";
  return String(cell);
}

/** A long label broken into lines of at most `width` characters, at spaces (a single long word keeps its line). */
function wrapLabel(label: string, width = 22): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Category labels as drawn: on a horizontal chart long labels wrap at 22 characters; under a vertical chart, when
 * any label is longer than 12, every label wraps at 14, so labels sit level instead of slanting.
 */
function wrapLabels(labels: string[], horizontal: boolean): (string | string[])[] {
  if (horizontal) return labels.map((l) => wrapLabel(l));
  if (labels.some((l) => l.length > 12)) return labels.map((l) => wrapLabel(l, 14));
  return labels;
}

/**
 * A title for the upright (y) axis: over 30 characters, broken onto lines of about equal length, so a short chart
 * never clips it.
 */
function uprightTitle(title: string): string | string[] {
  if (title.length <= 30) return title;
  const lines = Math.ceil(title.length / 30);
  return wrapLabel(title, Math.ceil(title.length / lines) + 2);
}

function seriesColumns(table: FigureTable): FigureColumn[] {
  const chart = table.chart;
  if (!chart) return [];
  return chart.series.map((key) => {
    const column = table.columns.find((c) => c.key === key);
    if (!column) throw new Error(`chart of table ${table.id} names a column it does not have: ${key}`);
    return column;
  });
}

/** The unit shared by every series ("%", " days"), or "" when they differ or have none. */
function sharedUnit(columns: FigureColumn[]): string {
  const units = new Set(columns.map((c) => c.unit ?? ""));
  return units.size === 1 ? [...units][0] : "";
}

/**
 * The chart.js configuration for a table's chart (`table.chart`), the same in the browser and on the server.
 *
 * - Categories are the first column's values; each `chart.series` column is one dataset, in the NHS.UK palette,
 *   with its own point style. Suppressed (`*`) or missing values are gaps (`null`), never zero, and a suppressed
 *   one is marked `*` on the chart (the `suppressedMarks` plugin, included in the configuration).
 * - Axis titles: the values' axis is `chart.valueLabel`, the categories' axis is the first column's label.
 * - Values start from zero (bars must; lines do so the size of a change is not exaggerated).
 * - Bar charts whose category labels are long are drawn horizontally, with the labels wrapped onto lines.
 *   `stacked` stacks bars or lines.
 * - Animation is off (nothing moves for people who are sensitive to motion, and a server render must finish in
 *   one pass); the caller chooses responsiveness and fonts through `options`.
 *
 * @throws Error when the table has no chart, or its chart names a column the table does not have.
 */
export function chartConfig(table: FigureTable, options: ChartConfigOptions = {}): OutcomeChartConfiguration {
  const chart = table.chart;
  if (!chart) throw new Error(`table ${table.id} has no chart`);
  const series = seriesColumns(table);
  const categoryColumn = table.columns[0];
  const labels = table.rows.map((row) => categoryLabel(row[0]));
  const fontSize = options.fontSize ?? 13;
  const font = { family: options.fontFamily ?? "Frutiger W01, Arial, sans-serif", size: fontSize };
  const horizontal = chart.kind === "bar" && labels.some((l) => l.length > LONG_LABEL);
  const unit = sharedUnit(series);

  const datasets = series.map((column, i): ChartDataset<OutcomeChartType, (number | null)[]> => {
    const colour = NHS_SERIES_COLOURS[i % NHS_SERIES_COLOURS.length];
    const index = table.columns.indexOf(column);
    const data = table.rows.map((row) => chartValue(row[index]));
    const suppressed = table.rows.map((row) => row[index] === "*");
    if (chart.kind === "line") {
      return {
        type: "line",
        label: column.label,
        data,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 3,
        pointRadius: 4,
        pointStyle: POINT_STYLES[i % POINT_STYLES.length],
        tension: 0,
        spanGaps: false,
        fill: false,
        suppressed,
      } as ChartDataset<OutcomeChartType, (number | null)[]>;
    }
    return {
      type: "bar",
      label: column.label,
      data,
      backgroundColor: colour,
      borderColor: "#ffffff",
      borderWidth: series.length > 1 ? 1 : 0,
      maxBarThickness: 48,
      suppressed,
    } as ChartDataset<OutcomeChartType, (number | null)[]>;
  });

  const valueAxis: ScaleOptions<"linear"> = {
    type: "linear",
    beginAtZero: true,
    stacked: chart.stacked ?? false,
    grid: { color: NHS_GRID_COLOUR },
    border: { color: NHS_TEXT_COLOUR },
    ticks: { color: NHS_TEXT_COLOUR, font, precision: 2, ...(unit ? { callback: (v) => `${v}${unit}` } : {}) },
    title: {
      display: true,
      text: horizontal ? chart.valueLabel : uprightTitle(chart.valueLabel),
      color: NHS_TEXT_COLOUR,
      font: { ...font, weight: "bold" },
    },
  };
  const categoryAxis: ScaleOptions<"category"> = {
    type: "category",
    stacked: chart.stacked ?? false,
    grid: { display: false },
    border: { color: NHS_TEXT_COLOUR },
    ticks: { color: NHS_TEXT_COLOUR, font, autoSkip: false, maxRotation: 45 },
    title: {
      display: true,
      text: horizontal ? uprightTitle(categoryColumn.label) : categoryColumn.label,
      color: NHS_TEXT_COLOUR,
      font: { ...font, weight: "bold" },
    },
  };

  return {
    type: chart.kind,
    plugins: [suppressedMarks],
    data: { labels: wrapLabels(labels, horizontal), datasets },
    options: {
      indexAxis: horizontal ? "y" : "x",
      responsive: options.responsive ?? true,
      maintainAspectRatio: true,
      aspectRatio: options.aspectRatio ?? 2,
      animation: false,
      ...(options.devicePixelRatio ? { devicePixelRatio: options.devicePixelRatio } : {}),
      color: NHS_TEXT_COLOUR,
      font,
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: {
          display: series.length > 1,
          position: "bottom",
          // Lines are told apart by their point style, so the legend shows it; bars by colour, as squares.
          labels: { color: NHS_TEXT_COLOUR, font, usePointStyle: chart.kind === "line", boxWidth: 14 },
        },
        title: { display: false },
        tooltip: {
          callbacks: {
            label: (item) =>
              item.raw === null
                ? `${item.dataset.label}: not shown`
                : `${item.dataset.label}: ${item.formattedValue}${series[item.datasetIndex]?.unit ?? ""}`,
          },
        },
      },
    },
  } as OutcomeChartConfiguration;
}

/**
 * A chart in words, for the canvas's accessible label: its title, axis and each series' values in order, with
 * suppressed values said as "not shown". Example: "Referrals by month. Referrals: Jul 2026 120, Aug 2026 not shown."
 */
export function chartDescription(table: FigureTable): string {
  const chart = table.chart;
  if (!chart) return table.title;
  const series = seriesColumns(table);
  const parts = series.map((column) => {
    const index = table.columns.indexOf(column);
    const points = table.rows.map((row) => {
      const v = chartValue(row[index]);
      return `${categoryLabel(row[0])} ${v === null ? "not shown" : `${v}${column.unit ?? ""}`}`;
    });
    return `${column.label}: ${points.join(", ")}`;
  });
  return `${table.title}. ${chart.valueLabel}. ${parts.join("; ")}.`;
}
