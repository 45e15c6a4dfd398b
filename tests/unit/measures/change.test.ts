import { describe, it, expect } from "vitest";
import {
  ONS_CHRONIC_LONELINESS_LABEL,
  SWEMWBS_MEANINGFUL_CHANGE,
  UCLA3_LONELY_CUTOFF,
  WEMWBS_MEANINGFUL_CHANGE,
  compareScores,
} from "~/measures/change";
import { MeasureValidationError, getInstrument, scoreResponse } from "~/measures/scoring";

// Bands are re-derived from scores by compareScores, so tests pass empty bands.
const s = (scores: Record<string, number>) => ({ scores, bands: {} as Record<string, string> });

describe("thresholds", () => {
  it("match docs/measures.md", () => {
    expect(SWEMWBS_MEANINGFUL_CHANGE).toBe(3);
    expect(WEMWBS_MEANINGFUL_CHANGE).toBe(9);
    expect(UCLA3_LONELY_CUTOFF).toBe(6);
    expect(ONS_CHRONIC_LONELINESS_LABEL).toBe("Often/always");
  });
});

describe("SWEMWBS metric", () => {
  const swem = (from: number, to: number) =>
    compareScores("swemwbs", s({ raw: 20, metric: from }), s({ raw: 20, metric: to })).changes.metric;

  it("2.99 is not meaningful, 3.00 is (improvement)", () => {
    expect(swem(20, 22.99)).toMatchObject({ change: 2.99, meaningful: false, improvement: true, outcome: "improved" });
    expect(swem(20, 23)).toMatchObject({ change: 3, meaningful: true, improvement: true });
    expect(swem(20, 23).reason).toContain("3.00");
  });

  it("-2.99 is not meaningful, -3.00 is (deterioration flagged too)", () => {
    expect(swem(23, 20.01)).toMatchObject({ change: -2.99, meaningful: false, improvement: false, outcome: "worse" });
    expect(swem(23, 20)).toMatchObject({ change: -3, meaningful: true, improvement: false, outcome: "worse" });
  });

  it("float noise does not hide a 3.00 change (10.03 − 7.03 = 2.999… in binary)", () => {
    expect(10.03 - 7.03).toBeLessThan(3);
    expect(swem(7.03, 10.03)).toMatchObject({ change: 3, meaningful: true });
    expect(swem(10.03, 7.03)).toMatchObject({ change: -3, meaningful: true });
    expect(swem(7.03, 10.02)).toMatchObject({ change: 2.99, meaningful: false });
  });

  it("rounds to 2 dp and compares the metric, not the raw score", () => {
    // raw 21 → 25 (+4 raw) is 19.25 → 22.35 = +3.10 metric.
    const inst = getInstrument("swemwbs");
    const answers = (raw: number) => {
      let left = raw - 7;
      return Object.fromEntries(
        inst.items.map((i) => {
          const e = Math.min(4, left);
          left -= e;
          return [i.id, 1 + e];
        }),
      );
    };
    const result = compareScores(
      "swemwbs",
      scoreResponse("swemwbs", answers(21)),
      scoreResponse("swemwbs", answers(25)),
    );
    expect(Object.keys(result.changes)).toEqual(["metric"]);
    expect(result.changes.metric).toMatchObject({ baseline: 19.25, later: 22.35, change: 3.1, meaningful: true });
    expect(result.anyMeaningful).toBe(true);
    // raw 20 → 22 (+2 raw) is 18.59 → 19.98 = +1.39: not meaningful.
    expect(
      compareScores("swemwbs", s({ raw: 20, metric: 18.59 }), s({ raw: 22, metric: 19.98 })).changes.metric,
    ).toMatchObject({ change: 1.39, meaningful: false });
  });

  it("no change is 0 (not -0) and unchanged", () => {
    const c = swem(21.54, 21.54);
    expect(Object.is(c.change, 0)).toBe(true);
    expect(c).toMatchObject({ outcome: "unchanged", improvement: false, meaningful: false });
    expect(c.baselineBand).toBeUndefined();
  });
});

describe("WEMWBS total", () => {
  const wem = (from: number, to: number) => compareScores("wemwbs", s({ total: from }), s({ total: to })).changes.total;
  it("8 is not meaningful, 9 is, either way", () => {
    expect(wem(40, 48)).toMatchObject({ change: 8, meaningful: false, improvement: true });
    expect(wem(40, 49)).toMatchObject({ change: 9, meaningful: true, improvement: true });
    expect(wem(49, 41)).toMatchObject({ change: -8, meaningful: false, improvement: false });
    expect(wem(49, 40)).toMatchObject({ change: -9, meaningful: true, improvement: false, outcome: "worse" });
    expect(wem(14, 70)).toMatchObject({ change: 56, meaningful: true });
  });
});

