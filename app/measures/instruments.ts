// Instrument definitions as plain data. Every wording, label, code, range and
// band below comes from docs/measures.md (the publishers'
// rules); scoring.ts reads this data and adds no facts of its own.

export type InstrumentCode = "ucla3" | "ons_loneliness" | "ons4" | "swemwbs" | "wemwbs" | "djg6";
export type Direction = "higher_is_better" | "lower_is_better";

export interface Option {
  readonly value: number;
  readonly label: string;
}

export interface Item {
  readonly id: string;
  readonly text: string;
  readonly options: readonly Option[];
  /** Anchor text for numeric 0–10 scales (ONS4), where options are bare numbers. */
  readonly minLabel?: string;
  readonly maxLabel?: string;
  /** De Jong Gierveld only: which subscale the item belongs to. */
  readonly subscale?: "emotional" | "social";
}

/** Inclusive range [from, to] of a score that carries a band label. */
export interface Band {
  readonly label: string;
  readonly from: number;
  readonly to: number;
}

export interface ScoreScale {
  readonly key: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly direction: Direction;
  /** Decimal places the score is reported (and its change rounded) to. */
  readonly decimals: 0 | 2;
  /**
   * headline: reported and compared; subscale: reported and compared, no rule
   * of its own; raw: shown for audit only, never compared (SWEMWBS raw must be
   * converted to the metric score before reporting or comparing).
   */
  readonly kind: "headline" | "subscale" | "raw";
  readonly bands?: readonly Band[];
}

export interface Instrument {
  readonly code: InstrumentCode;
  readonly name: string;
  readonly version: string;
  readonly stem?: string;
  /** Copyright or citation line; must be shown wherever the items appear. */
  readonly copyright: string;
  /** Direction of each reported score, keyed by score key. */
  readonly direction: Readonly<Record<string, Direction>>;
  /** True when the instrument may only be offered once a licence setting is on. */
  readonly licensed?: boolean;
  readonly timeframe?: string;
  readonly items: readonly Item[];
  readonly scoreScales: readonly ScoreScale[];
}

// ---------------------------------------------------------------- shared bits

/** UCLA-3 total at or above this is "lonely" (Hughes et al. 2004; Steptoe et al. 2013). */
export const UCLA3_LONELY_CUTOFF = 6;

/** ONS: "Often/always" on the direct question is the chronic-loneliness indicator. */
export const ONS_CHRONIC_LONELINESS_LABEL = "Often/always";

// The publishers' line: WEMWBS dates from 2006, the short form (SWEMWBS) from 2008.
const warwickCopyright = (year: 2006 | 2008) =>
  `© NHS Health Scotland, University of Warwick and University of Edinburgh, ${year}, all rights reserved`;

const WARWICK_STEM =
  "Below are some statements about feelings and thoughts. Please tick the box that best describes your experience of each over the last 2 weeks";

const WARWICK_OPTIONS: readonly Option[] = [
  { value: 1, label: "None of the time" },
  { value: 2, label: "Rarely" },
  { value: 3, label: "Some of the time" },
  { value: 4, label: "Often" },
  { value: 5, label: "All of the time" },
];

/** SWEMWBS raw (7–35) → metric score (Rasch; Stewart-Brown et al. 2009, HQLO 7:15). */
export const SWEMWBS_METRIC: Readonly<Record<number, number>> = {
  7: 7.0,
  8: 9.51,
  9: 11.25,
  10: 12.4,
  11: 13.33,
  12: 14.08,
  13: 14.75,
  14: 15.32,
  15: 15.84,
  16: 16.36,
  17: 16.88,
  18: 17.43,
  19: 17.98,
  20: 18.59,
  21: 19.25,
  22: 19.98,
  23: 20.73,
  24: 21.54,
  25: 22.35,
  26: 23.21,
  27: 24.11,
  28: 25.03,
  29: 26.02,
  30: 27.03,
  31: 28.13,
  32: 29.31,
  33: 30.7,
  34: 32.55,
  35: 35.0,
};

// ONS4 options are bare numbers; the anchors live on the item (minLabel/maxLabel).
const ZERO_TO_TEN: readonly Option[] = Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }));

const ONS4_BANDS: readonly Band[] = [
  { label: "low", from: 0, to: 4 },
  { label: "medium", from: 5, to: 6 },
  { label: "high", from: 7, to: 8 },
  { label: "very high", from: 9, to: 10 },
];

// Anxiety runs the other way: "high" is the bad band.
const ONS4_ANXIETY_BANDS: readonly Band[] = [
  { label: "very low", from: 0, to: 1 },
  { label: "low", from: 2, to: 3 },
  { label: "medium", from: 4, to: 5 },
  { label: "high", from: 6, to: 10 },
];

