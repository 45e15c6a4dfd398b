import { describe, it, expect } from "vitest";
import {
  MeasureValidationError,
  findInstrument,
  getInstrument,
  instruments,
  scoreResponse,
  type Instrument,
} from "~/measures/scoring";

// Expected values are written out independently of app/measures/instruments.ts
// (copied from docs/measures.md), so a wrong table or rule fails here.

const SWEMWBS_TABLE: Record<number, number> = {
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

/** Answers giving every item of `instrument` the same value. */
function all(instrument: Instrument, value: number): Record<string, number> {
  return Object.fromEntries(instrument.items.map((i) => [i.id, value]));
}

/** Spreads `total` over the items (each 1..5) so that their sum is `total`. */
function warwickAnswers(instrument: Instrument, total: number, fillFromEnd = false): Record<string, number> {
  const ids = instrument.items.map((i) => i.id);
  if (fillFromEnd) ids.reverse();
  let left = total - ids.length; // every item starts at 1
  return Object.fromEntries(
    ids.map((id) => {
      const extra = Math.min(4, left);
      left -= extra;
      return [id, 1 + extra];
    }),
  );
}

function catchError(fn: () => unknown): MeasureValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MeasureValidationError);
    expect(e).toBeInstanceOf(Error);
    return e as MeasureValidationError;
  }
  throw new Error("expected a MeasureValidationError");
}

