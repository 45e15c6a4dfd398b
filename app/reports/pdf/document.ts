// The outcome report as a pdfmake document definition: pure (a ReportModel and its drawn charts in, a plain object
// out), so the layout is unit-tested without rendering and the same input always gives the same document.
// The PDF is the printable copy; the HTML report is the accessible version and the PDF says so and links to it.
import type { Content, ContentTable, CustomTableLayout, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import type { Cell, FigureColumn, FigureTable, PublishedFigures } from "../../outcomes/model";
import { formatIsoDate } from "../../ui/format";
import type { ReportModel } from "../model";
import { type ReportItem, reportItems } from "../presentation";

/** A chart drawn for the document: an image (data URL, PNG) and its display size in CSS pixels. */
export interface DocumentChart {
  dataUrl: string;
  width: number;
  height: number;
}

export interface ReportDocumentOptions {
  /** Drawn charts by table id; a table with a chart but no image here is printed as its table alone. */
  charts: Record<string, DocumentChart>;
  /** The archive's creation instant: the PDF's CreationDate and ModDate. */
  createdAt: Date;
  /** The site's origin (https://connect-well.example.nhs.uk): makes the HTML version's link absolute. */
  baseUrl?: string;
  /** The family registered with pdfmake for the text; "DejaVu Sans" by default. */
  font?: string;
}

const TEXT = "#212b32";
const SECONDARY = "#4c6272";
const NHS_BLUE = "#005eb8";
const BORDER = "#d8dde0";
const PALE = "#f0f4f5";

/** Printed width of the content area on A4 with the document's margins, in points. */
export const CONTENT_WIDTH = 595.28 - 2 * 50;

const LONDON_DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

/** An instant as people in Leicestershire read it: "2 October 2026, 09:30". */
export function formatLondonDateTime(iso: string | Date): string {
  return LONDON_DATE_TIME.format(new Date(iso));
}

/** A number as printed: grouped thousands, up to 2 decimals, a true minus sign. */
export function formatNumber(value: number): string {
  return value.toLocaleString("en-GB", { maximumFractionDigits: 2 }).replace(/^-/, "−");
}

/**
 * A published cell as printed: numbers formatted with the column's unit, `"*"` kept (it is explained in Methods),
 * `null` as an en dash ("no figure"), text as given.
 */
export function formatCell(cell: Cell, column?: Pick<FigureColumn, "unit">): string {
  if (cell === null) return "–";
  if (typeof cell === "number") return `${formatNumber(cell)}${column?.unit ?? ""}`;
  return cell;
}

/** Pounds as printed: "£1,180", or "*" when withheld. */
export function formatPounds(cell: Cell): string {
  if (typeof cell === "number") return `£${cell.toLocaleString("en-GB", { maximumFractionDigits: 0 })}`;
  return formatCell(cell);
}

function dateRange(from: string, to: string): string {
  return `${formatIsoDate(from)} to ${formatIsoDate(to)}`;
}

/** The line under a table's title: what it counts, by which date, over which window, and its n. */
export function metaLine(table: FigureTable): string {
  const m = table.meta;
  const n = m.n === null ? "" : ` n = ${formatCell(m.n)}.`;
  return `${m.population[0].toUpperCase()}${m.population.slice(1)}, counted by ${m.countsBy} date, ${dateRange(m.from, m.to)}.${n}`;
}

/** The HTML version's address as printed and linked: absolute when the site's origin is known. */
export function htmlAddress(model: ReportModel, baseUrl?: string): string {
  return baseUrl ? new URL(model.htmlPath, baseUrl).toString() : model.htmlPath;
}

// Horizontal rules only, a heavier one under the header: the NHS.UK table style on paper.
const figureTableLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 ? 0 : i === (node.table.headerRows ?? 0) ? 1.2 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === (node.table.headerRows ?? 0) ? TEXT : BORDER),
  paddingLeft: (i) => (i === 0 ? 0 : 6),
  paddingRight: (i, node) => (i === (node.table.widths?.length ?? 1) - 1 ? 0 : 6),
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

