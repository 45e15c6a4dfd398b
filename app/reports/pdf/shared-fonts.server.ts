// One parsed copy of each report font per thread, and one cache of shaped words, shared by every PDF the thread
// lays out. pdfkit otherwise parses each font file again for every document (its OpenType tables, glyph by
// glyph) and shapes every word again with fontkit, which together were a third of pdfmake's time for a report
// (docs/decisions/0911-report-pdf-speed.md). Each document still gets its own embedded font object, so its subset,
// widths and ToUnicode map hold only the glyphs that document uses, in the order it uses them, and are written
// into that document alone: the same model gives the same bytes whatever the thread drew before.
import { createRequire } from "node:module";

// pdfkit's embedded font, as far as this module touches it (its class is not exported).
interface EmbeddedFont {
  name: string;
  id: string;
  font: FontkitFont;
  layoutCache?: Record<string, unknown>;
  constructor: new (document: PdfKitDocument, font: FontkitFont, id: string) => EmbeddedFont;
}
interface FontkitFont {
  postscriptName: string;
}
interface PdfKitDocument {
  _fontCount: number;
  _fontFamilies: Record<string, EmbeddedFont>;
  _font: EmbeddedFont;
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  getFontType(bold: boolean, italics: boolean): string;
}
type ProvideFont = (this: PdfKitDocument, family: string, bold: boolean, italics: boolean) => EmbeddedFont;

interface Shared {
  make: EmbeddedFont["constructor"];
  font: FontkitFont;
  /** Shaped words (pdfkit's layout runs: glyphs and positions already scaled), by their text. */
  layoutCache: Record<string, unknown>;
}

let installed = false;

/**
 * Makes pdfmake's documents in this thread share parsed fonts and shaped words (see the module comment). Idempotent.
 * Relies on pdfmake 0.3's `provideFont` and pdfkit 0.19's `EmbeddedFont` (`font`, `layoutCache`) and font
 * registry (`_fontCount`, `_fontFamilies`), pinned with them (decision 0722 pins both already); the PDF tests
 * (byte-identical renders, fonts embedded, every glyph extracted) fail loudly if an upgrade changes them.
 */
export function shareReportFonts(): void {
  if (installed) return;
  const require = createRequire(import.meta.url);
  const PdfMakeDocument = (
    require("pdfmake/js/PDFDocument.js") as { default: { prototype: { provideFont: ProvideFont } } }
  ).default;
  const original = PdfMakeDocument.prototype.provideFont;
  const shared = new Map<string, Shared>();
  PdfMakeDocument.prototype.provideFont = function provideFont(family, bold, italics) {
    const type = this.getFontType(bold, italics);
    const cached = this.fontCache[family]?.[type];
    if (cached) return cached;
    const key = `${family}\u0000${type}`;
    const known = shared.get(key);
    if (!known) {
      // The first document in this thread parses the font as pdfkit always does; its parse and its shaped words
      // are kept for the documents after it.
      const embedded = original.call(this, family, bold, italics);
      embedded.layoutCache ??= Object.create(null) as Record<string, unknown>;
      shared.set(key, { make: embedded.constructor, font: embedded.font, layoutCache: embedded.layoutCache });
      return embedded;
    }
    // As pdfkit's `font(bytes)` registers a new font: the next id, and listed under its PostScript name so the
    // document embeds it when it ends.
    const embedded = new known.make(this, known.font, `F${++this._fontCount}`);
    embedded.layoutCache = known.layoutCache;
    if (embedded.name && !this._fontFamilies[embedded.name]) this._fontFamilies[embedded.name] = embedded;
    else this._fontFamilies[embedded.id] = embedded;
    this._font = embedded;
    this.fontCache[family] ??= {};
    this.fontCache[family][type] = embedded;
    return embedded;
  };
  installed = true;
}
