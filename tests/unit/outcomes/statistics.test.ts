import { describe, expect, it } from "vitest";
import {
  histogramMedian,
  median,
  mergeChangeSummaries,
  normaliseChange,
  pairedChange,
  pairedChangeFromSummary,
  summariseChanges,
  type PairedChange,
} from "../../../app/outcomes/statistics";

/** Every numeric figure of a PairedChange, in a fixed order, for comparisons. */
function figures(result: PairedChange): (number | null)[] {
  return [
    result.n,
    result.meanBefore,
    result.meanAfter,
    result.meanChange,
    result.sdChange,
    result.ci95?.[0] ?? null,
    result.ci95?.[1] ?? null,
    result.cohensDz,
    result.medianChange,
    result.wilcoxonP,
  ];
}

describe("paired change, worked by hand", () => {
  it("five pairs with a tie in absolute change (normal approximation)", () => {
    // before 5 6 7 8 9, after 4 6 5 9 6 → change −1 0 −2 +1 −3.
    // mean before 35/5 = 7, mean after 30/5 = 6, mean change −5/5 = −1, median of (−3 −2 −1 0 1) = −1.
    // deviations from −1: 0 1 −1 2 −2, squares sum 10, variance 10/4 = 2.5, SD √2.5 = 1.5811388300841898.
    // d_z = −1 / √2.5 = −√0.4 = −0.6324555320336759.
    // t(0.975, 4) = 2.7764451051977987 (published tables: 2.776), half-width 2.7764451051977987 × √2.5 / √5
    //   = 2.7764451051977987 / √2 = 1.9632431614775551, CI −2.9632431614775551 to 0.9632431614775551.
    // Wilcoxon: zero dropped, m = 4, |change| 1 2 1 3 → ranks 1.5 3 1.5 4 (the two 1s tie: normal approximation).
    //   T+ = 1.5 (the +1). Mean m(m+1)/4 = 5. Variance m(m+1)(2m+1)/24 − Σ(t³ − t)/48 = 180/24 − 6/48 = 7.375.
    //   z = −3.5 / √7.375 = −1.2888044650576527, p = erfc(|z|/√2) = 0.19746607335801866 (Python math.erfc).
    const result = pairedChange([5, 6, 7, 8, 9], [4, 6, 5, 9, 6]);
    expect(result.n).toBe(5);
    expect(result.meanBefore).toBe(7);
    expect(result.meanAfter).toBe(6);
    expect(result.meanChange).toBe(-1);
    expect(result.medianChange).toBe(-1);
    expect(result.sdChange).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(result.cohensDz).toBeCloseTo(-Math.sqrt(0.4), 14);
    expect(result.ci95![0]).toBeCloseTo(-1 - 2.7764451051977987 / Math.SQRT2, 13);
    expect(result.ci95![1]).toBeCloseTo(-1 + 2.7764451051977987 / Math.SQRT2, 13);
    expect(result.wilcoxonMethod).toBe("normal");
    expect(result.wilcoxonP).toBeCloseTo(0.19746607335801866, 14);
  });

  it("drops zero changes and then uses the exact distribution", () => {
    // before all 10, after 11 13 10 14 16 8 → change +1 +3 0 +4 +6 −2. Drop the 0: m = 5, no ties.
    // |change| 1 3 4 6 2 → ranks 1 3 4 5 2. T− = 2 (the −2), T+ = 15 − 2 = 13.
    // Exact null: each of the 2^5 = 32 sign patterns equally likely. Subsets of {1,2,3,4,5} with sum ≤ 2:
    //   {}, {1}, {2} → 3. p = 2 × 3/32 = 0.1875 exactly.
    // (R's wilcox.test and @stdlib/stats-wilcoxon switch to the normal approximation whenever a zero was dropped;
    // the published rule here keeps the exact test for the non-zero changes, see docs/statistics.md.)
    const result = pairedChange([10, 10, 10, 10, 10, 10], [11, 13, 10, 14, 16, 8]);
    expect(result.wilcoxonMethod).toBe("exact");
    expect(result.wilcoxonP).toBe(0.1875);
    expect(result.medianChange).toBe(2); // sorted −2 0 1 3 4 6: (1 + 3)/2
  });

  it("caps the exact two-sided p at 1 when the statistic sits at its null mean", () => {
    // change +1 +2 −3: T+ = 1 + 2 = 3 = m(m+1)/4. Subset sums of {1,2,3}: 0 1 2 3 3 4 5 6, P(T ≤ 3) = 5/8,
    // and 2 × 5/8 = 1.25 is not a probability: p = 1 (as R's min(1, 2p); @stdlib returns 1.25 here).
    const result = pairedChange([0, 0, 3], [1, 2, 0]);
    expect(result.wilcoxonMethod).toBe("exact");
    expect(result.wilcoxonP).toBe(1);
  });

  it("puts SWEMWBS metric changes that are equal on paper in one bin", () => {
    // In floating point 22.35 − 21.54 = 0.8100000000000023 and 21.54 − 20.73 = 0.8099999999999987: both are 0.81.
    // 17.43 − 16.88 = 0.5500000000000007 must share a bin with a 0.55 read from SQL numeric.
    expect(22.35 - 21.54).not.toBe(21.54 - 20.73);
    expect(17.43 - 16.88).not.toBe(0.55);
    const summary = summariseChanges([21.54, 20.73, 16.88], [22.35, 21.54, 17.43]);
    expect(summary.histogram).toEqual([
      [0.55, 1],
      [0.81, 2],
    ]);
    expect(
      mergeChangeSummaries(summary, { ...summariseChanges([], []), n: 1, histogram: [[0.55, 1]] }).histogram,
    ).toEqual([
      [0.55, 2],
      [0.81, 2],
    ]);
    expect(normaliseChange(17.43 - 16.88)).toBe(Number("0.55"));
    expect(normaliseChange(-(17.43 - 16.88))).toBe(-0.55);
    expect(Object.is(normaliseChange(-0), 0)).toBe(true);
    // +0.81 and −0.81 tie in absolute value, so the normal approximation is used.
    expect(pairedChange([21.54, 21.54], [22.35, 20.73]).wilcoxonMethod).toBe("normal");
  });
});

