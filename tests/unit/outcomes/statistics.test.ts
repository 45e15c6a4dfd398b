import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  histogramMedian,
  logGamma,
  median,
  mergeChangeSummaries,
  normaliseChange,
  pairedChange,
  pairedChangeFromSummary,
  regularisedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  summariseChanges,
  type ChangeSummary,
  type PairedChange,
} from "../../../app/outcomes/statistics";
import reference from "../../fixtures/statistics-reference.json";

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

// ---------------------------------------------------------------------------------------------------------------
// Against an independent implementation: tests/fixtures/statistics-reference.json, written by
// scripts/statistics-reference.ts from @stdlib/stats-ttest, @stdlib/stats-wilcoxon and plain formulas.
//
// Tolerance: |ours − reference| ≤ 1e-9 × max(1, |reference|), that is absolute for figures within ±1 (every p value,
// most d_z) and relative for larger ones (means, SDs, interval ends). Nulls must match exactly.
//
// Where stdlib and the published rule part (each case's `notes` in the fixture says so):
//   - stdlib's Wilcoxon, like R's wilcox.test, falls back to the normal approximation whenever a zero change was
//     dropped. The rule here (issue 13) drops zeros first and uses the exact distribution for the m ≤ 50 non-zero
//     changes left when none tie: the reference passes stdlib the non-zero changes only, and the hand-worked case
//     "drops zero changes and then uses the exact distribution" above checks the counting (p = 6/32).
//   - stdlib's exact two-sided p is 2 × P(T ≤ T+) without a cap, 1.25 when T+ sits at its null mean; R caps at 1
//     (min(1, 2p)) and so do we: hand-worked case "caps the exact two-sided p at 1" above.
//   - stdlib refuses fewer than two values and gives NaN intervals for SD 0; the rule gives the figures in
//     "paired change at the edges" above (p = 1 for a single non-zero change, worked out there).
//   - Changes are compared as written on paper: the script rounds each change to hundredths (every score has at
//     most 2 decimals) before ranking, so its ties are the real ones; ours come from normaliseChange.

const TOLERANCE = 1e-9;

function expectClose(actual: number | null, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  const error = Math.abs((actual as number) - expected);
  expect(error, `${label}: ${actual} against ${expected}`).toBeLessThanOrEqual(
    TOLERANCE * Math.max(1, Math.abs(expected)),
  );
}

