// Views of a small population built the way the outcome dashboard builds them (a period of everyone, one filter,
// two filters), published through a chosen set of disclosure rules, and an intruder who knows those rules and
// sees only what was published. The property tests in tests/unit/outcomes/disclosure.properties.test.ts use it to
// check that nothing published pins down a small count or one person's score.
import {
  type CountCell,
  type DisclosureRuleCode,
  MIN_COUNT,
  MIN_N_FOR_MEAN,
  publishCount,
  publishMean,
  publishPercent,
  type Shown,
  SUPPRESSED,
  viewWithheld,
} from "~/outcomes/disclosure";

// ——— The population ———

export const districts = ["blaby", "charnwood", "melton"] as const;
export const ageBands = ["18", "50", "65", "75"] as const;
export const sexes = ["female", "male", "other"] as const;

/** UCLA-3 loneliness: 3 to 9, 6 or more counts as lonely. */
export const SCALE = { min: 3, max: 9 };
export const LONELY_FROM = 6;

export interface Person {
  district: string;
  age: string;
  sex: string;
  /** The person's score, or null when they have none. */
  score: number | null;
  /** Their record key, 0–255. */
  key: number;
}

export type Dimension = "district" | "age" | "sex";
const dimensions: readonly Dimension[] = ["district", "age", "sex"];
const valuesOf: Record<Dimension, readonly string[]> = { district: districts, age: ageBands, sex: sexes };

/** How the planted group sits among everyone else. */
export type PlantShape =
  | "mixed" // no special arrangement
  | "alone in its district and age band" // the view (district, age) holds the planted people only
  | "alone in its district" // the view (district) holds the planted people only
  | "rest of district in another age band" // (district) minus (district, other age band) is the planted group
  | "rest of district of another sex"; // (district) minus (district, other sex) is the planted group

export interface Scenario {
  others: Person[];
  planted: { district: string; age: string; sex: string; members: { score: number | null; key: number }[] };
  shape: PlantShape;
}

function another(values: readonly string[], value: string): string {
  return values[(values.indexOf(value) + 1) % values.length];
}

/** The people of a scenario: everyone else arranged as its shape says, then the planted group of 1–7. */
export function population(scenario: Scenario): { people: Person[]; planted: Person[] } {
  const { district, age, sex } = scenario.planted;
  const planted = scenario.planted.members.map((m) => ({ district, age, sex, ...m }));
  let others = scenario.others;
  switch (scenario.shape) {
    case "alone in its district and age band":
      others = others.filter((p) => !(p.district === district && p.age === age));
      break;
    case "alone in its district":
      others = others.filter((p) => p.district !== district);
      break;
    case "rest of district in another age band":
      others = others.map((p) => (p.district === district ? { ...p, age: another(ageBands, age) } : p));
      break;
    case "rest of district of another sex":
      others = others.map((p) => (p.district === district ? { ...p, sex: another(sexes, sex) } : p));
      break;
  }
  return { people: [...others, ...planted], planted };
}

// ——— Views ———

export type Filters = Partial<Record<Dimension, string>>;

export function viewName(filters: Filters): string {
  const parts = dimensions.filter((d) => filters[d] !== undefined).map((d) => `${d}=${filters[d]}`);
  return parts.length ? parts.join(", ") : "everyone";
}

/** Every view the dashboard offers over these dimensions: no filter, one filter, or two (never three). */
export function allViews(): Filters[] {
  const views: Filters[] = [{}];
  for (const d of dimensions) for (const v of valuesOf[d]) views.push({ [d]: v });
  for (let i = 0; i < dimensions.length; i++) {
    for (let j = i + 1; j < dimensions.length; j++) {
      for (const a of valuesOf[dimensions[i]]) {
        for (const b of valuesOf[dimensions[j]]) views.push({ [dimensions[i]]: a, [dimensions[j]]: b });
      }
    }
  }
  return views;
}

/** The next coarser views: the same view with one of its filters removed. */
export function coarserViews(filters: Filters): Filters[] {
  return dimensions
    .filter((d) => filters[d] !== undefined)
    .map((d) => {
      const coarser = { ...filters };
      delete coarser[d];
      return coarser;
    });
}

