import { describe, expect, it } from "vitest";
import {
  disclosureRules,
  MIN_COUNT,
  publishChangeStatistic,
  publishCount,
  publishMean,
  publishPercent,
  viewWithheld,
} from "~/outcomes/disclosure";
import {
  MAX_PERTURBATION,
  PERTURBATION_ROWS,
  perturbation,
  PTABLE_CAP,
  RECORD_KEY_RANGE,
} from "~/outcomes/perturbation-table";

const nhs = (count: number) => publishCount({ count, keySum: 0 }, "nhs_small_numbers");
const cellKey = (count: number, keySum: number) => publishCount({ count, keySum }, "cell_key");
const allKeys = Array.from({ length: RECORD_KEY_RANGE }, (_, k) => k);

describe("NHS England small-number rule", () => {
  it("keeps 0, hides 1 to 7 and rounds 8 and above to the nearest 5", () => {
    expect(nhs(0)).toBe(0);
    expect(nhs(1)).toBe("*");
    expect(nhs(7)).toBe("*");
    expect(nhs(8)).toBe(10);
    expect(nhs(9)).toBe(10);
    expect(nhs(12)).toBe(10);
    expect(nhs(13)).toBe(15);
    expect(nhs(1234)).toBe(1235);
  });

  it("is the default rule and ignores the key sum", () => {
    expect(publishCount({ count: 13, keySum: 77 })).toBe(15);
    expect(publishCount({ count: 12, keySum: 255 })).toBe(10);
  });

  it("refuses things that are not counts", () => {
    expect(() => nhs(-1)).toThrow(RangeError);
    expect(() => nhs(2.5)).toThrow(RangeError);
    expect(() => publishCount({ count: 3, keySum: -4 })).toThrow(RangeError);
  });
});

describe("cell-key method", () => {
  it("keeps 0 whatever the key sum", () => {
    for (const k of [0, 1, 200, 255]) expect(cellKey(0, k)).toBe(0);
  });

  it("never publishes 1 to 7 or a negative count, for any count and cell key", () => {
    for (let count = 0; count <= 40; count++) {
      for (const key of allKeys) {
        const shown = cellKey(count, key);
        if (shown === "*") {
          expect(count).toBeGreaterThan(0);
          continue;
        }
        expect(shown === 0 || shown >= MIN_COUNT).toBe(true);
        expect(shown === 0).toBe(count === 0);
        expect(Math.abs(shown - count)).toBeLessThanOrEqual(MAX_PERTURBATION);
      }
    }
  });

  it("hides 1 to 5 whatever the key, and 6 or 7 unless the noise takes them to 8 or 9", () => {
    for (let count = 1; count <= 5; count++) for (const key of allKeys) expect(cellKey(count, key)).toBe("*");
    expect(cellKey(6, 0)).toBe("*");
    expect(cellKey(6, 255)).toBe(8);
    expect(cellKey(7, 230)).toBe(8);
    expect(cellKey(7, 255)).toBe(9);
  });

  it("reads the noise from the table by count and key sum modulo 256", () => {
    // The last row hands keys 0–3 to −2, 4–18 to −1, 19–236 to 0, 237–251 to +1 and 252–255 to +2.
    expect(cellKey(20, 0)).toBe(18);
    expect(cellKey(20, 4)).toBe(19);
    expect(cellKey(20, 19)).toBe(20);
    expect(cellKey(20, 236)).toBe(20);
    expect(cellKey(20, 237)).toBe(21);
    expect(cellKey(20, 255)).toBe(22);
    expect(cellKey(20, 256 + 4)).toBe(19);
    expect(cellKey(20, 7 * 256 + 255)).toBe(22);
    // Around the threshold: 8 can be hidden (keys 0–39) or shown as 8, 9 or 10.
    expect(cellKey(8, 0)).toBe("*");
    expect(cellKey(8, 39)).toBe("*");
    expect(cellKey(8, 40)).toBe(8);
    expect(cellKey(8, 216)).toBe(9);
    expect(cellKey(8, 248)).toBe(10);
    expect(cellKey(9, 0)).toBe("*");
    expect(cellKey(12, 100)).toBe(12);
    expect(cellKey(13, 0)).toBe(11);
  });

  it("gives the same value for the same count and key sum every time", () => {
    const first = allKeys.map((k) => cellKey(57, k * 3));
    const again = allKeys.map((k) => cellKey(57, k * 3));
    expect(again).toEqual(first);
  });
});

describe("the perturbation table", () => {
  it("covers the 256 keys in every row, with noise of mean zero and at most 2", () => {
    expect(PERTURBATION_ROWS).toHaveLength(PTABLE_CAP + 1);
    for (let value = 0; value <= PTABLE_CAP + 5; value++) {
      const noises = allKeys.map((k) => perturbation(value, k));
      expect(noises.reduce((a, b) => a + b, 0)).toBe(0);
      expect(Math.max(...noises.map(Math.abs))).toBeLessThanOrEqual(MAX_PERTURBATION);
    }
  });

  it("perturbs about 15 % of cells of 10 or more and about 31 % of cells of 6 to 9", () => {
    const share = (value: number) => allKeys.filter((k) => perturbation(value, k) !== 0).length / RECORD_KEY_RANGE;
    expect(share(10)).toBeCloseTo(38 / 256, 10);
    expect(share(500)).toBeCloseTo(38 / 256, 10);
    expect(share(8)).toBeCloseTo(80 / 256, 10);
    expect(share(3)).toBe(0);
    expect(share(0)).toBe(0);
  });

  it("refuses keys outside 0–255", () => {
    expect(() => perturbation(10, 256)).toThrow(RangeError);
    expect(() => perturbation(10, -1)).toThrow(RangeError);
  });
});