// DJG numeric codes are our choice (the scale publishes labels only); scoring
// keys off these codes, see scoring.ts.
export const DJG_YES = 1;
export const DJG_MORE_OR_LESS = 2;
export const DJG_NO = 3;
const DJG_OPTIONS: readonly Option[] = [
  { value: DJG_YES, label: "Yes" },
  { value: DJG_MORE_OR_LESS, label: "More or less" },
  { value: DJG_NO, label: "No" },
];

function directionOf(scales: readonly ScoreScale[]): Record<string, Direction> {
  return Object.fromEntries(scales.map((s) => [s.key, s.direction]));
}

function define(def: Omit<Instrument, "direction">): Instrument {
  return { ...def, direction: directionOf(def.scoreScales) };
}

function onsItem(id: string, text: string): Item {
  return { id, text, options: ZERO_TO_TEN, minLabel: "Not at all", maxLabel: "Completely" };
}

function warwickItem(id: string, text: string): Item {
  return { id, text, options: WARWICK_OPTIONS };
}

// ---------------------------------------------------------------- instruments

const UCLA3_OPTIONS: readonly Option[] = [
  { value: 1, label: "Hardly ever or never" },
  { value: 2, label: "Some of the time" },
  { value: 3, label: "Often" },
];

const ucla3 = define({
  code: "ucla3",
  name: "UCLA 3-item loneliness scale",
  version: "1",
  stem: "How often do you feel…",
  copyright:
    'Source: Office for National Statistics, "Measuring loneliness: guidance for use of the national indicators on surveys"',
  items: [
    { id: "ucla3_companionship", text: "that you lack companionship?", options: UCLA3_OPTIONS },
    { id: "ucla3_left_out", text: "left out?", options: UCLA3_OPTIONS },
    { id: "ucla3_isolated", text: "isolated from others?", options: UCLA3_OPTIONS },
  ],
  scoreScales: [
    {
      key: "total",
      label: "UCLA-3 total",
      min: 3,
      max: 9,
      direction: "lower_is_better",
      decimals: 0,
      kind: "headline",
      bands: [
        { label: "not lonely", from: 3, to: UCLA3_LONELY_CUTOFF - 1 },
        { label: "lonely", from: UCLA3_LONELY_CUTOFF, to: 9 },
      ],
    },
  ],
});

// Codes 1–5 follow the published option order, so a higher code means less
// frequent loneliness. Each option is its own band (the ONS reports the distribution).
const ONS_LONELINESS_OPTIONS: readonly Option[] = [
  { value: 1, label: ONS_CHRONIC_LONELINESS_LABEL },
  { value: 2, label: "Some of the time" },
  { value: 3, label: "Occasionally" },
  { value: 4, label: "Hardly ever" },
  { value: 5, label: "Never" },
];

const onsLoneliness = define({
  code: "ons_loneliness",
  name: "ONS direct loneliness question",
  version: "1",
  copyright: "Source: Office for National Statistics national indicator of loneliness",
  items: [{ id: "ons_lonely", text: "How often do you feel lonely?", options: ONS_LONELINESS_OPTIONS }],
  scoreScales: [
    {
      key: "frequency",
      label: "How often lonely",
      min: 1,
      max: 5,
      direction: "higher_is_better",
      decimals: 0,
      kind: "headline",
      bands: ONS_LONELINESS_OPTIONS.map((o) => ({ label: o.label, from: o.value, to: o.value })),
    },
  ],
});

const ons4Scale = (key: string, label: string, direction: Direction, bands: readonly Band[]): ScoreScale => ({
  key,
  label,
  min: 0,
  max: 10,
  direction,
  decimals: 0,
  kind: "headline",
  bands,
});

const ons4 = define({
  code: "ons4",
  name: "ONS4 personal wellbeing",
  version: "1",
  copyright: "Source: Office for National Statistics personal well-being questions (ONS asks to be told of use)",
  items: [
    onsItem("ons4_life_satisfaction", "Overall, how satisfied are you with your life nowadays?"),
    onsItem(
      "ons4_worthwhile",
      "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
    ),
    onsItem("ons4_happiness", "Overall, how happy did you feel yesterday?"),
    onsItem("ons4_anxiety", "Overall, how anxious did you feel yesterday?"),
  ],
  // Four separate scores: the ONS says never to sum them.
  scoreScales: [
    ons4Scale("life_satisfaction", "Life satisfaction", "higher_is_better", ONS4_BANDS),
    ons4Scale("worthwhile", "Worthwhile", "higher_is_better", ONS4_BANDS),
    ons4Scale("happiness", "Happiness yesterday", "higher_is_better", ONS4_BANDS),
    ons4Scale("anxiety", "Anxiety yesterday", "lower_is_better", ONS4_ANXIETY_BANDS),
  ],
});