export function peopleIn(people: readonly Person[], filters: Filters): Person[] {
  return people.filter((p) => dimensions.every((d) => filters[d] === undefined || p[d] === filters[d]));
}

const scored = (people: readonly Person[]) => people.filter((p) => p.score !== null);
const lonely = (people: readonly Person[]) => scored(people).filter((p) => p.score! >= LONELY_FROM);
const cell = (people: readonly Person[]): CountCell => ({
  count: people.length,
  keySum: people.reduce((sum, p) => sum + p.key, 0),
});

// ——— Publishing ———

/** The rules a set of views is published with: the real ones, or a deliberately leaky set to test the checks. */
export interface Publisher {
  name: string;
  count(cell: CountCell): Shown;
  /** Given the published counts and, for a leaky publisher only, the true ones. */
  percent(numerator: Shown, denominator: Shown, trueNumerator: number, trueDenominator: number): Shown;
  mean(n: number, value: number | null): Shown | null;
  withheld(groupCount: number, complementCounts: number[]): string | null;
}

export function realPublisher(rule: DisclosureRuleCode): Publisher {
  return {
    name: rule,
    count: (c) => publishCount(c, rule),
    percent: (numerator, denominator) => publishPercent(numerator, denominator),
    mean: (n, value) => publishMean(n, value, 1, SCALE),
    withheld: viewWithheld,
  };
}

/** What one view shows; `truth` is kept beside it for the checks and is never part of what a reader sees. */
export interface PublishedView {
  filters: Filters;
  /** Set when the whole view is withheld; every figure is then null. */
  withheld: string | null;
  people: Shown | null;
  /** Set when the figures on scores are withheld (their population, or its complement, is too small). */
  scoresWithheld: string | null;
  scored: Shown | null;
  lonely: Shown | null;
  lonelyPercent: Shown | null;
  meanScore: Shown | null;
  truth: { people: number; scored: number; lonely: number; scoreSum: number; complements: number[] };
  truthScored: { complements: number[] };
}

/** Publishes every view of a population as the dashboard will: whole views withheld first, then each figure. */
export function publishViews(people: readonly Person[], publisher: Publisher): PublishedView[] {
  return allViews().map((filters) => {
    const group = peopleIn(people, filters);
    const wider = coarserViews(filters).map((c) => peopleIn(people, c));
    const complements = wider.map((w) => w.length - group.length);
    const scoredComplements = wider.map((w) => scored(w).length - scored(group).length);
    const truth = {
      people: group.length,
      scored: scored(group).length,
      lonely: lonely(group).length,
      scoreSum: scored(group).reduce((sum, p) => sum + p.score!, 0),
      complements,
    };
    const withheld = publisher.withheld(group.length, complements);
    const scoresWithheld = withheld ?? publisher.withheld(truth.scored, scoredComplements);
    const view: PublishedView = {
      filters,
      withheld,
      people: null,
      scoresWithheld,
      scored: null,
      lonely: null,
      lonelyPercent: null,
      meanScore: null,
      truth,
      truthScored: { complements: scoredComplements },
    };
    if (withheld) return view;
    view.people = publisher.count(cell(group));
    if (scoresWithheld) return view;
    view.scored = publisher.count(cell(scored(group)));
    view.lonely = publisher.count(cell(lonely(group)));
    view.lonelyPercent = publisher.percent(view.lonely, view.scored, truth.lonely, truth.scored);
    view.meanScore = publisher.mean(truth.scored, truth.scored ? truth.scoreSum / truth.scored : null);
    return view;
  });
}

// ——— The intruder: what the published values are consistent with ———

const possibleCache = new WeakMap<Publisher, Map<Shown, number[]>>();
const SEARCH = 12;