describe("UCLA-3 total", () => {
  const ucla = (from: number, to: number) => compareScores("ucla3", s({ total: from }), s({ total: to })).changes.total;

  it("moving out of the lonely band (6 → 5) is a meaningful improvement", () => {
    expect(ucla(6, 5)).toMatchObject({
      change: -1,
      improvement: true,
      outcome: "improved",
      meaningful: true,
      baselineBand: "lonely",
      laterBand: "not lonely",
    });
    expect(ucla(6, 5).reason).toMatch(/out of/);
  });

  it("moving into the lonely band (5 → 6) is meaningful and worse", () => {
    expect(ucla(5, 6)).toMatchObject({
      change: 1,
      improvement: false,
      outcome: "worse",
      meaningful: true,
      laterBand: "lonely",
    });
    expect(ucla(5, 6).reason).toMatch(/into/);
  });

  it("staying on one side is not meaningful, however big the change", () => {
    expect(ucla(9, 6)).toMatchObject({ change: -3, improvement: true, meaningful: false });
    expect(ucla(5, 3)).toMatchObject({ change: -2, improvement: true, meaningful: false });
    expect(ucla(3, 5)).toMatchObject({ change: 2, improvement: false, meaningful: false });
    expect(ucla(7, 7)).toMatchObject({ change: 0, outcome: "unchanged", meaningful: false });
  });

  it("maximum change 9 → 3", () => {
    expect(ucla(9, 3)).toMatchObject({ change: -6, meaningful: true, improvement: true });
  });

  it("ignores stale stored bands and uses the scores", () => {
    const result = compareScores(
      "ucla3",
      { scores: { total: 7 }, bands: { total: "not lonely" } },
      { scores: { total: 4 }, bands: { total: "lonely" } },
    );
    expect(result.changes.total).toMatchObject({ baselineBand: "lonely", laterBand: "not lonely", meaningful: true });
  });
});

describe("ONS4 items", () => {
  const base = { life_satisfaction: 5, worthwhile: 5, happiness: 5, anxiety: 5 };
  const ons4 = (key: string, from: number, to: number) =>
    compareScores("ons4", s({ ...base, [key]: from }), s({ ...base, [key]: to }));

  for (const key of ["life_satisfaction", "worthwhile", "happiness"]) {
    it(`${key}: band edges 4/5, 6/7, 8/9 are meaningful; moves inside a band are not`, () => {
      for (const [from, to] of [
        [4, 5],
        [6, 7],
        [8, 9],
      ]) {
        expect(ons4(key, from, to).changes[key]).toMatchObject({ change: 1, improvement: true, meaningful: true });
        expect(ons4(key, to, from).changes[key]).toMatchObject({ change: -1, improvement: false, meaningful: true });
      }
      for (const [from, to] of [
        [0, 4],
        [5, 6],
        [7, 8],
        [9, 10],
      ]) {
        expect(ons4(key, from, to).changes[key]).toMatchObject({ improvement: true, meaningful: false });
      }
      const r = ons4(key, 4, 5);
      expect(r.changes[key]).toMatchObject({ baselineBand: "low", laterBand: "medium" });
      expect(r.anyMeaningful).toBe(true);
      // The other items did not move.
      for (const other of Object.keys(base)) if (other !== key) expect(r.changes[other].meaningful).toBe(false);
    });
  }

  it("anxiety is reversed: lower is an improvement; edges 1/2, 3/4, 5/6", () => {
    for (const [from, to] of [
      [2, 1],
      [4, 3],
      [6, 5],
    ]) {
      expect(ons4("anxiety", from, to).changes.anxiety).toMatchObject({
        change: -1,
        improvement: true,
        outcome: "improved",
        meaningful: true,
      });
      expect(ons4("anxiety", to, from).changes.anxiety).toMatchObject({
        change: 1,
        improvement: false,
        outcome: "worse",
        meaningful: true,
      });
    }
    for (const [from, to] of [
      [1, 0],
      [3, 2],
      [5, 4],
      [10, 6],
    ]) {
      expect(ons4("anxiety", from, to).changes.anxiety).toMatchObject({ improvement: true, meaningful: false });
    }
    expect(ons4("anxiety", 6, 5).changes.anxiety).toMatchObject({ baselineBand: "high", laterBand: "medium" });
  });

  it("no band change anywhere → anyMeaningful false", () => {
    expect(ons4("happiness", 7, 8).anyMeaningful).toBe(false);
  });
});

