// People's words in a report: only what can be shown without identifying anyone. Pure.
import type { ReportQuote } from "./model";

/** At most this many quotes in one report: a report is not a collection of case notes. */
export const MAX_QUOTES = 6;
/** Longest quote shown, in characters; longer ones are left out rather than cut (a cut can change the meaning). */
const MAX_QUOTE_LENGTH = 400;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Why a quote cannot be published, or null when it can: it names the person (any of their given, family or
 * preferred names as a whole word, any case), or holds contact details or numbers that could identify someone
 * (an email address, a run of six or more digits as in a phone or NHS number, a UK postcode), or is too long.
 * A quote that fails is left out whole, never edited: cutting words out can change what someone said.
 */
function quoteProblem(text: string, names: readonly (string | null | undefined)[]): string | null {
  if (text.length > MAX_QUOTE_LENGTH) return "too long";
  for (const name of names) {
    const n = name?.trim();
    if (!n || n.length < 2) continue;
    if (new RegExp(`(^|[^\\p{L}])${escape(n)}($|[^\\p{L}])`, "iu").test(text)) return "names the person";
  }
  if (/[^\s@]+@[^\s@]+\.[^\s@]+/.test(text)) return "contains an email address";
  if (/(\d[\s-]?){6,}/.test(text)) return "contains a long number";
  if (/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i.test(text)) return "contains a postcode";
  return null;
}

/** The words as recorded, without the quotation marks a worker may have typed round them, and with spaces tidied. */
function cleanQuote(text: string): string {
  return text
    .trim()
    .replace(/^["“”'‘’]+|["“”'‘’]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** "Someone who took part in befriending" from an activity category's label; a link worker's support otherwise. */
function quoteContext(categoryLabel: string | null): string {
  return categoryLabel
    ? `Someone who took part in ${categoryLabel.charAt(0).toLowerCase()}${categoryLabel.slice(1)}`
    : "Someone supported by a link worker or Local Area Coordinator";
}

/** The quotes to publish from candidates (newest first): safe ones only, one per person, at most MAX_QUOTES. */
export function selectQuotes(
  candidates: readonly { personId: string; text: string; names: (string | null)[]; category: string | null }[],
): ReportQuote[] {
  const seen = new Set<string>();
  const out: ReportQuote[] = [];
  for (const c of candidates) {
    if (out.length >= MAX_QUOTES) break;
    if (seen.has(c.personId)) continue;
    const text = cleanQuote(c.text);
    if (text.length < 3 || quoteProblem(text, c.names)) continue;
    seen.add(c.personId);
    out.push({ text, context: quoteContext(c.category) });
  }
  return out;
}
