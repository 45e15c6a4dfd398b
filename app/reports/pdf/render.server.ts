// Renders a ReportModel to PDF bytes in the calling thread: draws its charts, builds the document definition and
// lays it out with pdfmake. Synchronous CPU work of a few hundred milliseconds: the app calls it through the
// worker pool (app/reports/pdf-worker-pool.server.ts), never on a request's event loop.
import { createHash } from "node:crypto";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces";
import { drawChartPng } from "../charts.server";
import type { ReportModel } from "../model";
import { printedTables } from "../presentation";
import { buildReportDocument, type DocumentChart } from "./document";
import { REPORT_FONT, REPORT_FONT_FILES, reportFontBytes } from "./fonts.server";
import { shareReportFonts } from "./shared-fonts.server";

export interface RenderReportOptions {
  /** The archive's creation instant: written as the PDF's CreationDate and ModDate. */
  createdAt: Date;
  /** The archive's id for the report (a UUID): the PDF's trailer ID is derived from it, never from the clock. */
  documentId: string;
  /** The site's origin, to print the HTML version's address in full; the path alone when absent. */
  baseUrl?: string;
}

// pdfmake's internals this module relies on, which its type declarations do not describe.
interface PdfKitDocument {
  _id: Buffer;
}
interface PdfMakeServer {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  createPdf(doc: TDocumentDefinitions): { getStream(): Promise<PdfKitDocument>; getBuffer(): Promise<Buffer> };
}
const pdf = pdfmake as unknown as Omit<typeof pdfmake, "createPdf"> & PdfMakeServer;

let configured = false;
function configurePdfmake() {
  if (configured) return;
  // Fonts are handed over as bytes in pdfmake's virtual file system, so pdfmake itself never needs the disk or
  // the network: both access policies refuse everything (a document cannot name a file or URL to pull in).
  const bytes = reportFontBytes();
  for (const style of Object.keys(REPORT_FONT_FILES) as (keyof typeof REPORT_FONT_FILES)[]) {
    pdf.virtualfs.writeFileSync(REPORT_FONT_FILES[style], bytes[style]);
  }
  pdf.setFonts({ [REPORT_FONT]: { ...REPORT_FONT_FILES } });
  pdf.setUrlAccessPolicy(() => false);
  pdf.setLocalAccessPolicy(() => false);
  // Every document in this thread reuses the fonts' parse and the words already shaped (0911).
  shareReportFonts();
  configured = true;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The PDF's 16-byte file identifier (the trailer's /ID) for a document id: a UUID's own 16 bytes, so the PDF names
 * its archive entry; any other string, the first 16 bytes of its SHA-256.
 */
export function pdfFileId(documentId: string): Buffer {
  if (UUID.test(documentId)) return Buffer.from(documentId.replace(/-/g, ""), "hex");
  return createHash("sha256").update(documentId, "utf8").digest().subarray(0, 16);
}

/**
 * Lays out a document definition with pdfmake and returns the PDF bytes. pdfkit derives the trailer ID from an MD5
 * of the info dictionary, which includes a CreationDate it reads from the clock when none is given; here the
 * definition carries the creation date and the ID is replaced, before the file is written, by `pdfFileId`.
 */
export async function renderDocumentPdf(doc: TDocumentDefinitions, documentId: string): Promise<Uint8Array> {
  configurePdfmake();
  const output = pdf.createPdf(doc);
  const kit = await output.getStream();
  kit._id = pdfFileId(documentId);
  const buffer = await output.getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Every table the report prints with a chart and rows to draw, in report order (as `reportItems` shapes them). */
function chartedTables(model: ReportModel) {
  return [
    ...model.figures.sections.flatMap((s) => printedTables(s.tables)),
    ...printedTables(model.dataQuality),
  ].filter((t) => t.chart && !t.withheld && t.rows.length > 0);
}

/** Draws the model's charts (PNG, white background) as data URLs for the document definition. */
export function drawReportCharts(model: ReportModel): Record<string, DocumentChart> {
  const charts: Record<string, DocumentChart> = {};
  for (const table of chartedTables(model)) {
    const image = drawChartPng(table);
    charts[table.id] = {
      dataUrl: `data:image/png;base64,${Buffer.from(image.png).toString("base64")}`,
      width: image.width,
      height: image.height,
    };
  }
  return charts;
}

/**
 * A ReportModel as PDF bytes, drawn in this thread. The same model and options give byte-identical PDFs.
 *
 * @throws Error when a chart names a column its table lacks, or pdfmake cannot lay the document out.
 */
export async function renderReportPdfInThread(model: ReportModel, options: RenderReportOptions): Promise<Uint8Array> {
  const charts = drawReportCharts(model);
  const doc = buildReportDocument(model, { charts, createdAt: options.createdAt, baseUrl: options.baseUrl });
  return renderDocumentPdf(doc, options.documentId);
}