describe("paired change at the edges", () => {
  it("gives nulls, not NaN, for no pairs", () => {
    expect(pairedChange([], [])).toEqual({
      n: 0,
      meanBefore: null,
      meanAfter: null,
      meanChange: null,
      sdChange: null,
      ci95: null,
      cohensDz: null,
      medianChange: null,
      wilcoxonP: null,
      wilcoxonMethod: null,
    });
  });

  it("gives the means and median but no spread for one pair", () => {
    // One non-zero change: T+ is 0 or 1 with probability ½ each, so the two-sided exact p is min(1, 2 × ½) = 1.
    expect(pairedChange([3], [5])).toEqual({
      n: 1,
      meanBefore: 3,
      meanAfter: 5,
      meanChange: 2,
      sdChange: null,
      ci95: null,
      cohensDz: null,
      medianChange: 2,
      wilcoxonP: 1,
      wilcoxonMethod: "exact",
    });
  });

  it("gives SD 0 and no CI, d_z or Wilcoxon p when nobody changed", () => {
    const result = pairedChange([4, 6, 9], [4, 6, 9]);
    expect(result).toMatchObject({ n: 3, meanChange: 0, sdChange: 0, ci95: null, cohensDz: null, medianChange: 0 });
    expect(result.wilcoxonP).toBeNull();
  });

  it("gives SD 0 and no CI or d_z when everybody changed by the same amount", () => {
    const result = pairedChange([16.88, 17.43, 15.32], [17.43, 17.98, 15.87]);
    expect(result).toMatchObject({ n: 3, meanChange: 0.55, sdChange: 0, ci95: null, cohensDz: null });
    for (const value of figures(result)) if (value !== null) expect(Number.isFinite(value)).toBe(true);
  });

  it("refuses unequal lengths and values that are not numbers", () => {
    expect(() => pairedChange([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedChange([1, Number.NaN], [1, 2])).toThrow(RangeError);
    expect(() => pairedChange([1, 2], [1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it("refuses a summary whose histogram does not add up to n", () => {
    const summary = summariseChanges([1, 2], [2, 2]);
    expect(() => pairedChangeFromSummary({ ...summary, n: 3 })).toThrow(RangeError);
    expect(() => pairedChangeFromSummary({ ...summary, histogram: [[1, 1.5]] })).toThrow(RangeError);
  });
});

describe("medians", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
  });

  it("reads the median from a histogram in any order, ignoring empty bins", () => {
    expect(histogramMedian([])).toBeNull();
    expect(histogramMedian([[5, 0]])).toBeNull();
    // days 2 2 2 9 14 → 2; days 2 9 14 30 → (9 + 14)/2
    expect(
      histogramMedian([
        [14, 1],
        [2, 3],
        [9, 1],
        [40, 0],
      ]),
    ).toBe(2);
    expect(
      histogramMedian([
        [30, 1],
        [9, 1],
        [2, 1],
        [14, 1],
      ]),
    ).toBe(11.5);
    expect(() => histogramMedian([[1, -1]])).toThrow(RangeError);
  });
});

describe("additive summaries", () => {
  it("merging halves gives the figures of the whole", () => {
    const before = [5, 6, 7, 8, 9, 3, 4];
    const after = [4, 6, 5, 9, 6, 3, 8];
    const whole = pairedChange(before, after);
    const merged = mergeChangeSummaries(
      summariseChanges(before.slice(0, 3), after.slice(0, 3)),
      summariseChanges(before.slice(3), after.slice(3)),
    );
    expect(figures(pairedChangeFromSummary(merged))).toEqual(figures(whole));
    expect(mergeChangeSummaries()).toEqual(summariseChanges([], []));
  });
});