function heading(text: string, level: 1 | 2, extra: Partial<Record<string, unknown>> = {}): Content {
  return {
    text,
    style: level === 1 ? "h1" : "h2",
    tocItem: true,
    tocStyle: level === 1 ? { bold: true } : { fontSize: 9, color: TEXT },
    tocMargin: level === 1 ? [0, 6, 0, 0] : [14, 2, 0, 0],
    ...extra,
  } as Content;
}

/** A figure table as a pdfmake table: header row repeated on every page it spans, numbers right-aligned. */
export function figureTableContent(table: FigureTable): ContentTable {
  const header: TableCell[] = table.columns.map((c) => ({
    text: c.label,
    style: "tableHeader",
    alignment: c.numeric ? "right" : "left",
  }));
  const body: TableCell[][] = table.rows.map((row) =>
    table.columns.map((c, i) => ({
      text: formatCell(row[i] ?? null, c),
      alignment: c.numeric ? "right" : "left",
      noWrap: c.numeric,
    })),
  );
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: table.columns.map((_, i) => (i === 0 ? "*" : "auto")),
      body: [header, ...body],
    },
    layout: figureTableLayout,
    style: "figureTable",
  };
}

function withheldBox(reason: string): Content {
  return {
    table: {
      widths: ["*"],
      body: [[{ text: [{ text: "Not shown. ", bold: true }, reason], margin: [8, 6, 8, 6] }]],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i) => (i === 0 ? 4 : 0),
      vLineColor: () => "#ffb81c",
      fillColor: () => PALE,
    },
    margin: [0, 4, 0, 10],
  };
}

/** Tables up to this many rows move to the next page whole rather than leave a row or two behind. */
export const KEEP_TOGETHER_ROWS = 12;

/**
 * One figure: its title (in the contents), what it counts, its chart, its table, and its note or withheld reason.
 * The title always stays with its chart (or with a short table); a long table breaks across pages, repeating its
 * header row, with at least one row under the header.
 */
export function figureContent(table: FigureTable, charts: Record<string, DocumentChart>): Content[] {
  const title: Content[] = [heading(table.title, 2), { text: metaLine(table), style: "meta" }];
  if (table.withheld) return [{ stack: [...title, withheldBox(table.withheld)], unbreakable: true }];
  const chart = table.chart ? charts[table.id] : undefined;
  const short = table.rows.length <= KEEP_TOGETHER_ROWS;
  const tableBlock: Content[] = [
    ...(chart ? [{ text: "The figures in the chart:", style: "small", margin: [0, 0, 0, 2] } as Content] : []),
    figureTableContent(table),
    ...(table.note ? [{ text: table.note, style: "note" } as Content] : []),
  ];
  if (!chart) {
    return short
      ? [{ stack: [...title, ...tableBlock], unbreakable: true }]
      : [{ stack: title, unbreakable: true }, ...tableBlock];
  }
  const width = Math.min(CONTENT_WIDTH, chart.width * 0.75);
  const figure: Content = {
    stack: [...title, { image: chart.dataUrl, width, alignment: "center", margin: [0, 4, 0, 6] }],
    unbreakable: true,
  };
  return short ? [figure, { stack: tableBlock, unbreakable: true }] : [figure, ...tableBlock];
}

/**
 * The headline table with the previous period's values beside this period's: every column of the current table
 * (confidence limits and all), with one column for the previous period's value, matched by the row's label.
 */