describe("instrument definitions", () => {
  it("lists the six instruments in order, with lookup helpers", () => {
    expect(instruments.map((i) => i.code)).toEqual(["ucla3", "ons_loneliness", "ons4", "swemwbs", "wemwbs", "djg6"]);
    for (const i of instruments) {
      expect(getInstrument(i.code)).toBe(i);
      expect(findInstrument(i.code)).toBe(i);
      expect(i.version).toBe("1");
      expect(i.name.length).toBeGreaterThan(0);
      expect(i.copyright.length).toBeGreaterThan(0);
    }
    expect(findInstrument("phq9")).toBeUndefined();
  });

  it("uses unique snake_case item ids across all instruments", () => {
    const ids = instruments.flatMap((i) => i.items.map((it) => it.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
  });

  it("is frozen so callers cannot change shared scoring data", () => {
    const ucla = getInstrument("ucla3");
    expect(Object.isFrozen(ucla)).toBe(true);
    expect(Object.isFrozen(ucla.items[0].options[0])).toBe(true);
  });

  it("gives each score a direction and bands that tile its range with no gaps or overlaps", () => {
    for (const i of instruments) {
      for (const s of i.scoreScales) {
        expect(i.direction[s.key]).toBe(s.direction);
        if (!s.bands) continue;
        expect(s.bands[0].from).toBe(s.min);
        expect(s.bands[s.bands.length - 1].to).toBe(s.max);
        for (let b = 1; b < s.bands.length; b++) expect(s.bands[b].from).toBe(s.bands[b - 1].to + 1);
      }
    }
  });

  it("UCLA-3: published stem, items, options and source", () => {
    const i = getInstrument("ucla3");
    expect(i.stem).toBe("How often do you feel…");
    expect(i.items.map((it) => [it.id, it.text])).toEqual([
      ["ucla3_companionship", "that you lack companionship?"],
      ["ucla3_left_out", "left out?"],
      ["ucla3_isolated", "isolated from others?"],
    ]);
    for (const it of i.items) {
      expect(it.options).toEqual([
        { value: 1, label: "Hardly ever or never" },
        { value: 2, label: "Some of the time" },
        { value: 3, label: "Often" },
      ]);
    }
    expect(i.copyright).toContain("Measuring loneliness: guidance for use of the national indicators on surveys");
    expect(i.direction).toEqual({ total: "lower_is_better" });
    expect(i.scoreScales[0]).toMatchObject({ key: "total", min: 3, max: 9 });
  });

  it("ONS direct question: five options in published order", () => {
    const i = getInstrument("ons_loneliness");
    expect(i.items).toHaveLength(1);
    expect(i.items[0].text).toBe("How often do you feel lonely?");
    expect(i.items[0].options.map((o) => o.label)).toEqual([
      "Often/always",
      "Some of the time",
      "Occasionally",
      "Hardly ever",
      "Never",
    ]);
    expect(i.copyright).toContain("Office for National Statistics");
  });

  it("ONS4: four items, 0–10 with anchors on the item", () => {
    const i = getInstrument("ons4");
    expect(i.items.map((it) => it.text)).toEqual([
      "Overall, how satisfied are you with your life nowadays?",
      "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
      "Overall, how happy did you feel yesterday?",
      "Overall, how anxious did you feel yesterday?",
    ]);
    for (const it of i.items) {
      expect(it.options).toEqual(Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) })));
      expect(it.minLabel).toBe("Not at all");
      expect(it.maxLabel).toBe("Completely");
    }
    expect(i.direction).toEqual({
      life_satisfaction: "higher_is_better",
      worthwhile: "higher_is_better",
      happiness: "higher_is_better",
      anxiety: "lower_is_better",
    });
  });

  const warwickOptions = [
    { value: 1, label: "None of the time" },
    { value: 2, label: "Rarely" },
    { value: 3, label: "Some of the time" },
    { value: 4, label: "Often" },
    { value: 5, label: "All of the time" },
  ];
  // SWEMWBS dates from 2008, the full WEMWBS from 2006.
  const swemwbsCopyright =
    "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved";
  const wemwbsCopyright =
    "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2006, all rights reserved";

  it("SWEMWBS: seven items in published order, options, stem and copyright", () => {
    const i = getInstrument("swemwbs");
    expect(i.items.map((it) => it.text)).toEqual([
      "I've been feeling optimistic about the future",
      "I've been feeling useful",
      "I've been feeling relaxed",
      "I've been dealing with problems well",
      "I've been thinking clearly",
      "I've been feeling close to other people",
      "I've been able to make up my own mind about things",
    ]);
    for (const it of i.items) expect(it.options).toEqual(warwickOptions);
    expect(i.copyright).toBe(swemwbsCopyright);
    expect(i.stem).toContain("over the last 2 weeks");
    expect(i.licensed).toBeFalsy();
    // Raw is never compared; the metric is the headline score.
    expect(i.scoreScales.find((s) => s.key === "metric")?.kind).toBe("headline");
    expect(i.scoreScales.find((s) => s.key === "raw")?.kind).toBe("raw");
  });

  it("WEMWBS: fourteen items, licensed, same options and copyright", () => {
    const i = getInstrument("wemwbs");
    expect(i.licensed).toBe(true);
    expect(i.items.map((it) => it.text)).toEqual([
      "I've been feeling optimistic about the future",
      "I've been feeling useful",
      "I've been feeling relaxed",
      "I've been feeling interested in other people",
      "I've had energy to spare",
      "I've been dealing with problems well",
      "I've been thinking clearly",
      "I've been feeling good about myself",
      "I've been feeling close to other people",
      "I've been feeling confident",
      "I've been able to make up my own mind about things",
      "I've been feeling loved",
      "I've been interested in new things",
      "I've been feeling cheerful",
    ]);
    for (const it of i.items) expect(it.options).toEqual(warwickOptions);
    expect(i.copyright).toBe(wemwbsCopyright);
  });

  it("De Jong Gierveld: three emotional and three social items, Yes / More or less / No", () => {
    const i = getInstrument("djg6");
    expect(i.items.map((it) => [it.subscale, it.text])).toEqual([
      ["emotional", "I experience a general sense of emptiness"],
      ["emotional", "I miss having people around"],
      ["emotional", "I often feel rejected"],
      ["social", "There are plenty of people I can lean on when I have problems"],
      ["social", "There are many people I can trust completely"],
      ["social", "There are enough people I feel close to"],
    ]);
    for (const it of i.items) expect(it.options.map((o) => o.label)).toEqual(["Yes", "More or less", "No"]);
    expect(i.copyright).toMatch(/van Tilburg/);
    expect(i.copyright).toMatch(/de Jong Gierveld/);
  });
});