describe("paired change against @stdlib and plain formulas", () => {
  it("covers the shapes of data the rule distinguishes", () => {
    const methods = reference.cases.map((c) => c.expected.wilcoxonMethod);
    expect(methods).toContain("exact");
    expect(methods).toContain("normal");
    expect(methods).toContain(null);
    expect(reference.cases.some((c) => c.expected.n === 200)).toBe(true);
    expect(reference.cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of reference.cases) {
    it(`${c.name}: ${c.description}`, () => {
      const result = pairedChange(c.before, c.after);
      const expected = c.expected;
      expect(result.n).toBe(expected.n);
      for (const key of [
        "meanBefore",
        "meanAfter",
        "meanChange",
        "sdChange",
        "cohensDz",
        "medianChange",
        "wilcoxonP",
      ] as const) {
        expectClose(result[key], expected[key], key);
      }
      if (expected.ci95 === null) expect(result.ci95).toBeNull();
      else {
        expectClose(result.ci95?.[0] ?? null, expected.ci95[0], "ci95 low");
        expectClose(result.ci95?.[1] ?? null, expected.ci95[1], "ci95 high");
      }
      expect(result.wilcoxonMethod).toBe(expected.wilcoxonMethod);
      for (const value of figures(result)) if (value !== null) expect(Number.isFinite(value)).toBe(true);
    });
  }
});

describe("Student's t", () => {
  it("matches the closed forms for 1 and 2 degrees of freedom", () => {
    for (const p of [0.6, 0.9, 0.975, 0.995, 0.9995, 0.025, 0.3]) {
      // df = 1 is the Cauchy distribution: t = tan(π(p − ½)). df = 2: t = (2p − 1) / √(2p(1 − p)).
      const cauchy = Math.tan(Math.PI * (p - 0.5));
      expect(Math.abs(studentTQuantile(p, 1) - cauchy)).toBeLessThanOrEqual(1e-13 * Math.abs(cauchy));
      const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(Math.abs(studentTQuantile(p, 2) - two)).toBeLessThanOrEqual(1e-13 * Math.abs(two));
      expect(Math.abs(studentTCdf(cauchy, 1) - p)).toBeLessThanOrEqual(1e-14);
    }
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it("matches @stdlib's quantiles and CDF to 1e-13", () => {
    for (const [df, q] of reference.distributions.tQuantile975) {
      expect(Math.abs(studentTQuantile(0.975, df) - q), `df ${df}`).toBeLessThanOrEqual(1e-13 * q);
    }
    for (const [t, df, p] of reference.distributions.tCdf) {
      expect(Math.abs(studentTCdf(t, df) - p), `t ${t}, df ${df}`).toBeLessThanOrEqual(1e-13);
    }
  });

  it("matches Fisher's expansion of the quantile in 1/df at large df to 1e-12", () => {
    // Abramowitz & Stegun 26.7.5 with z the normal 0.975 quantile; the terms left out are of order df^-5.
    const z = 1.959963984540054;
    const g = [
      (z ** 3 + z) / 4,
      (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96,
      (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384,
      (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160,
    ];
    for (const df of [1e3, 2249, 1e4, 1e5, 1e6, 1e7]) {
      const expansion = z + g[0] / df + g[1] / df ** 2 + g[2] / df ** 3 + g[3] / df ** 4;
      expect(Math.abs(studentTQuantile(0.975, df) - expansion), `df ${df}`).toBeLessThanOrEqual(1e-12 * expansion);
    }
  });

  it("inverts its own CDF", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 100_000 }), (p, df) => {
        const t = studentTQuantile(p, df);
        expect(Math.abs(studentTCdf(t, df) - p)).toBeLessThanOrEqual(1e-13);
      }),
    );
  });

  it("refuses what has no answer", () => {
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTCdf(1, -1)).toThrow(RangeError);
  });
});

describe("incomplete beta and log-gamma", () => {
  it("matches closed forms", () => {
    for (const x of [0, 1e-9, 0.05, 0.3, 0.5, 0.77, 0.999, 1]) {
      expect(regularisedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 14); // uniform
      expect(regularisedIncompleteBeta(x, 3, 1)).toBeCloseTo(x ** 3, 14); // I_x(a, 1) = x^a
      expect(regularisedIncompleteBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 14); // I_x(1, b) = 1 − (1 − x)^b
      // I_x(½, ½) = (2/π) asin √x (the arcsine distribution)
      expect(regularisedIncompleteBeta(x, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 14);
    }
    // Symmetric beta at its centre: the continued fraction needs about √a terms there, and its rounding grows with
    // them (documented accuracy: 1e-14 for small parameters, 1e-12 up to a = b = 5e6, that is 1e7 degrees of freedom).
    for (const a of [0.5, 3, 12.5, 400])
      expect(Math.abs(regularisedIncompleteBeta(0.5, a, a) - 0.5)).toBeLessThan(1e-14);
    for (const a of [5e4, 5e5, 5e6]) expect(Math.abs(regularisedIncompleteBeta(0.5, a, a) - 0.5)).toBeLessThan(1e-12);
    expect(() => regularisedIncompleteBeta(1.1, 1, 1)).toThrow(RangeError);
  });

  it("gives ln Γ of whole and half numbers", () => {
    let factorial = 1;
    for (let n = 1; n <= 25; n++) {
      expect(Math.abs(logGamma(n) - Math.log(factorial))).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.log(factorial)));
      factorial *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe("the exact Wilcoxon distribution", () => {
  it("equals a count over every sign pattern", () => {
    // Brute force: with m distinct magnitudes, each of the 2^m sign patterns is equally likely under the null; the
    // two-sided p is min(1, 2 × share of patterns whose positive-rank sum is ≤ min(T+, T−)).
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 4 }),
        (magnitudes, negative, zeros) => {
          const changes = magnitudes.map((magnitude, i) => (negative[i] ? -magnitude : magnitude));
          const order = [...magnitudes].sort((a, b) => a - b);
          const rank = (change: number) => order.indexOf(Math.abs(change)) + 1;
          const m = changes.length;
          const total = (m * (m + 1)) / 2;
          const positive = changes.filter((x) => x > 0).reduce((sum, x) => sum + rank(x), 0);
          const bound = Math.min(positive, total - positive);
          let atMost = 0;
          for (let pattern = 0; pattern < 2 ** m; pattern++) {
            let sum = 0;
            for (let r = 1; r <= m; r++) if (pattern & (1 << (r - 1))) sum += r;
            if (sum <= bound) atMost++;
          }
          const before = [...changes.map(() => 20), ...Array<number>(zeros).fill(20)];
          const after = [...changes.map((x) => 20 + x), ...Array<number>(zeros).fill(20)];
          const result = pairedChange(before, after);
          expect(result.wilcoxonMethod).toBe("exact");
          expect(result.wilcoxonP).toBe(Math.min(1, (2 * atMost) / 2 ** m));
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Additivity: the dashboard keeps one summary per cell and merges cells for a filter.

const swemwbsMetric = [
  7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73,
  21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55, 35.0,
];
const score = fc.oneof(fc.integer({ min: 3, max: 9 }), fc.constantFrom(...swemwbsMetric));
const pairs = fc.array(fc.tuple(score, score), { maxLength: 120 });

/** Split a list at the given cut points (taken modulo its length, in any order). */
function split<T>(items: T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((cut) => (items.length ? cut % (items.length + 1) : 0)))].sort((a, b) => a - b);
  const parts: T[][] = [];
  let start = 0;
  for (const point of [...points, items.length]) {
    parts.push(items.slice(start, point));
    start = point;
  }
  return parts;
}

function summaryOf(list: [number, number][]): ChangeSummary {
  return summariseChanges(
    list.map(([b]) => b),
    list.map(([, a]) => a),
  );
}

/** Merge summaries as a random binary tree (so every bracketing gets tried). */
function mergeAsTree(parts: ChangeSummary[], choices: number[]): ChangeSummary {
  const queue = [...parts];
  let i = 0;
  while (queue.length > 1) {
    const at = choices[i++ % choices.length] % (queue.length - 1);
    const [left, right] = queue.splice(at, 2);
    queue.splice(at, 0, mergeChangeSummaries(left, right));
  }
  return queue[0] ?? mergeChangeSummaries();
}

/** Sums of floating scores depend on the order of addition in the last bits; everything else must be identical. */
function expectSameFigures(actual: PairedChange, expected: PairedChange): void {
  const { meanBefore, meanAfter, ...rest } = actual;
  const { meanBefore: expectedBefore, meanAfter: expectedAfter, ...expectedRest } = expected;
  expect(rest).toEqual(expectedRest);
  for (const [ours, theirs] of [
    [meanBefore, expectedBefore],
    [meanAfter, expectedAfter],
  ]) {
    if (theirs === null) expect(ours).toBeNull();
    else expect(Math.abs((ours as number) - theirs)).toBeLessThanOrEqual(1e-13 * Math.abs(theirs));
  }
}

describe("additive summaries, for any split", () => {
  it("merged in any grouping and order, give the figures of the whole", () => {
    fc.assert(
      fc.property(
        pairs,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (list, cuts, choices) => {
          const whole = pairedChange(
            list.map(([b]) => b),
            list.map(([, a]) => a),
          );
          const parts = split(list, cuts).map(summaryOf);
          expectSameFigures(pairedChangeFromSummary(mergeAsTree(parts, choices)), whole);
          expectSameFigures(pairedChangeFromSummary(mergeChangeSummaries(...parts.reverse())), whole);
        },
      ),
    );
  });

  it("merge is commutative and associative, with the empty summary as identity", () => {
    fc.assert(
      fc.property(pairs, pairs, pairs, (a, b, c) => {
        const [x, y, z] = [summaryOf(a), summaryOf(b), summaryOf(c)];
        const empty = mergeChangeSummaries();
        expect(mergeChangeSummaries(x, empty)).toEqual(x);
        expect(mergeChangeSummaries(empty, x)).toEqual(x);
        expect(mergeChangeSummaries(x, y)).toEqual(mergeChangeSummaries(y, x));
        const left = mergeChangeSummaries(mergeChangeSummaries(x, y), z);
        const right = mergeChangeSummaries(x, mergeChangeSummaries(y, z));
        expect(left.n).toBe(right.n);
        expect(left.histogram).toEqual(right.histogram);
        for (const key of ["sumBefore", "sumAfter", "sumChange", "sumChangeSquared"] as const) {
          expect(Math.abs(left[key] - right[key])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(right[key])));
        }
      }),
    );
  });

  it("keeps the histogram sorted, normalised and free of empty bins, and its sums consistent", () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const summary = summaryOf(list);
        const values = summary.histogram.map(([value]) => value);
        expect(values).toEqual([...values].sort((p, q) => p - q));
        expect(new Set(values).size).toBe(values.length);
        for (const [value, count] of summary.histogram) {
          expect(normaliseChange(value)).toBe(value);
          expect(count).toBeGreaterThan(0);
        }
        expect(summary.histogram.reduce((sum, [, count]) => sum + count, 0)).toBe(summary.n);
        const fromBins = summary.histogram.reduce((sum, [value, count]) => sum + value * count, 0);
        expect(Math.abs(summary.sumChange - fromBins)).toBeLessThanOrEqual(1e-9);
        const squares = summary.histogram.reduce((sum, [value, count]) => sum + value * value * count, 0);
        expect(Math.abs(summary.sumChangeSquared - squares)).toBeLessThanOrEqual(1e-9 * Math.max(1, squares));
      }),
    );
  });

  it("accepts a histogram in any order with float noise, as read from SQL", () => {
    const summary = summariseChanges([21.54, 20.73, 16.88, 9.51], [22.35, 21.54, 17.43, 9.51]);
    const fromSql: ChangeSummary = {
      ...summary,
      histogram: [
        [0.8100000000000023, 1],
        [0, 1],
        [17.43 - 16.88, 1],
        [0.81, 1],
        [3, 0],
      ],
    };
    expect(pairedChangeFromSummary(fromSql)).toEqual(pairedChangeFromSummary(summary));
    expect(mergeChangeSummaries(fromSql).histogram).toEqual(summary.histogram);
  });

  it("is the one code path behind pairedChange", () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const before = list.map(([b]) => b);
        const after = list.map(([, a]) => a);
        expect(pairedChange(before, after)).toEqual(pairedChangeFromSummary(summariseChanges(before, after)));
      }),
    );
  });
});