const swemwbs = define({
  code: "swemwbs",
  name: "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)",
  version: "1",
  stem: WARWICK_STEM,
  timeframe: "over the last 2 weeks",
  copyright: `Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS) ${warwickCopyright(2008)}`,
  items: [
    warwickItem("swemwbs_optimistic", "I've been feeling optimistic about the future"),
    warwickItem("swemwbs_useful", "I've been feeling useful"),
    warwickItem("swemwbs_relaxed", "I've been feeling relaxed"),
    warwickItem("swemwbs_problems", "I've been dealing with problems well"),
    warwickItem("swemwbs_thinking", "I've been thinking clearly"),
    warwickItem("swemwbs_close", "I've been feeling close to other people"),
    warwickItem("swemwbs_own_mind", "I've been able to make up my own mind about things"),
  ],
  // No bands: there is no official "low wellbeing" cut-off.
  scoreScales: [
    {
      key: "metric",
      label: "SWEMWBS metric score",
      min: 7,
      max: 35,
      direction: "higher_is_better",
      decimals: 2,
      kind: "headline",
    },
    {
      key: "raw",
      label: "SWEMWBS raw score",
      min: 7,
      max: 35,
      direction: "higher_is_better",
      decimals: 0,
      kind: "raw",
    },
  ],
});

const wemwbs = define({
  code: "wemwbs",
  name: "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)",
  version: "1",
  stem: WARWICK_STEM,
  timeframe: "over the last 2 weeks",
  copyright: `Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS) ${warwickCopyright(2006)}`,
  licensed: true,
  items: [
    warwickItem("wemwbs_optimistic", "I've been feeling optimistic about the future"),
    warwickItem("wemwbs_useful", "I've been feeling useful"),
    warwickItem("wemwbs_relaxed", "I've been feeling relaxed"),
    warwickItem("wemwbs_interested_people", "I've been feeling interested in other people"),
    warwickItem("wemwbs_energy", "I've had energy to spare"),
    warwickItem("wemwbs_problems", "I've been dealing with problems well"),
    warwickItem("wemwbs_thinking", "I've been thinking clearly"),
    warwickItem("wemwbs_good_self", "I've been feeling good about myself"),
    warwickItem("wemwbs_close", "I've been feeling close to other people"),
    warwickItem("wemwbs_confident", "I've been feeling confident"),
    warwickItem("wemwbs_own_mind", "I've been able to make up my own mind about things"),
    warwickItem("wemwbs_loved", "I've been feeling loved"),
    warwickItem("wemwbs_new_things", "I've been interested in new things"),
    warwickItem("wemwbs_cheerful", "I've been feeling cheerful"),
  ],
  scoreScales: [
    {
      key: "total",
      label: "WEMWBS total",
      min: 14,
      max: 70,
      direction: "higher_is_better",
      decimals: 0,
      kind: "headline",
    },
  ],
});

const djg6 = define({
  code: "djg6",
  name: "De Jong Gierveld 6-item loneliness scale",
  version: "1",
  copyright:
    "Source: van Tilburg, T. & de Jong Gierveld, J., Manual of the Loneliness Scale (VU Amsterdam); CBS technical note",
  // Order as listed in docs/measures.md (emotional items, then social).
  items: [
    {
      id: "djg_emptiness",
      text: "I experience a general sense of emptiness",
      options: DJG_OPTIONS,
      subscale: "emotional",
    },
    { id: "djg_miss_people", text: "I miss having people around", options: DJG_OPTIONS, subscale: "emotional" },
    { id: "djg_rejected", text: "I often feel rejected", options: DJG_OPTIONS, subscale: "emotional" },
    {
      id: "djg_lean_on",
      text: "There are plenty of people I can lean on when I have problems",
      options: DJG_OPTIONS,
      subscale: "social",
    },
    { id: "djg_trust", text: "There are many people I can trust completely", options: DJG_OPTIONS, subscale: "social" },
    { id: "djg_close", text: "There are enough people I feel close to", options: DJG_OPTIONS, subscale: "social" },
  ],
  scoreScales: [
    {
      key: "total",
      label: "Loneliness total",
      min: 0,
      max: 6,
      direction: "lower_is_better",
      decimals: 0,
      kind: "headline",
      bands: [
        { label: "not lonely", from: 0, to: 1 },
        { label: "moderately lonely", from: 2, to: 4 },
        { label: "severely lonely", from: 5, to: 6 },
      ],
    },
    {
      key: "emotional",
      label: "Emotional loneliness",
      min: 0,
      max: 3,
      direction: "lower_is_better",
      decimals: 0,
      kind: "subscale",
    },
    {
      key: "social",
      label: "Social loneliness",
      min: 0,
      max: 3,
      direction: "lower_is_better",
      decimals: 0,
      kind: "subscale",
    },
  ],
});

// Frozen because this module-level data is shared by every request: a caller
// mutating it would silently change everyone's scoring.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export const instruments: readonly Instrument[] = deepFreeze([ucla3, onsLoneliness, ons4, swemwbs, wemwbs, djg6]);
deepFreeze(SWEMWBS_METRIC);
