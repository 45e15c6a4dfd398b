// How two spellings of a name are found to be the same name (docs/decisions/0840-one-name-key.md). Pure: the same
// rule is written once more in SQL, as the functions name_fold and name_key that the person table's generated key
// columns are computed with (migrations/20261129T1600_name_keys.ts), and a test feeds both the same strings on both
// databases. Change one and you must change the other, in a new migration.

/** Apostrophe variants typed in names (O'Connor, O’Connor, Oʼ Connor, O`Connor, O´Connor): dropped. */
const NAME_APOSTROPHES = "\u0027\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032\u02b9";
/** Hyphens, dashes, full stops and spaces (any width): word separators, one space in the fold, none in the key. */
const NAME_SEPARATORS =
  "\u002d\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u002e\u0020\u0009\u000a\u000b\u000c\u000d\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
/** Combining marks (accents once a letter is decomposed): the blocks of combining diacritics, as code point ranges. */
const COMBINING_MARKS: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];
/** Letters with no decomposition, read as the letters an English keyboard types for them. */
const NAME_LETTERS: Readonly<Record<string, string>> = {
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  ħ: "h",
  ı: "i",
  ŧ: "t",
  ς: "σ",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  þ: "th",
};

const apostrophes = new RegExp(`[${NAME_APOSTROPHES}]`, "g");
const letters = new RegExp(`[${Object.keys(NAME_LETTERS).join("")}]`, "g");
const separators = new RegExp(`[${NAME_SEPARATORS}]+`, "g");

const isCombiningMark = (cp: number) => COMBINING_MARKS.some(([from, to]) => cp >= from && cp <= to);

/**
 * A name folded for comparison, words kept: apostrophes dropped, compatibility-decomposed (NFKD) so accents and
 * ligatures come apart, lower-cased, accents dropped, the letters of NAME_LETTERS replaced, and each run of
 * separators (NAME_SEPARATORS) made one space, trimmed. "Mu\u0308ller", "Müller" and "MULLER" fold to "muller",
 * "O’Connor" to "oconnor", "Ward-Marchant" to "ward marchant". The similarity searches read this form: trigrams
 * need the word boundaries. SQL: name_fold(text).
 */
export function nameFold(name: string): string {
  return name
    .replace(apostrophes, "")
    .normalize("NFKD")
    .toLowerCase()
    .replace(/./gsu, (c) => (isCombiningMark(c.codePointAt(0)!) ? "" : c))
    .replace(apostrophes, "")
    .replace(letters, (c) => NAME_LETTERS[c] ?? c)
    .replace(separators, " ")
    .trim();
}

/**
 * The name key: the fold without its spaces, so hyphens and spaces are ignored too ("Smith-Jones", "Smith Jones"
 * and "smithjones" share "smithjones"). Equal keys are the same name to search, the duplicate check and triage.
 * SQL: name_key(text).
 */
export function nameKey(name: string): string {
  return nameFold(name).replace(/ /g, "");
}