describe("UCLA-3", () => {
  const ids = ["ucla3_companionship", "ucla3_left_out", "ucla3_isolated"];

  it("sums every one of the 27 answer patterns and bands at 6", () => {
    let seen = 0;
    for (const a of [1, 2, 3])
      for (const b of [1, 2, 3])
        for (const c of [1, 2, 3]) {
          const result = scoreResponse("ucla3", { [ids[0]]: a, [ids[1]]: b, [ids[2]]: c });
          expect(result.scores).toEqual({ total: a + b + c });
          expect(result.bands).toEqual({ total: a + b + c >= 6 ? "lonely" : "not lonely" });
          seen++;
        }
    expect(seen).toBe(27);
  });

  it.each([
    [[1, 1, 1], 3, "not lonely"],
    [[2, 2, 1], 5, "not lonely"],
    [[2, 2, 2], 6, "lonely"],
    [[3, 2, 1], 6, "lonely"],
    [[3, 3, 3], 9, "lonely"],
  ])("edge %j → %i (%s)", (values, total, band) => {
    const answers = Object.fromEntries(ids.map((id, n) => [id, values[n]]));
    expect(scoreResponse("ucla3", answers)).toEqual({ scores: { total }, bands: { total: band } });
  });
});

describe("ONS direct loneliness question", () => {
  it.each([
    [1, "Often/always"],
    [2, "Some of the time"],
    [3, "Occasionally"],
    [4, "Hardly ever"],
    [5, "Never"],
  ])("value %i → band %s", (value, label) => {
    expect(scoreResponse("ons_loneliness", { ons_lonely: value })).toEqual({
      scores: { frequency: value },
      bands: { frequency: label },
    });
  });
});

describe("ONS4", () => {
  const positive = ["low", "low", "low", "low", "low", "medium", "medium", "high", "high", "very high", "very high"];
  const anxiety = ["very low", "very low", "low", "low", "medium", "medium", "high", "high", "high", "high", "high"];
  const items = [
    ["ons4_life_satisfaction", "life_satisfaction", positive],
    ["ons4_worthwhile", "worthwhile", positive],
    ["ons4_happiness", "happiness", positive],
    ["ons4_anxiety", "anxiety", anxiety],
  ] as const;
  // A neutral background: every other item at 5.
  const base = { ons4_life_satisfaction: 5, ons4_worthwhile: 5, ons4_happiness: 5, ons4_anxiety: 5 };

  for (const [itemId, key, expected] of items) {
    it(`${key}: every value 0–10 gets the published band, other items untouched`, () => {
      for (let v = 0; v <= 10; v++) {
        const { scores, bands } = scoreResponse("ons4", { ...base, [itemId]: v });
        expect(scores[key]).toBe(v);
        expect(bands[key]).toBe(expected[v]);
        for (const [, other] of items) {
          if (other === key) continue;
          expect(scores[other]).toBe(5);
          expect(bands[other]).toBe("medium"); // 5 is "medium" on both band sets
        }
      }
    });
  }

  it("keeps the four scores separate (never summed)", () => {
    const result = scoreResponse("ons4", {
      ons4_life_satisfaction: 9,
      ons4_worthwhile: 7,
      ons4_happiness: 4,
      ons4_anxiety: 1,
    });
    expect(result).toEqual({
      scores: { life_satisfaction: 9, worthwhile: 7, happiness: 4, anxiety: 1 },
      bands: { life_satisfaction: "very high", worthwhile: "high", happiness: "low", anxiety: "very low" },
    });
  });
});

describe("SWEMWBS", () => {
  const swemwbs = getInstrument("swemwbs");

  for (let raw = 7; raw <= 35; raw++) {
    it(`raw ${raw} → metric ${SWEMWBS_TABLE[raw].toFixed(2)}`, () => {
      for (const fromEnd of [false, true]) {
        const result = scoreResponse("swemwbs", warwickAnswers(swemwbs, raw, fromEnd));
        expect(result.scores).toEqual({ raw, metric: SWEMWBS_TABLE[raw] });
        expect(result.bands).toEqual({}); // no official cut-off, so no band
      }
    });
  }

  it("covers all 29 table rows", () => {
    expect(Object.keys(SWEMWBS_TABLE)).toHaveLength(29);
  });
});

