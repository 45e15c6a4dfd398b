// Outcome charts drawn on the server: chart.js on an @napi-rs/canvas canvas, with the configuration and parts the
// dashboard draws with in the browser (app/outcomes/chart-config.ts, chart-parts.ts), to a PNG the PDF embeds.
// Synchronous and CPU-bound: call it from the report worker thread, never on a request's event loop.
import { crc32, deflateSync } from "node:zlib";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { Chart, type Plugin } from "chart.js";
import { chartConfig } from "../outcomes/chart-config";
import { registerChartParts } from "../outcomes/chart-parts";
import type { FigureTable } from "../outcomes/model";
import { REPORT_FONT, reportFontPath } from "./pdf/fonts.server";

/** A drawn chart: PNG bytes at `devicePixelRatio` times the display size, and the display size in CSS pixels. */
export interface ChartImage {
  png: Uint8Array;
  width: number;
  height: number;
}

export interface DrawChartOptions {
  /** Display width in CSS pixels; 640 by default (printed 480 pt wide, so 13 px labels print at about 10 pt). */
  width?: number;
  /** Display height; by default 300, or taller for horizontal bars so each category keeps its own line. */
  height?: number;
  /** `PRINT_PIXEL_RATIO` by default. */
  devicePixelRatio?: number;
}

/**
 * Pixels per CSS pixel of the drawing: 1.5, so a chart 640 px wide, printed 480 pt wide, has 2 pixels a point
 * (144 dpi): lines and 10 pt labels print sharp, with a little over half the pixels of a 2× drawing to draw,
 * compress and embed (docs/decisions/0911-report-pdf-speed.md).
 */
const PRINT_PIXEL_RATIO = 1.5;

// Charts are drawn on a transparent canvas; a PDF viewer shows that as whatever is behind it, so paint it white.
const whiteBackground: Plugin = {
  id: "whiteBackground",
  beforeDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

let ready = false;
function setUp() {
  if (ready) return;
  registerChartParts();
  GlobalFonts.registerFromPath(reportFontPath("normal"), REPORT_FONT);
  GlobalFonts.registerFromPath(reportFontPath("bold"), REPORT_FONT);
  ready = true;
}

/**
 * Height that gives each category of a horizontal bar chart room for its bars and its (wrapped) label: about 17 px
 * a label line or 16 px a bar, whichever is more, plus the axes and legend.
 */
function defaultHeight(labels: unknown[], series: number, horizontal: boolean): number {
  if (!horizontal) return 280;
  const rows = labels.reduce<number>((sum, l) => {
    const lines = Array.isArray(l) ? l.length : 1;
    return sum + Math.max(lines * 17 + 10, series * 16 + 10);
  }, 0);
  return Math.max(200, 100 + rows);
}

/**
 * Draws a table's chart (`table.chart`) to a PNG, the way the dashboard draws it, with a white background.
 *
 * @throws Error when the table has no chart (see `chartConfig`).
 */
export function drawChartPng(table: FigureTable, options: DrawChartOptions = {}): ChartImage {
  setUp();
  const dpr = options.devicePixelRatio ?? PRINT_PIXEL_RATIO;
  const width = options.width ?? 640;
  const config = chartConfig(table, { responsive: false, devicePixelRatio: dpr, fontFamily: REPORT_FONT });
  const height =
    options.height ??
    defaultHeight(config.data.labels ?? [], config.data.datasets.length, config.options?.indexAxis === "y");
  config.plugins = [...(config.plugins ?? []), whiteBackground];
  // chart.js sizes the drawing from the canvas's own width and height when it is not responsive.
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, config);
  try {
    // The stored pixels as they are: premultiplied RGBA, which for an opaque drawing (white painted first) are the
    // plain colours. getImageData would un-premultiply and copy them first, as long again as the drawing itself.
    return { png: opaquePng(canvas.data(), canvas.width, canvas.height), width, height };
  } finally {
    chart.destroy();
  }
}

/**
 * zlib level for the PNG's pixels: 3 deflates a report's charts in half the time of the default 6, for files about
 * a fifth larger (docs/decisions/0911-report-pdf-speed.md).
 */
const PNG_DEFLATE_LEVEL = 3;

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * RGBA pixels (an opaque drawing: the white background is painted first) as an 8-bit RGB PNG with no alpha
 * channel. The canvas's own encoder always writes RGBA, and pdfkit must then split every pixel's alpha into a
 * soft mask in JavaScript, which took about 100 ms a chart; an RGB PNG is embedded as it is.
 */
function opaquePng(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 0; // filter: none (the "Up" filter packed these drawings no smaller, and took longer)
    for (let x = 0, src = y * width * 4, dst = row + 1; x < width; x++, src += 4, dst += 3) {
      raw[dst] = rgba[src];
      raw[dst + 1] = rgba[src + 1];
      raw[dst + 2] = rgba[src + 2];
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const png = Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: PNG_DEFLATE_LEVEL })),
    chunk("IEND", new Uint8Array(0)),
  ]);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