export function headlineComparison(model: ReportModel): Content[] {
  const current = model.figures.sections.find((s) => s.id === "headline")?.tables[0];
  if (!current || current.withheld || current.columns.length < 2) return [];
  const previous = model.previous?.sections.find((s) => s.id === "headline")?.tables[0];
  const prevLabel = previous && !previous.withheld ? model.previous?.period.label : undefined;
  const before = new Map((previous?.rows ?? []).map((r) => [String(r[0]), r[1] ?? null]));
  const [first, value, ...rest] = current.columns;
  const head = (text: string, numeric: boolean): TableCell => ({
    text,
    style: "tableHeader",
    alignment: numeric ? "right" : "left",
  });
  const header: TableCell[] = [
    head(first.label, false),
    ...(prevLabel ? [head(prevLabel, true)] : []),
    head(prevLabel ? model.period.label : value.label, true),
    ...rest.map((c) => head(c.label, c.numeric)),
  ];
  const cell = (v: Cell, c: FigureColumn, bold = false): TableCell => ({
    text: formatCell(v, c),
    alignment: c.numeric ? "right" : "left",
    bold,
  });
  const rows: TableCell[][] = current.rows.map((r) => [
    cell(r[0] ?? null, first),
    ...(prevLabel ? [cell(before.get(String(r[0])) ?? null, value)] : []),
    cell(r[1] ?? null, value, true),
    ...rest.map((c, i) => cell(r[i + 2] ?? null, c)),
  ]);
  return [
    { text: current.title, style: "h3" },
    { text: metaLine(current), style: "meta" },
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        dontBreakRows: true,
        widths: header.map((_, i) => (i === 0 ? "*" : "auto")),
        body: [header, ...rows],
      },
      layout: figureTableLayout,
      style: "figureTable",
    },
    ...(current.note ? [{ text: current.note, style: "note" } as Content] : []),
  ];
}

function cover(model: ReportModel, address: string): Content {
  const row = (label: string, value: string): TableCell[] => [
    { text: label, bold: true, color: SECONDARY },
    { text: value },
  ];
  return {
    stack: [
      { text: "Connect Well · Leicestershire social prescribing", color: NHS_BLUE, bold: true, margin: [0, 0, 0, 90] },
      { text: model.title, style: "coverTitle" },
      { text: `${model.scope.label} · ${model.period.label}`, style: "coverSubtitle" },
      {
        table: {
          widths: [120, "*"],
          body: [
            row("Scope", model.scope.label),
            row("Period", `${model.period.label} (${dateRange(model.period.from, model.period.to)})`),
            row("Figures as of", formatLondonDateTime(model.figures.asOf)),
            row("Generated", formatLondonDateTime(model.generatedAt)),
            row("Generated by", model.generatedBy),
            row("Disclosure control", model.figures.rule.name),
          ],
        },
        layout: figureTableLayout,
        margin: [0, 30, 0, 30],
      },
      {
        table: {
          widths: ["*"],
          body: [
            [
              {
                stack: [
                  { text: "The accessible version of this report is a web page", bold: true },
                  {
                    text: [
                      `This PDF is a printable copy and is not tagged for screen readers. Read the report as a web page ${address.startsWith("http") ? "at" : "in Connect Well at"} `,
                      { text: address, link: address.startsWith("http") ? address : undefined, color: NHS_BLUE },
                      " (sign in needed).",
                    ],
                  },
                ],
                margin: [10, 8, 10, 8],
              },
            ],
          ],
        },
        layout: {
          hLineWidth: () => 0,
          vLineWidth: (i) => (i === 0 ? 4 : 0),
          vLineColor: () => NHS_BLUE,
          fillColor: () => PALE,
        },
      },
      {
        text: "Official sensitive: aggregate figures only. Small numbers are withheld as described in Methods.",
        style: "small",
        margin: [0, 20, 0, 0],
      },
    ],
  };
}

function sectionTables(figures: PublishedFigures, id: string): FigureTable[] {
  return figures.sections.find((s) => s.id === id)?.tables ?? [];
}

/** A sentence standing for a table with nothing to show (app/reports/presentation.ts): one line, not a page. */
function sentenceContent(item: Extract<ReportItem, { kind: "sentence" }>): Content {
  return {
    text: item.title ? [{ text: `${item.title}. `, bold: true }, item.text] : item.text,
    margin: [0, 6, 0, 4],
  };
}

/**
 * A section of figures, as the report prints them (`reportItems`: sentences for tables with nothing to show); it
 * starts a new page unless it has nothing to show but sentences.
 */
function figureSection(
  title: string,
  tables: FigureTable[],
  charts: Record<string, DocumentChart>,
  empty: string,
): Content[] {
  const items = reportItems(tables);
  if (items.length === 0) return [heading(title, 1), { text: empty }];
  const onlySentences = items.every((i) => i.kind === "sentence");
  return [
    heading(title, 1, onlySentences ? {} : { pageBreak: "before" }),
    ...items.flatMap((i) => (i.kind === "table" ? figureContent(i.table, charts) : [sentenceContent(i)])),
  ];
}