/** Every true count that the publisher could have shown as `shown`, whatever the cell key. */
export function possibleCounts(publisher: Publisher, shown: Shown): number[] {
  let cache = possibleCache.get(publisher);
  if (!cache) possibleCache.set(publisher, (cache = new Map()));
  const known = cache.get(shown);
  if (known) return known;
  const centre = shown === SUPPRESSED ? MIN_COUNT : shown;
  const low = Math.max(0, centre - SEARCH);
  const high = centre + SEARCH;
  const found: number[] = [];
  for (let count = low; count <= high; count++) {
    for (let keySum = 0; keySum < 256; keySum++) {
      if (publisher.count({ count, keySum }) === shown) {
        found.push(count);
        break;
      }
    }
  }
  if (found.includes(high) || (low > 0 && found.includes(low)))
    throw new Error(`search window too narrow for ${shown}`);
  cache.set(shown, found);
  return found;
}

/** Every (n, sum of scores) a published mean beside a published n could have come from. */
export function possibleSums(publisher: Publisher, shownN: Shown, mean: number): { n: number; sum: number }[] {
  const out: { n: number; sum: number }[] = [];
  for (const n of possibleCounts(publisher, shownN)) {
    if (n === 0) continue;
    const from = Math.max(n * SCALE.min, Math.ceil(n * (mean - 1)));
    const to = Math.min(n * SCALE.max, Math.floor(n * (mean + 1)));
    for (let sum = from; sum <= to; sum++) if (publisher.mean(n, sum / n) === mean) out.push({ n, sum });
  }
  return out;
}

/**
 * The scores one person in a group could have, given a published mean and n, or null when more than one is
 * possible. Whoever they are, any score in a consistent set of scores could be theirs: the set is more than one
 * score whenever some consistent group has 2 or more people and a sum strictly between everyone-lowest and
 * everyone-highest.
 */
export function singleScoreRevealed(publisher: Publisher, shownN: Shown, mean: number): number | null {
  const sums = possibleSums(publisher, shownN, mean);
  if (sums.length === 0) throw new Error(`no group gives a mean of ${mean} beside ${shownN}`);
  const scores = new Set<number>();
  for (const { n, sum } of sums) {
    if (n >= 2 && sum > n * SCALE.min && sum < n * SCALE.max) return null;
    scores.add(sum / n);
  }
  return scores.size === 1 ? [...scores][0] : null;
}

type CountKind = "people" | "scored" | "lonely";
const countKinds: readonly CountKind[] = ["people", "scored", "lonely"];

/** (1) No published count lies in 1–7 or below 0, and every shown view and score table passed the size rules. */
export function smallCountsShown(views: readonly PublishedView[]): string[] {
  const found: string[] = [];
  for (const v of views) {
    for (const kind of countKinds) {
      const shown = v[kind];
      if (typeof shown === "number" && (shown < 0 || (shown > 0 && shown < MIN_COUNT))) {
        found.push(`${viewName(v.filters)}: ${kind} shown as ${shown}`);
      }
    }
    const small = (n: number) => n > 0 && n < MIN_COUNT;
    if (!v.withheld && (small(v.truth.people) || v.truth.complements.some(small))) {
      found.push(`${viewName(v.filters)}: shown with ${v.truth.people} people, complements ${v.truth.complements}`);
    }
    if (typeof v.meanScore === "number" && (v.truth.scored < MIN_N_FOR_MEAN || v.truthScored.complements.some(small))) {
      found.push(`${viewName(v.filters)}: mean shown over ${v.truth.scored} people`);
    }
  }
  return found;
}