describe("De Jong Gierveld 6", () => {
  const djg = (from: number, to: number, sub = { emotional: 0, social: 0 }) =>
    compareScores(
      "djg6",
      s({ total: from, ...sub }),
      s({ total: to, emotional: Math.min(to, 3), social: Math.max(0, to - 3) }),
    );

  it("band edges 1/2 and 4/5 are meaningful both ways", () => {
    expect(djg(1, 2).changes.total).toMatchObject({
      change: 1,
      improvement: false,
      meaningful: true,
      baselineBand: "not lonely",
      laterBand: "moderately lonely",
    });
    expect(djg(2, 1).changes.total).toMatchObject({ change: -1, improvement: true, meaningful: true });
    expect(djg(4, 5).changes.total).toMatchObject({
      change: 1,
      improvement: false,
      meaningful: true,
      laterBand: "severely lonely",
    });
    expect(djg(5, 4).changes.total).toMatchObject({ change: -1, improvement: true, meaningful: true });
  });

  it("moves inside a band are not meaningful", () => {
    expect(djg(0, 1).changes.total.meaningful).toBe(false);
    expect(djg(2, 4).changes.total.meaningful).toBe(false);
    expect(djg(5, 6).changes.total.meaningful).toBe(false);
  });

  it("subscales report change but are never flagged on their own", () => {
    const r = djg(0, 1, { emotional: 0, social: 0 });
    expect(r.changes.emotional).toMatchObject({ change: 1, improvement: false, meaningful: false });
    expect(r.changes.social).toMatchObject({ change: 0, meaningful: false });
    expect(r.changes.emotional.reason).toMatch(/subscale/);
    expect(Object.keys(r.changes)).toEqual(["total", "emotional", "social"]);
  });
});

describe("ONS direct loneliness question", () => {
  const ons = (from: number, to: number) =>
    compareScores("ons_loneliness", s({ frequency: from }), s({ frequency: to })).changes.frequency;
  it("moving out of or into Often/always is meaningful", () => {
    expect(ons(1, 2)).toMatchObject({
      change: 1,
      improvement: true,
      meaningful: true,
      baselineBand: "Often/always",
      laterBand: "Some of the time",
    });
    expect(ons(3, 1)).toMatchObject({ change: -2, improvement: false, meaningful: true });
  });
  it("moves among the other answers are not", () => {
    expect(ons(2, 5)).toMatchObject({ change: 3, improvement: true, meaningful: false, laterBand: "Never" });
    expect(ons(1, 1)).toMatchObject({ outcome: "unchanged", meaningful: false });
  });
});

describe("invalid input", () => {
  function err(fn: () => unknown): MeasureValidationError {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(MeasureValidationError);
      return e as MeasureValidationError;
    }
    throw new Error("expected a MeasureValidationError");
  }

  it("unknown instrument code", () => {
    expect(err(() => compareScores("phq9", s({ total: 1 }), s({ total: 1 }))).field).toBe("code");
  });

  it("missing, out-of-range or non-integer scores name the side and key", () => {
    expect(err(() => compareScores("ucla3", s({}), s({ total: 5 }))).field).toBe("baseline.total");
    expect(err(() => compareScores("ucla3", s({ total: 5 }), s({ total: 10 }))).field).toBe("later.total");
    expect(err(() => compareScores("ucla3", s({ total: 2 }), s({ total: 5 }))).field).toBe("baseline.total");
    expect(err(() => compareScores("ucla3", s({ total: 5.5 }), s({ total: 5 }))).field).toBe("baseline.total");
    expect(err(() => compareScores("swemwbs", s({ metric: 20 }), s({ metric: Number.NaN }))).field).toBe(
      "later.metric",
    );
    expect(
      err(() =>
        compareScores(
          "ons4",
          s({ life_satisfaction: 5, worthwhile: 5, happiness: 5 }),
          s({ life_satisfaction: 5, worthwhile: 5, happiness: 5, anxiety: 5 }),
        ),
      ).field,
    ).toBe("baseline.anxiety");
    expect(err(() => compareScores("ucla3", null as never, s({ total: 5 }))).reason).toBe("invalid_score");
  });
});