describe("WEMWBS", () => {
  const wemwbs = getInstrument("wemwbs");
  it("minimum 14, maximum 70, plain sum in between", () => {
    expect(scoreResponse("wemwbs", all(wemwbs, 1))).toEqual({ scores: { total: 14 }, bands: {} });
    expect(scoreResponse("wemwbs", all(wemwbs, 5))).toEqual({ scores: { total: 70 }, bands: {} });
    expect(scoreResponse("wemwbs", all(wemwbs, 3)).scores.total).toBe(42);
    expect(scoreResponse("wemwbs", warwickAnswers(wemwbs, 51)).scores.total).toBe(51);
  });
});

describe("De Jong Gierveld 6", () => {
  const djg = getInstrument("djg6");
  const YES = 1;
  const MORE_OR_LESS = 2;
  const NO = 3;
  // Least lonely answer per subscale: "No" to emotional items, "Yes" to social ones.
  const notLonely = Object.fromEntries(djg.items.map((i) => [i.id, i.subscale === "emotional" ? NO : YES]));

  it("all least-lonely answers score 0", () => {
    expect(scoreResponse("djg6", notLonely)).toEqual({
      scores: { total: 0, emotional: 0, social: 0 },
      bands: { total: "not lonely" },
    });
  });

  // Each item on its own, each option: emotional 1 for Yes / More or less; social 1 for No / More or less.
  for (const item of djg.items) {
    it.each([
      [YES, "Yes"],
      [MORE_OR_LESS, "More or less"],
      [NO, "No"],
    ])(`${item.id} answered %i (%s)`, (value, label) => {
      expect(item.options.find((o) => o.value === value)?.label).toBe(label);
      const point = item.subscale === "emotional" ? (value === NO ? 0 : 1) : value === YES ? 0 : 1;
      const { scores } = scoreResponse("djg6", { ...notLonely, [item.id]: value });
      expect(scores.total).toBe(point);
      expect(scores[item.subscale!]).toBe(point);
      expect(scores[item.subscale === "emotional" ? "social" : "emotional"]).toBe(0);
    });
  }

  it("all loneliest answers score 6 (3 + 3)", () => {
    const loneliest = Object.fromEntries(djg.items.map((i) => [i.id, i.subscale === "emotional" ? YES : NO]));
    expect(scoreResponse("djg6", loneliest)).toEqual({
      scores: { total: 6, emotional: 3, social: 3 },
      bands: { total: "severely lonely" },
    });
    expect(scoreResponse("djg6", all(djg, MORE_OR_LESS)).scores).toEqual({ total: 6, emotional: 3, social: 3 });
  });

  const bandByTotal = [
    "not lonely",
    "not lonely",
    "moderately lonely",
    "moderately lonely",
    "moderately lonely",
    "severely lonely",
    "severely lonely",
  ];
  for (let total = 0; total <= 6; total++) {
    it(`total ${total} → ${bandByTotal[total]}`, () => {
      // Make `total` items lonely, in item order.
      const answers = { ...notLonely };
      djg.items.slice(0, total).forEach((i) => (answers[i.id] = MORE_OR_LESS));
      const { scores, bands } = scoreResponse("djg6", answers);
      expect(scores.total).toBe(total);
      expect(scores.emotional).toBe(Math.min(total, 3));
      expect(scores.social).toBe(Math.max(0, total - 3));
      expect(bands).toEqual({ total: bandByTotal[total] });
    });
  }
});

