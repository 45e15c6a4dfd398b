import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CountCell,
  type DisclosureRuleCode,
  publishCount,
  publishPercent,
  type Shown,
} from "~/outcomes/disclosure";
import {
  ageBands,
  districts,
  pairsIsolating,
  pairsRevealing,
  percentOrMeanRevealing,
  type Person,
  type PlantShape,
  population,
  publishViews,
  type Publisher,
  realPublisher,
  type Scenario,
  sexes,
  smallCountsShown,
} from "../../support/disclosure-views";

// Half the scores are the lowest possible, so groups where everyone has the same score turn up.
const score = fc.option(fc.oneof(fc.constant(3), fc.integer({ min: 3, max: 9 })), { nil: null, freq: 5 });
const key = fc.integer({ min: 0, max: 255 });
const person: fc.Arbitrary<Person> = fc.record({
  district: fc.constantFrom(...districts),
  age: fc.constantFrom(...ageBands),
  sex: fc.constantFrom(...sexes),
  score,
  key,
});
const shapes: PlantShape[] = [
  "mixed",
  "alone in its district and age band",
  "alone in its district",
  "rest of district in another age band",
  "rest of district of another sex",
];
const scenario: fc.Arbitrary<Scenario> = fc.record({
  others: fc.array(person, { maxLength: 240, size: "max" }),
  planted: fc.record({
    district: fc.constantFrom(...districts),
    age: fc.constantFrom(...ageBands),
    sex: fc.constantFrom(...sexes),
    members: fc.array(fc.record({ score, key }), { minLength: 1, maxLength: 7 }),
  }),
  shape: fc.constantFrom(...shapes),
});

const rules: DisclosureRuleCode[] = ["nhs_small_numbers", "cell_key"];
const runs = { numRuns: 120 };

describe.each(rules)("published views under the %s rule", (rule) => {
  const publisher = realPublisher(rule);

  it("(1) show no count from 1 to 7, and no view or mean resting on a group or complement of 1 to 7", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const views = publishViews(population(s).people, publisher);
        expect(smallCountsShown(views)).toEqual([]);
      }),
      runs,
    );
  });

  it("(2) show no percentage or mean that pins down a count or one person's score", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const views = publishViews(population(s).people, publisher);
        expect(percentOrMeanRevealing(views, publisher)).toEqual([]);
      }),
      runs,
    );
  });

  it("(3) include no pair of views, one filter apart, that determines the planted count", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { people, planted } = population(s);
        const views = publishViews(people, publisher);
        if (s.shape !== "mixed") expect(pairsIsolating(views, people, planted).length).toBeGreaterThan(0);
        expect(pairsRevealing(views, publisher)).toEqual([]);
      }),
      runs,
    );
  });
});

// The same checks, run on rules known to leak, must find the leak: otherwise they could pass by checking nothing.
const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** The first outcomes page: NHS rounding, but a percentage from the true counts, and no view withheld. */
const firstOutcomesPage: Publisher = {
  name: "first outcomes page",
  count: (c) => publishCount(c, "nhs_small_numbers"),
  percent: (shownA, shownB, a, b) => (shownA === "*" || shownB === "*" ? "*" : b === 0 ? 0 : round((100 * a) / b, 0)),
  mean: (n, value) => (n < 8 ? "*" : value === null ? null : round(value, 1)),
  withheld: () => null,
};

/** Small counts hidden, but everything else exact and no view withheld. */
const exactFigures: Publisher = {
  name: "exact figures",
  count: ({ count }: CountCell): Shown => (count === 0 ? 0 : count < 8 ? "*" : count),
  percent: (a, b) => publishPercent(a, b),
  mean: (n, value) => (n < 8 ? "*" : value === null ? null : round(value, 2)),
  withheld: () => null,
};

const people = (n: number, at: Partial<Person>, scores: (i: number) => number | null = () => 5): Person[] =>
  Array.from({ length: n }, (_, i) => ({
    district: "melton",
    age: "75",
    sex: "female",
    score: scores(i),
    key: (i * 97 + 13) % 256,
    ...at,
  }));

describe("the checks find the leaks they look for", () => {
  it("an exact 89 % beside 10 of 10 gives 8 of 9", () => {
    const nine = people(9, {}, (i) => (i < 8 ? 7 : 4));
    expect(percentOrMeanRevealing(publishViews(nine, firstOutcomesPage), firstOutcomesPage)).toContain(
      "everyone: 89% beside 10 of 10 gives lonely = 8",
    );
    for (const rule of rules) {
      expect(percentOrMeanRevealing(publishViews(nine, realPublisher(rule)), realPublisher(rule))).toEqual([]);
    }
  });

  it("a mean at the end of the scale gives everyone's score", () => {
    const allLowest = people(10, {}, () => 3);
    expect(percentOrMeanRevealing(publishViews(allLowest, firstOutcomesPage), firstOutcomesPage)).toContain(
      "everyone: mean 3 beside n 10 gives a score of 3",
    );
    for (const rule of rules) {
      expect(percentOrMeanRevealing(publishViews(allLowest, realPublisher(rule)), realPublisher(rule))).toEqual([]);
    }
  });

  it("two exact counts one filter apart give the three people between them", () => {
    const melton = [...people(20, { age: "50" }), ...people(3, { age: "75" })];
    expect(pairsRevealing(publishViews(melton, exactFigures), exactFigures)).toContain(
      "district=melton vs district=melton, age=50: people 23 and 20 give a difference of exactly 3",
    );
    for (const rule of rules) {
      const views = publishViews(melton, realPublisher(rule));
      expect(pairsRevealing(views, realPublisher(rule))).toEqual([]);
      expect(views.find((v) => v.filters.district === "melton" && v.filters.age === "50")?.withheld).toMatch(
        /removing one of the filters/i,
      );
    }
  });

  it("two exact means over 40 and 39 people give the 40th person's score", () => {
    const forty = [...people(39, {}, (i) => 3 + (i % 7)), ...people(1, { sex: "male" }, () => 8)];
    expect(pairsRevealing(publishViews(forty, exactFigures), exactFigures)).toContain(
      "district=melton vs district=melton, sex=female: means 5.9 and 5.85 give one score",
    );
    for (const rule of rules) {
      expect(pairsRevealing(publishViews(forty, realPublisher(rule)), realPublisher(rule))).toEqual([]);
    }
  });

  it("random populations are enough to find the differencing leak in exact figures", () => {
    const result = fc.check(
      fc.property(
        scenario,
        (s) => pairsRevealing(publishViews(population(s).people, exactFigures), exactFigures).length === 0,
      ),
      { numRuns: 300 },
    );
    expect(result.failed).toBe(true);
  });
});