function valueForMoney(model: ReportModel): Content[] {
  const v = model.valueForMoney;
  if (!v) return [];
  const row = (label: string, value: string): TableCell[] => [{ text: label }, { text: value, alignment: "right" }];
  return [
    heading("Value for money", 1, { pageBreak: "before" }),
    {
      text: "What the service cost for the period, divided by the number of people in each group. These are costs per person, not a social return on investment: no monetary value is put on outcomes.",
    },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: ["*", 110],
        body: [
          [
            { text: "Figure", style: "tableHeader" },
            { text: "Pounds", style: "tableHeader", alignment: "right" },
          ],
          row("Service cost for the period", formatPounds(v.cost)),
          row("Cost per person supported", formatPounds(v.perPersonSupported)),
          row("Cost per person completing", formatPounds(v.perPersonCompleting)),
          row("Cost per person with a meaningful improvement", formatPounds(v.perPersonImproved)),
        ],
      },
      layout: figureTableLayout,
      style: "figureTable",
    },
    { text: v.note, style: "note" },
  ];
}

function quotes(model: ReportModel): Content[] {
  const body: Content[] = model.quotes.length
    ? model.quotes.map(
        (q): Content => ({
          table: {
            widths: ["*"],
            body: [
              [
                {
                  stack: [
                    { text: `“${q.text}”`, italics: true, fontSize: 11 },
                    { text: `— ${q.context}`, color: SECONDARY, margin: [0, 4, 0, 0] },
                  ],
                  margin: [10, 6, 6, 6],
                },
              ],
            ],
          },
          layout: { hLineWidth: () => 0, vLineWidth: (i) => (i === 0 ? 3 : 0), vLineColor: () => NHS_BLUE },
          margin: [0, 6, 0, 6],
          unbreakable: true,
        }),
      )
    : [{ text: "No one's words were recorded with consent to quote in this period." }];
  return [
    heading("People's words", 1),
    {
      text: "Recorded with each person's consent to be quoted. Names and anything that could identify someone are left out.",
      style: "small",
    },
    ...body,
  ];
}

function methods(model: ReportModel, address: string): Content[] {
  const m = model.methods;
  return [
    heading("Methods", 1, { pageBreak: "before" }),
    { text: "Measures", style: "h3" },
    {
      ul: m.measures.map((x) => ({ text: [{ text: `${x.name}. `, bold: true }, x.copyright] })),
      margin: [0, 0, 0, 8],
    },
    { text: "Statistics", style: "h3" },
    { ul: [...m.statistics], margin: [0, 0, 0, 8] },
    { text: "Disclosure control", style: "h3" },
    { text: [{ text: `${m.rule.name}. `, bold: true }, m.rule.description] },
    {
      text: "In the tables, * marks a figure withheld under this rule, and a dash (–) means there is no figure for that row. Where a whole table is withheld, the reason is given in its place. The same rule was applied once, before the figures left the server, so this report shows the same numbers as the outcome dashboard for the same filters.",
      margin: [0, 4, 0, 8],
    },
    { text: "About this PDF", style: "h3" },
    {
      text: [
        `This PDF is a printable copy and is not tagged for assistive technology. The accessible version of this report is the web page ${address.startsWith("http") ? "at" : "in Connect Well at"} `,
        { text: address, link: address.startsWith("http") ? address : undefined, color: NHS_BLUE },
        ". Every chart is followed by a table of its figures.",
      ],
    },
  ];
}

/**
 * The report's pdfmake document definition: cover, contents, executive summary, reach, engagement, outcomes,
 * equity, value for money (only when the model has it), people's words, data quality and methods, with a running
 * header (scope and period), a "Page x of y" footer that points to the HTML version, and document metadata
 * (title, author, subject, keywords, language en-GB, creator, creation date). Charts come from `options.charts`,
 * drawn from the same tables; every chart is followed by its table.
 *
 * Pure: no file, canvas or clock is read; the same arguments give the same definition. pdfmake rewrites the
 * definition it lays out, so nothing of the model is shared with it (arrays are copied): a model can be rendered
 * again, or sent to a worker, after rendering.
 */