describe("validation", () => {
  const ucla = { ucla3_companionship: 1, ucla3_left_out: 2, ucla3_isolated: 3 };

  it("missing item names the item and question number", () => {
    const { ucla3_left_out: _omit, ...rest } = ucla;
    const e = catchError(() => scoreResponse("ucla3", rest));
    expect(e.name).toBe("MeasureValidationError");
    expect(e.reason).toBe("missing");
    expect(e.field).toBe("ucla3_left_out");
    expect(e.itemId).toBe("ucla3_left_out");
    expect(e.message).toBe("Answer question 2: left out");
  });

  it("treats null or undefined as left out", () => {
    for (const blank of [null, undefined]) {
      const e = catchError(() => scoreResponse("ucla3", { ...ucla, ucla3_isolated: blank as unknown as number }));
      expect(e.reason).toBe("missing");
      expect(e.field).toBe("ucla3_isolated");
    }
  });

  it("an empty response is missing question 1", () => {
    const e = catchError(() => scoreResponse("ons4", {}));
    expect(e.field).toBe("ons4_life_satisfaction");
    expect(e.message).toBe("Answer question 1: Overall, how satisfied are you with your life nowadays");
  });

  it("every instrument rejects a missing item, never returning a partial score", () => {
    for (const i of instruments) {
      const complete = all(i, i.items[0].options[0].value);
      expect(() => scoreResponse(i.code, complete)).not.toThrow();
      i.items.forEach((item, n) => {
        const answers = { ...complete };
        delete answers[item.id];
        const e = catchError(() => scoreResponse(i.code, answers));
        expect(e.field).toBe(item.id);
        expect(e.message).toMatch(new RegExp(`^Answer question ${n + 1}: `));
      });
    }
  });

  it("rejects an unknown item id, including prototype names", () => {
    for (const key of ["ucla3_lonely", "constructor", "__proto__x"]) {
      const e = catchError(() => scoreResponse("ucla3", { ...ucla, [key]: 1 }));
      expect(e.reason).toBe("unknown_item");
      expect(e.field).toBe(key);
      expect(e.itemId).toBe(key);
    }
    // An item from another instrument is unknown here.
    expect(catchError(() => scoreResponse("ucla3", { ...ucla, swemwbs_useful: 3 })).reason).toBe("unknown_item");
  });

  it.each([
    ["ucla3", "ucla3_isolated", 0],
    ["ucla3", "ucla3_isolated", 4],
    ["ucla3", "ucla3_isolated", -1],
    ["ons_loneliness", "ons_lonely", 0],
    ["ons_loneliness", "ons_lonely", 6],
    ["ons4", "ons4_anxiety", -1],
    ["ons4", "ons4_anxiety", 11],
    ["swemwbs", "swemwbs_close", 0],
    ["swemwbs", "swemwbs_close", 6],
    ["wemwbs", "wemwbs_loved", 6],
    ["djg6", "djg_trust", 0],
    ["djg6", "djg_trust", 4],
  ])("%s: %s = %d is out of range", (code, itemId, value) => {
    const i = getInstrument(code);
    const answers = { ...all(i, i.items[0].options[1].value), [itemId]: value };
    const e = catchError(() => scoreResponse(code, answers));
    expect(e.reason).toBe("out_of_range");
    expect(e.field).toBe(itemId);
    expect(e.message).toMatch(/^Choose one of the answers for question \d+: /);
  });

  it.each([2.5, Number.NaN, Number.POSITIVE_INFINITY, "2", true])("rejects non-integer value %s", (value) => {
    const e = catchError(() => scoreResponse("ucla3", { ...ucla, ucla3_left_out: value as unknown as number }));
    expect(e.reason).toBe("not_integer");
    expect(e.field).toBe("ucla3_left_out");
  });

  it.each(["phq9", "", "UCLA3", "toString", "__proto__"])("rejects unknown instrument code %j", (code) => {
    const e = catchError(() => scoreResponse(code, ucla));
    expect(e.reason).toBe("unknown_instrument");
    expect(e.field).toBe("code");
    expect(e.itemId).toBeUndefined();
    expect(() => getInstrument(code)).toThrow(MeasureValidationError);
  });

  it("rejects a non-object answers value", () => {
    expect(catchError(() => scoreResponse("ucla3", null as unknown as Record<string, number>)).reason).toBe("missing");
  });
});
