// Writes tests/fixtures/statistics-reference.json: paired-change cases with the figures an independent implementation
// gives for them, which tests/unit/outcomes/statistics.test.ts compares app/outcomes/statistics.ts against.
//
//   npx tsx scripts/statistics-reference.ts
//
// Nothing here imports app code. The figures come from:
//   - @stdlib/stats-base-dists-t-quantile and -t-cdf: Student's t quantiles and CDF values;
//   - @stdlib/stats-ttest, paired (`ttest(after, before)`): mean change, standard error (→ SD = SE × √n) and the 95%
//     confidence interval (its t quantile is @stdlib/stats-base-dists-t-quantile);
//   - @stdlib/stats-wilcoxon on the non-zero changes (one-sample, `zeroMethod: "wilcox"`, `correction: false`):
//     exact null distribution for at most 50 changes without ties in absolute value, normal approximation with tie
//     correction otherwise (stdlib's own switch, which matches the published rule once the zeros are gone);
//   - plain formulas for the means, the median and d_z.
// Where the published rule gives a figure stdlib does not (fewer than two values, a zero SD, an exact p above 1) the
// case says so in `sources` and `notes`. The data come from a seeded generator, so the file is the same every run.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ttest from "@stdlib/stats-ttest";
import wilcoxon from "@stdlib/stats-wilcoxon";
// The distribution functions @stdlib/stats-ttest itself uses (installed with it).
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

const OUTPUT = fileURLToPath(new URL("../tests/fixtures/statistics-reference.json", import.meta.url));

/** SWEMWBS raw score (7–35) → metric score, Stewart-Brown et al. 2009 (the table in the measures reference). */
const SWEMWBS_METRIC = [
  7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73,
  21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55, 35.0,
];

/** mulberry32: a small seeded generator, so the cases are reproducible. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function integerBetween(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

interface Case {
  name: string;
  description: string;
  before: number[];
  after: number[];
}

/** UCLA-3 style: sums of three items coded 1–3 (3–9), follow-up shifted down by `shift` on average. */
function ucla(seed: number, n: number, shift: number): Case {
  const random = generator(seed);
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = integerBetween(random, 3, 9);
    const step = Math.round(-shift + (random() + random() + random() - 1.5) * 2);
    before.push(b);
    after.push(clamp(b + step, 3, 9));
  }
  return {
    name: `ucla3-n${n}-seed${seed}`,
    description: `UCLA-3 style whole scores 3–9, n = ${n}: many ties`,
    before,
    after,
  };
}

/** SWEMWBS style: raw 7–35 converted to the 2-decimal metric score, follow-up raw shifted up by `shift` on average. */
function swemwbs(seed: number, n: number, shift: number): Case {
  const random = generator(seed);
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < n; i++) {
    const raw = integerBetween(random, 9, 30);
    const next = clamp(raw + Math.round(shift + (random() - 0.5) * 8), 7, 35);
    before.push(SWEMWBS_METRIC[raw - 7]);
    after.push(SWEMWBS_METRIC[next - 7]);
  }
  return {
    name: `swemwbs-metric-n${n}-seed${seed}`,
    description: `SWEMWBS metric scores (2 decimals), n = ${n}`,
    before,
    after,
  };
}

/** Changes with distinct absolute values (no ties), optionally with some zero changes: the exact test applies. */
function distinctChanges(seed: number, nonZero: number, zeros: number, decimals: boolean): Case {
  const random = generator(seed);
  const magnitudes = Array.from({ length: nonZero }, (_, i) => (decimals ? (i + 1) * 0.37 + 0.01 : i + 1));
  const before: number[] = [];
  const after: number[] = [];
  for (const magnitude of magnitudes) {
    const b = decimals ? Number((10 + random() * 20).toFixed(2)) : integerBetween(random, 10, 60);
    const sign = random() < 0.62 ? 1 : -1;
    before.push(b);
    after.push(Number((b + sign * magnitude).toFixed(2)));
  }
  for (let i = 0; i < zeros; i++) {
    const b = decimals ? Number((10 + random() * 20).toFixed(2)) : integerBetween(random, 10, 60);
    before.push(b);
    after.push(b);
  }
  return {
    name: `distinct-${decimals ? "decimal" : "whole"}-m${nonZero}-zeros${zeros}-seed${seed}`,
    description: `${nonZero} non-zero changes with distinct absolute values${zeros ? ` and ${zeros} zero changes` : ""}`,
    before,
    after,
  };
}