describe("percentages", () => {
  it("are worked out from the counts as published, so 8 of 9 shows as 10 of 10 and 100 %, not 89 %", () => {
    expect(publishPercent(nhs(8), nhs(9))).toBe(100);
    expect(publishPercent(nhs(12), nhs(13))).toBe(67);
    expect(publishPercent(nhs(13), nhs(40), 1)).toBe(37.5);
  });

  it("are hidden when either count is hidden or the whole is 0", () => {
    expect(publishPercent("*", 100)).toBe("*");
    expect(publishPercent(50, "*")).toBe("*");
    expect(publishPercent(0, 0)).toBe("*");
    expect(publishPercent(0, 20)).toBe(0);
  });

  it("never exceed 100 when perturbed counts make the part larger than the whole", () => {
    expect(publishPercent(22, 18)).toBe(100);
  });
});

describe("means and change statistics", () => {
  it("hides a mean from fewer than 8 records", () => {
    expect(publishMean(0, null)).toBe("*");
    expect(publishMean(1, 4)).toBe("*");
    expect(publishMean(7, 4.25)).toBe("*");
    expect(publishMean(8, 4.25)).toBe(4.3);
    expect(publishMean(9, 4.04)).toBe(4);
    expect(publishMean(12, 4.123, 2)).toBe(4.12);
    expect(publishMean(13, null)).toBeNull();
  });

  it("hides a mean at either end of its scale, which would tell every person's score", () => {
    const ucla = { min: 3, max: 9 };
    expect(publishMean(20, 3, 1, ucla)).toBe("*");
    expect(publishMean(20, 3.04, 1, ucla)).toBe("*");
    expect(publishMean(20, 3.05, 1, ucla)).toBe(3.1);
    expect(publishMean(20, 8.96, 1, ucla)).toBe("*");
    expect(publishMean(20, 6.5, 1, ucla)).toBe(6.5);
  });

  it("hides a change statistic from fewer than 30 pairs", () => {
    expect(publishChangeStatistic(29, -1.84)).toBe("*");
    expect(publishChangeStatistic(30, -1.8449)).toBe(-1.84);
    expect(publishChangeStatistic(30, -0.0001)).toBe(0);
    expect(publishChangeStatistic(2250, null)).toBeNull();
    expect(publishChangeStatistic(40, -6, 2, { min: -6, max: 6 })).toBe("*");
    expect(publishChangeStatistic(40, -5.2, 2, { min: -6, max: 6 })).toBe(-5.2);
  });

  it("refuses a record count that is not a count", () => {
    expect(() => publishMean(-1, 2)).toThrow(RangeError);
    expect(() => publishChangeStatistic(30.5, 2)).toThrow(RangeError);
  });
});

describe("withholding a whole view", () => {
  it("withholds a group of 1 to 7 people and shows an empty or larger one", () => {
    expect(viewWithheld(0, [])).toBeNull();
    expect(viewWithheld(1, [])).toMatch(/fewer than 8 people/);
    expect(viewWithheld(7, [100])).toMatch(/fewer than 8 people/);
    expect(viewWithheld(8, [])).toBeNull();
    expect(viewWithheld(9, [40, 13])).toBeNull();
  });

  it("withholds a view whose complement in a coarser view has 1 to 7 people, but not one of 0", () => {
    expect(viewWithheld(45, [5])).toMatch(/removing one of the filters/i);
    expect(viewWithheld(45, [120, 1])).toMatch(/removing one of the filters/i);
    expect(viewWithheld(45, [120, 7])).not.toBeNull();
    expect(viewWithheld(45, [120, 8])).toBeNull();
    expect(viewWithheld(45, [0, 12])).toBeNull();
    expect(viewWithheld(0, [3])).not.toBeNull();
  });

  it("refuses counts that are not counts", () => {
    expect(() => viewWithheld(-1, [])).toThrow(RangeError);
    expect(() => viewWithheld(10, [2.5])).toThrow(RangeError);
  });
});

describe("rule descriptions and text", () => {
  it("say in plain words what each rule does and what * means", () => {
    for (const rule of Object.values(disclosureRules)) {
      expect(rule.description).toMatch(/shown as \*/);
      expect(rule.description).toMatch(/1 to 7/);
      expect(rule.description).toMatch(/may not add up/);
    }
    expect(disclosureRules.nhs_small_numbers.description).toMatch(/nearest 5/);
    expect(disclosureRules.cell_key.description).toMatch(/never more than 2/);
  });
});
