import { describe, expect, it } from "vitest";
import type { OutcomeFilters } from "~/outcomes/model";
import { activeFilters, coarserViewKeys, dimensionInSentence, summaryLattice, viewKey } from "~/outcomes/dimensions";
import { filtersToSearch, fixedOptions, parseOutcomeFilters, type FilterOptions } from "~/outcomes/filters";

const TODAY = "2026-11-29";
const options: FilterOptions = {
  district: [
    { value: "melton", label: "Melton" },
    { value: "rutland", label: "Rutland" },
  ],
  provider: [{ value: "11111111-1111-4111-8111-111111111111", label: "Age UK" }],
  category: [{ value: "befriending", label: "Befriending" }],
  activity: [{ value: "22222222-2222-4222-8222-222222222222", label: "Chatter Chairs" }],
  ...fixedOptions,
};
const parse = (query: string) => parseOutcomeFilters(new URLSearchParams(query), options, TODAY);

describe("the summary lattice", () => {
  const names = (sets: string[][]) => sets.map((s) => s.join("+"));

  it("holds everyone, each dimension alone and each pair without an activity", () => {
    const views = names(summaryLattice(false));
    expect(views).toHaveLength(1 + 9 + 28);
    expect(views).toContain("");
    expect(views).toContain("activity");
    expect(views).toContain("district+age");
    expect(views).toContain("provider+imd");
    expect(views.filter((v) => v.includes("activity+") || v.includes("+activity"))).toEqual([]);
  });

  it("adds an activity with each person dimension for an activity report's equity rows", () => {
    const extra = names(summaryLattice(true)).filter((v) => !names(summaryLattice(false)).includes(v));
    expect(extra.sort()).toEqual(
      ["activity+age", "activity+ethnicity", "activity+imd", "activity+sex", "district+activity"].sort(),
    );
  });
});

describe("outcome filters", () => {
  it("names a dimension inside a sentence in lower case, keeping an opening acronym", () => {
    expect(dimensionInSentence("age")).toBe("age band");
    expect(dimensionInSentence("imd")).toBe("IMD quintile");
  });

  it("reads a period and up to two fixed filters", () => {
    const r = parse("period=2026-Q3&district=melton&age=75&unrelated=x");
    expect(r).toMatchObject({ ok: true, filters: { period: "2026-Q3", district: "melton", age: "75" } });
    if (r.ok) expect(r.period.from).toBe("2026-07-01");
  });

  it("opens on the last 12 whole months when no period is given, and ignores empty filters", () => {
    const r = parse("district=&sex=");
    expect(r).toEqual(expect.objectContaining({ ok: true, filters: { period: "L12-2026-10" } }));
  });

  it("names the field of an unknown value instead of failing", () => {
    const r = parse("period=2026-10&district=atlantis&imd=6&source=pigeon");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.district).toBe("Choose a district from the list");
    expect(r.errors.imd).toMatch(/IMD quintile from 1/);
    expect(r.errors.source).toBe("Choose a referral source from the list");
    expect(r.values).toMatchObject({ district: "atlantis", imd: "6" });
  });

  it("refuses a third population filter with a message stating the rule", () => {
    const r = parse("district=melton&age=75&sex=female");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.filters).toMatch(/at most 2 filters/);
    expect(r.errors.filters).toMatch(/district, age band, sex/);
  });

  it("takes an activity as a report scope, alone", () => {
    const activity = "22222222-2222-4222-8222-222222222222";
    expect(parse(`activity=${activity}`)).toMatchObject({ ok: true, filters: { activity } });
    const paired = parse(`activity=${activity}&age=75`);
    expect(paired.ok).toBe(false);
    if (!paired.ok) {
      expect(paired.errors.filters).toMatch(/for the activity alone/);
      expect(paired.values).toEqual({ activity, age: "75" });
    }
    expect(parse(`activity=${activity}&age=75&sex=male`).ok).toBe(false);
    expect(parse("activity=nope").ok).toBe(false);
  });

  it("refuses a future or malformed period at the period field", () => {
    const r = parse("period=2027-01");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.period).toMatch(/has not started yet/);
    const bad = parse("period=<script>");
    if (!bad.ok) expect(bad.errors.period).toMatch(/is not a period/);
  });

  it("names views stably, and lists the coarser views one filter fewer", () => {
    const keyOf = (filters: OutcomeFilters) => viewKey(activeFilters(filters));
    expect(keyOf({ period: "2026-10", age: "75", district: "melton" })).toBe("district=melton&age=75");
    expect(keyOf({ period: "2026-10" })).toBe("");
    expect(coarserViewKeys("district=melton&age=75")).toEqual(["age=75", "district=melton"]);
    expect(coarserViewKeys("")).toEqual([]);
    expect(filtersToSearch({ period: "2026-10", age: "75", district: "melton" })).toBe(
      "period=2026-10&district=melton&age=75",
    );
  });
});
