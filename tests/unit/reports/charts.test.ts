import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { drawChartPng } from "../../../app/reports/charts.server";
import type { FigureTable } from "../../../app/outcomes/model";
import { fixtureFigures } from "../../fixtures/report-model";

const tables = fixtureFigures.sections.flatMap((s) => s.tables);
const byId = (id: string) => tables.find((t) => t.id === id)!;

/** Reads back an 8-bit RGB PNG (no interlace, filter 0 rows, as the charts are written): size and pixels. */
function readRgbPng(png: Uint8Array) {
  const buf = Buffer.from(png);
  expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString("ascii", at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9];
    }
    if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixel = (x: number, y: number) => {
    const i = y * (width * 3 + 1) + 1 + x * 3;
    return `#${raw.subarray(i, i + 3).toString("hex")}`;
  };
  const colours = new Set<string>();
  for (let y = 0; y < height; y += 2) for (let x = 0; x < width; x += 2) colours.add(pixel(x, y));
  // Pixels as dark as text: labels, axis lines, and the * marks.
  let dark = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * (width * 3 + 1) + 1; x < width; x++, i += 3) {
      if (raw[i] + raw[i + 1] + raw[i + 2] < 240) dark++;
    }
  }
  return { width, height, colourType, pixel, colours, dark };
}

describe("server-drawn charts", () => {
  it("draws a line chart at two pixels a printed point, opaque, on white, in the NHS.UK colours", () => {
    const image = drawChartPng(byId("referrals-by-month"));
    expect(image).toMatchObject({ width: 640, height: 280 });
    const png = readRgbPng(image.png);
    // 640 CSS px print 480 pt wide: 960 pixels are 2 a point. Colour type 2: RGB, without the canvas's alpha.
    expect(png).toMatchObject({ width: 960, height: 420, colourType: 2 });
    expect(png.pixel(0, 0)).toBe("#ffffff");
    expect(png.pixel(959, 419)).toBe("#ffffff");
    expect(png.colours.has("#005eb8")).toBe(true); // first series
    expect(png.colours.has("#7c2855")).toBe(true); // second series
  });

  it("draws a bar chart's bars", () => {
    const png = readRgbPng(drawChartPng(byId("engagement-funnel")).png);
    expect(png.colours.has("#005eb8")).toBe(true);
    expect(png.colours.has("#7c2855")).toBe(false); // one series only
  });

  it("gives a horizontal bar chart room for each category", () => {
    const few = drawChartPng(byId("referrals-by-source"));
    const many: FigureTable = {
      ...byId("referrals-by-source"),
      rows: Array.from({ length: 20 }, (_, i) => [`Referral source number ${i + 1}`, 10 * i, 1]),
    };
    expect(drawChartPng(many).height).toBeGreaterThan(few.height * 2);
  });

  it("is the same PNG for the same table, and a different one when a figure changes", () => {
    const table = byId("referrals-by-month");
    const a = drawChartPng(table).png;
    expect(Buffer.from(drawChartPng(table).png).equals(Buffer.from(a))).toBe(true);
    const changed = structuredClone(table);
    changed.rows[2][1] = 200;
    expect(Buffer.from(drawChartPng(changed).png).equals(Buffer.from(a))).toBe(false);
  });

  it("marks a suppressed bar with * where a missing one is left blank", () => {
    const source = byId("referrals-by-source"); // "Housing officer" is *
    const blank = structuredClone(source);
    blank.rows[5] = ["Housing officer", null, null];
    const marked = readRgbPng(drawChartPng(source).png);
    const unmarked = readRgbPng(drawChartPng(blank).png);
    expect(unmarked.width).toBe(marked.width);
    // Same axes, labels and bars; the * adds dark pixels where the bar would start.
    expect(marked.dark).toBeGreaterThan(unmarked.dark + 20);
  });

  it("refuses a table without a chart", () => {
    expect(() => drawChartPng(byId("provider-responsiveness"))).toThrow(/no chart/);
  });
});