/** (2) No percentage pins down a count its published counts leave open, and no mean pins down one person's score. */
export function percentOrMeanRevealing(views: readonly PublishedView[], publisher: Publisher): string[] {
  const found: string[] = [];
  for (const v of views) {
    const name = viewName(v.filters);
    if (v.lonely !== null && v.scored !== null && v.lonelyPercent !== null) {
      const pairs: [number, number][] = [];
      for (const a of possibleCounts(publisher, v.lonely)) {
        for (const b of possibleCounts(publisher, v.scored)) if (a <= b) pairs.push([a, b]);
      }
      const withPercent = pairs.filter(([a, b]) => publisher.percent(v.lonely!, v.scored!, a, b) === v.lonelyPercent);
      for (const [i, kind] of [
        [0, "lonely"],
        [1, "scored"],
      ] as const) {
        const before = new Set(pairs.map((p) => p[i]));
        const after = new Set(withPercent.map((p) => p[i]));
        if (before.size > 1 && after.size === 1) {
          found.push(`${name}: ${v.lonelyPercent}% beside ${v.lonely} of ${v.scored} gives ${kind} = ${[...after][0]}`);
        }
      }
    }
    if (typeof v.meanScore === "number" && v.scored !== null) {
      const score = singleScoreRevealed(publisher, v.scored, v.meanScore);
      if (score !== null) found.push(`${name}: mean ${v.meanScore} beside n ${v.scored} gives a score of ${score}`);
    }
  }
  return found;
}

/** Pairs of published views where the second is the first with one more filter. */
export function viewPairs(views: readonly PublishedView[]): { wider: PublishedView; narrower: PublishedView }[] {
  const byName = new Map(views.map((v) => [viewName(v.filters), v]));
  return views.flatMap((narrower) =>
    coarserViews(narrower.filters).map((c) => ({ wider: byName.get(viewName(c))!, narrower })),
  );
}

/**
 * (3) No pair of views differing by one filter value determines a small count exactly: neither the narrower view's
 * count nor the difference between the two, when it is 1–7, is the only value consistent with both published
 * counts; and no two published means over groups one person apart give that person's score.
 */
export function pairsRevealing(views: readonly PublishedView[], publisher: Publisher): string[] {
  const found: string[] = [];
  for (const { wider, narrower } of viewPairs(views)) {
    const name = `${viewName(wider.filters)} vs ${viewName(narrower.filters)}`;
    for (const kind of countKinds) {
      const p1 = wider[kind];
      const p2 = narrower[kind];
      if (p1 === null || p2 === null) continue;
      const inNarrower = possibleCounts(publisher, p2);
      const differences = new Set<number>();
      for (const a of possibleCounts(publisher, p1)) for (const b of inNarrower) if (a >= b) differences.add(a - b);
      const trueDifference = wider.truth[kind] - narrower.truth[kind];
      const small = (n: number) => n > 0 && n < MIN_COUNT;
      if (small(trueDifference) && differences.size === 1) {
        found.push(`${name}: ${kind} ${p1} and ${p2} give a difference of exactly ${trueDifference}`);
      }
      if (small(narrower.truth[kind]) && inNarrower.length === 1) {
        found.push(`${name}: ${kind} ${p2} is exactly ${narrower.truth[kind]}`);
      }
    }
    if (
      typeof wider.meanScore === "number" &&
      typeof narrower.meanScore === "number" &&
      wider.truth.scored - narrower.truth.scored === 1
    ) {
      const scores = new Set<number>();
      const narrowerSums = possibleSums(publisher, narrower.scored!, narrower.meanScore);
      for (const w of possibleSums(publisher, wider.scored!, wider.meanScore)) {
        for (const n of narrowerSums) {
          const score = w.sum - n.sum;
          if (w.n - n.n === 1 && score >= SCALE.min && score <= SCALE.max) scores.add(score);
        }
      }
      if (scores.size === 1) found.push(`${name}: means ${wider.meanScore} and ${narrower.meanScore} give one score`);
    }
  }
  return found;
}

/** The pairs of views whose narrower view, or whose difference, is exactly the planted group. */
export function pairsIsolating(views: readonly PublishedView[], people: readonly Person[], planted: readonly Person[]) {
  const same = (a: readonly Person[], b: readonly Person[]) => a.length === b.length && a.every((p) => b.includes(p));
  return viewPairs(views).filter(({ wider, narrower }) => {
    const inWider = peopleIn(people, wider.filters);
    const inNarrower = peopleIn(people, narrower.filters);
    return (
      same(inNarrower, planted) ||
      same(
        inWider.filter((p) => !inNarrower.includes(p)),
        planted,
      )
    );
  });
}
