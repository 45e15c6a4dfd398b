// The report's one font family, DejaVu Sans, read from the dejavu-fonts-ttf package: it covers every glyph the
// report prints (≥ ± – “ ” £ ✓ → among them), which the Roboto pdfmake ships does not. The same files are given to
// the chart canvas, so charts and text match. See docs/decisions/0721-report-fonts.md.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The family name the document definition and the chart configuration use. */
export const REPORT_FONT = "DejaVu Sans";

export const REPORT_FONT_FILES = {
  normal: "DejaVuSans.ttf",
  bold: "DejaVuSans-Bold.ttf",
  italics: "DejaVuSans-Oblique.ttf",
  bolditalics: "DejaVuSans-BoldOblique.ttf",
} as const;

export type FontStyleName = keyof typeof REPORT_FONT_FILES;

/**
 * Absolute path of one DejaVu Sans file, resolved through Node's module resolution from this module (the
 * TypeScript source under tests, or the built worker bundle in production), so it works wherever node_modules is.
 */
export function reportFontPath(style: FontStyleName): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`dejavu-fonts-ttf/ttf/${REPORT_FONT_FILES[style]}`);
}

let cache: Record<FontStyleName, Buffer> | null = null;

/** The four DejaVu Sans files' bytes (about 2 MB in all), read once per thread. */
export function reportFontBytes(): Record<FontStyleName, Buffer> {
  if (!cache) {
    const styles = Object.keys(REPORT_FONT_FILES) as FontStyleName[];
    cache = Object.fromEntries(styles.map((s) => [s, readFileSync(reportFontPath(s))])) as Record<
      FontStyleName,
      Buffer
    >;
  }
  return cache;
}