export function buildReportDocument(model: ReportModel, options: ReportDocumentOptions): TDocumentDefinitions {
  const { charts } = options;
  const address = htmlAddress(model, options.baseUrl);
  const running = `${model.scope.label} · ${model.period.label}`;
  const summary: Content[] = [
    heading("Executive summary", 1, { pageBreak: "before" }),
    ...(model.figures.withheld ? [withheldBox(model.figures.withheld)] : []),
    model.summary.length
      ? { ul: [...model.summary], margin: [0, 0, 0, 10] }
      : { text: "There are no headline figures for this period.", margin: [0, 0, 0, 10] },
    ...headlineComparison(model),
  ];
  const content: Content[] = [
    cover(model, address),
    {
      toc: { title: { text: "Contents", style: "h1" }, numberStyle: { color: TEXT } },
      pageBreak: "before",
    } as Content,
    ...summary,
    ...figureSection(
      "Reach",
      sectionTables(model.figures, "reach"),
      charts,
      "No reach figures for this scope and period.",
    ),
    ...figureSection(
      "Engagement",
      sectionTables(model.figures, "engagement"),
      charts,
      "No engagement figures for this scope and period.",
    ),
    ...figureSection(
      "Outcomes",
      sectionTables(model.figures, "outcomes"),
      charts,
      "No one in this scope had both a baseline and a follow-up measure in this period, so there are no outcome figures.",
    ),
    ...figureSection(
      "Equity",
      sectionTables(model.figures, "equity"),
      charts,
      "No equity breakdowns for this scope and period.",
    ),
    ...valueForMoney(model),
    ...quotes(model),
    ...figureSection("Data quality", model.dataQuality, charts, "No data quality figures for this period."),
    ...methods(model, address),
  ];

  return {
    pageSize: "A4",
    pageMargins: [50, 62, 50, 56],
    language: "en-GB",
    // The viewer's window shows the report's title rather than a file name. Not tagged: pdfmake cannot write a
    // tagged (PDF/UA) file, and the accessible version is the HTML report.
    displayTitle: true,
    tagged: false,
    info: {
      title: model.title,
      author: `Connect Well, generated by ${model.generatedBy}`,
      subject: `Social prescribing outcomes for ${model.scope.label}, ${model.period.label}`,
      keywords: "social prescribing, outcomes, loneliness, wellbeing, Leicestershire, NHS",
      creator: "Connect Well",
      producer: "Connect Well (pdfmake)",
      creationDate: options.createdAt,
      modDate: options.createdAt,
    },
    header: (currentPage) =>
      currentPage === 1
        ? null
        : {
            columns: [
              { text: "Connect Well outcome report", bold: true, width: "auto" },
              { text: running, alignment: "right" },
            ],
            style: "running",
            margin: [50, 28, 50, 0],
          },
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: `Accessible version: ${address}`, link: address.startsWith("http") ? address : undefined },
        { text: `Page ${currentPage} of ${pageCount}`, alignment: "right", width: 90 },
      ],
      style: "running",
      margin: [50, 18, 50, 0],
    }),
    content,
    defaultStyle: { font: options.font ?? "DejaVu Sans", fontSize: 9.5, lineHeight: 1.25, color: TEXT },
    styles: {
      coverTitle: { fontSize: 26, bold: true, lineHeight: 1.1, margin: [0, 0, 0, 8] },
      coverSubtitle: { fontSize: 15, color: SECONDARY },
      h1: { fontSize: 18, bold: true, margin: [0, 14, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 14, 0, 2] },
      h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      meta: { fontSize: 8.5, color: SECONDARY, margin: [0, 0, 0, 4] },
      small: { fontSize: 8.5, color: SECONDARY },
      note: { fontSize: 8.5, italics: true, color: SECONDARY, margin: [0, 2, 0, 8] },
      tableHeader: { bold: true },
      figureTable: { fontSize: 9, margin: [0, 2, 0, 8] },
      running: { fontSize: 8, color: SECONDARY },
    },
  };
}