/** ONS4 style single items 0–10. */
function ons4(seed: number, n: number): Case {
  const random = generator(seed);
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = integerBetween(random, 0, 10);
    before.push(b);
    after.push(clamp(b + integerBetween(random, -2, 4), 0, 10));
  }
  return { name: `ons4-item-n${n}-seed${seed}`, description: `ONS4 item scores 0–10, n = ${n}`, before, after };
}

const cases: Case[] = [
  { name: "empty", description: "no pairs", before: [], after: [] },
  { name: "one-pair", description: "one pair", before: [7], after: [5] },
  { name: "one-pair-unchanged", description: "one pair, no change", before: [7], after: [7] },
  { name: "two-pairs", description: "two pairs, different changes", before: [6, 8], after: [5, 4] },
  { name: "two-pairs-decimal", description: "two SWEMWBS pairs", before: [16.88, 19.98], after: [19.25, 19.25] },
  {
    name: "all-unchanged",
    description: "every change zero",
    before: [4, 6, 9, 3, 5],
    after: [4, 6, 9, 3, 5],
  },
  {
    name: "all-same-change",
    description: "every change the same (SD 0)",
    before: [16.88, 17.43, 15.32, 20.73],
    after: [17.43, 17.98, 15.87, 21.28],
  },
  {
    name: "one-non-zero",
    description: "one non-zero change among zeros",
    before: [5, 6, 7, 8],
    after: [5, 6, 7, 6],
  },
  {
    name: "exact-at-null-mean",
    description: "exact test with T+ at its null mean (2P > 1)",
    before: [0, 0, 3],
    after: [1, 2, 0],
  },
  {
    name: "hand-ties",
    description: "five pairs with a tie in absolute change",
    before: [5, 6, 7, 8, 9],
    after: [4, 6, 5, 9, 6],
  },
  {
    name: "hand-zero-then-exact",
    description: "one zero change dropped, five distinct non-zero changes",
    before: [10, 10, 10, 10, 10, 10],
    after: [11, 13, 10, 14, 16, 8],
  },
  {
    name: "opposite-signs-tie",
    description: "+0.81 and −0.81 tie in absolute value",
    before: [21.54, 21.54, 20.73],
    after: [22.35, 20.73, 22.35],
  },
  distinctChanges(11, 5, 0, false),
  distinctChanges(12, 12, 0, false),
  distinctChanges(13, 20, 3, false),
  distinctChanges(14, 35, 0, true),
  distinctChanges(15, 50, 0, false),
  distinctChanges(16, 50, 7, true),
  distinctChanges(17, 51, 0, false),
  distinctChanges(18, 80, 4, true),
  ucla(21, 8, 1),
  ucla(22, 30, 0.6),
  ucla(23, 49, 0.5),
  ucla(24, 50, 1),
  ucla(25, 51, 1),
  ucla(26, 120, 0.3),
  ucla(27, 200, 0),
  ucla(28, 200, 0.2),
  swemwbs(31, 9, 2),
  swemwbs(32, 30, 1.5),
  swemwbs(33, 80, 0),
  swemwbs(34, 150, 0.4),
  swemwbs(35, 200, 0.3),
  ons4(41, 40),
  ons4(42, 200),
];

/** Change in whole hundredths: every score here has at most 2 decimals, so this is the change as written on paper. */
function changeOf(before: number, after: number): number {
  return Math.round((after - before) * 100) / 100;
}

function plainMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function reference(c: Case) {
  const n = c.before.length;
  const changes = c.before.map((b, i) => changeOf(b, c.after[i]));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const sources: Record<string, string> = {};
  const notes: string[] = [];

  let meanChange: number | null = null;
  let sdChange: number | null = null;
  let ci95: [number, number] | null = null;
  let cohensDz: number | null = null;
  if (n === 1) {
    meanChange = changes[0];
    sources.meanChange = "plain formula";
    sources.sdChange = sources.ci95 = sources.cohensDz = "null: a SD needs two pairs";
  } else if (n >= 2) {
    const allSame = changes.every((x) => x === changes[0]);
    if (allSame) {
      meanChange = changes[0];
      sdChange = 0;
      sources.meanChange = sources.sdChange = "plain formula (every change equal)";
      sources.ci95 = sources.cohensDz = "null: SD is 0, the paired t interval and d_z do not exist";
      notes.push("@stdlib/stats-ttest divides by a zero standard error here and gives a NaN interval.");
    } else {
      const t = ttest(c.after, c.before, { alpha: 0.05, alternative: "two-sided" });
      meanChange = t.mean;
      // stdlib calls the standard error of the mean `sd`.
      sdChange = t.sd * Math.sqrt(n);
      ci95 = [t.ci[0], t.ci[1]];
      cohensDz = meanChange / sdChange;
      sources.meanChange = sources.sdChange = sources.ci95 = "@stdlib/stats-ttest (paired: after, before)";
      sources.cohensDz = "plain formula: mean change / SD of change";
    }
  }

  const nonZero = changes.filter((x) => x !== 0);
  const absolute = nonZero.map(Math.abs);
  const tied = new Set(absolute).size !== absolute.length;
  let wilcoxonP: number | null = null;
  let wilcoxonMethod: "exact" | "normal" | null = null;
  if (nonZero.length === 1) {
    wilcoxonP = 1;
    wilcoxonMethod = "exact";
    sources.wilcoxonP = "hand: one non-zero change, T+ is 0 or 1 with probability ½ each, p = min(1, 2 × ½) = 1";
    notes.push("@stdlib/stats-wilcoxon refuses fewer than two values.");
  } else if (nonZero.length >= 2) {
    const w = wilcoxon(nonZero, { zeroMethod: "wilcox", correction: false, alternative: "two-sided" });
    wilcoxonMethod = nonZero.length <= 50 && !tied ? "exact" : "normal";
    wilcoxonP = Math.min(1, w.pValue);
    sources.wilcoxonP = `@stdlib/stats-wilcoxon on the ${nonZero.length} non-zero changes (${wilcoxonMethod})`;
    if (w.pValue > 1) {
      notes.push(
        `@stdlib/stats-wilcoxon gives ${w.pValue} (2 × P(T ≤ T+) with T+ at its null mean); a probability is capped at 1 as R's wilcox.test does (min(1, 2p)).`,
      );
    }
    if (nonZero.length < n && wilcoxonMethod === "exact") {
      const paired = wilcoxon(c.after, c.before, { zeroMethod: "wilcox", correction: false });
      notes.push(
        `Called on the pairs, @stdlib/stats-wilcoxon (like R's wilcox.test) switches to the normal approximation because zero changes were present and gives p = ${paired.pValue}; the published rule drops the zeros and then uses the exact distribution of the remaining ${nonZero.length}.`,
      );
    }
  } else {
    sources.wilcoxonP = "null: no non-zero change, there is nothing to rank";
  }

  return {
    n,
    meanBefore: n ? sum(c.before) / n : null,
    meanAfter: n ? sum(c.after) / n : null,
    meanChange,
    sdChange,
    ci95,
    cohensDz,
    medianChange: plainMedian(changes),
    wilcoxonP,
    wilcoxonMethod,
    sources,
    notes,
  };
}

/** Student's t checks for the special functions: 0.975 quantiles and CDF values from stdlib. */
const DEGREES = [1, 2, 3, 4, 5, 6, 7, 9, 14, 19, 29, 30, 49, 99, 199, 499, 1000, 2249, 10_000, 100_000];
const distributions = {
  tQuantile975: DEGREES.map((df) => [df, tQuantile(0.975, df)]),
  tCdf: DEGREES.flatMap((df) => [-30, -4.5, -1.96, -0.3, 0, 0.7, 2.1, 8].map((t) => [t, df, tCdf(t, df)])),
};

const fixture = {
  description:
    "Paired-change reference figures computed independently of app/outcomes/statistics.ts by scripts/statistics-reference.ts (@stdlib/stats-ttest, @stdlib/stats-wilcoxon and plain formulas). Regenerate with `npx tsx scripts/statistics-reference.ts`.",
  cases: cases.map((c) => {
    const { sources, notes, ...expected } = reference(c);
    return { name: c.name, description: c.description, before: c.before, after: c.after, expected, sources, notes };
  }),
  distributions,
};

writeFileSync(OUTPUT, JSON.stringify(fixture, null, 2) + "\n");
console.log(`wrote ${fixture.cases.length} cases to ${OUTPUT}`);
