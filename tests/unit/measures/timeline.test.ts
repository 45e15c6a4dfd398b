import { describe, expect, it } from "vitest";
import { offeredInstruments } from "~/measures/catalogue";
import { z } from "zod";
import { answerFields } from "~/measures/answers-form";
import { parseForm } from "~/forms/parse";
import { getInstrument, scoreResponse } from "~/measures/scoring";
import { answersFor, selfSteps } from "~/measures/self-steps";
import {
  changesSinceBaseline,
  chartGroups,
  chronological,
  formatChange,
  noChangeText,
  seriesByInstrument,
  type MeasureRecord,
} from "~/measures/timeline";

let n = 0;
function record(code: string, answers: Record<string, number>, over: Partial<MeasureRecord> = {}): MeasureRecord {
  n += 1;
  const scored = scoreResponse(code, answers);
  return {
    id: `m${n}`,
    referralId: "r1",
    instrumentCode: code,
    instrumentVersion: "1",
    timePoint: "baseline",
    followUpWeek: null,
    administeredOn: "2026-01-05",
    mode: "staff",
    answers,
    scores: scored.scores,
    bands: scored.bands,
    recordedAt: `2026-01-05T10:00:0${n % 10}Z`,
    recordedBy: "Staff",
    enteredInError: null,
    ...over,
  };
}
const swemwbs = (raw: number) => {
  const ids = getInstrument("swemwbs").items.map((i) => i.id);
  let left = raw - 7;
  return Object.fromEntries(
    ids.map((id) => {
      const extra = Math.min(4, left);
      left -= extra;
      return [id, 1 + extra];
    }),
  );
};

describe("change since baseline", () => {
  it("flags SWEMWBS 17 → 22 raw (16.88 → 19.98 metric, +3.10) as a meaningful improvement", () => {
    const base = record("swemwbs", swemwbs(17));
    const later = record("swemwbs", swemwbs(22), {
      timePoint: "follow_up",
      followUpWeek: 6,
      administeredOn: "2026-03-01",
    });
    const c = changesSinceBaseline([base, later])[later.id].changes.metric;
    expect(c).toMatchObject({ baseline: 16.88, later: 19.98, change: 3.1, meaningful: true, improvement: true });
    expect(formatChange(getInstrument("swemwbs").scoreScales[0], c.change)).toBe("+3.10");
  });

  it("compares only within the same referral and instrument, and never with entered-in-error rows", () => {
    const base = record("ucla3", { ucla3_companionship: 3, ucla3_left_out: 3, ucla3_isolated: 3 });
    const otherReferral = record(
      "ucla3",
      { ucla3_companionship: 1, ucla3_left_out: 1, ucla3_isolated: 1 },
      { referralId: "r2", timePoint: "follow_up", followUpWeek: 6, administeredOn: "2026-02-16" },
    );
    const inError = record(
      "ucla3",
      { ucla3_companionship: 1, ucla3_left_out: 1, ucla3_isolated: 1 },
      {
        timePoint: "follow_up",
        followUpWeek: 6,
        administeredOn: "2026-02-16",
        enteredInError: { at: "x", by: null, reason: "r" },
      },
    );
    const good = record(
      "ucla3",
      { ucla3_companionship: 2, ucla3_left_out: 2, ucla3_isolated: 1 },
      { timePoint: "exit", administeredOn: "2026-02-16" },
    );
    const changes = changesSinceBaseline([base, otherReferral, inError, good]);
    expect(Object.keys(changes)).toEqual([good.id]);
    expect(changes[good.id].changes.total).toMatchObject({
      change: -4,
      meaningful: true,
      reason: 'Moved out of the "lonely" band',
    });
  });

  it("ONS4 flags a band change item by item, anxiety reversed", () => {
    const base = record("ons4", { ons4_life_satisfaction: 4, ons4_worthwhile: 6, ons4_happiness: 7, ons4_anxiety: 6 });
    const later = record(
      "ons4",
      { ons4_life_satisfaction: 5, ons4_worthwhile: 6, ons4_happiness: 7, ons4_anxiety: 3 },
      { timePoint: "follow_up", followUpWeek: 6, administeredOn: "2026-02-16" },
    );
    const c = changesSinceBaseline([base, later])[later.id].changes;
    expect(c.life_satisfaction).toMatchObject({
      meaningful: true,
      improvement: true,
      baselineBand: "low",
      laterBand: "medium",
    });
    expect(c.worthwhile.meaningful).toBe(false);
    expect(c.anxiety).toMatchObject({ meaningful: true, improvement: true, baselineBand: "high", laterBand: "low" });
  });
});

describe("timing: no change from a response too close to the baseline", () => {
  const lonely = { ucla3_companionship: 3, ucla3_left_out: 3, ucla3_isolated: 3 };
  const notLonely = { ucla3_companionship: 1, ucla3_left_out: 1, ucla3_isolated: 1 };

  it("compares a follow-up or exit from 28 days after the baseline, never sooner, never an extra baseline-window one", () => {
    const base = record("ucla3", lonely);
    const sameDay = record("ucla3", notLonely, { timePoint: "follow_up", followUpWeek: 6 });
    const day27 = record("ucla3", notLonely, { timePoint: "exit", administeredOn: "2026-02-01" });
    const extra = record("ucla3", notLonely, { timePoint: "baseline_extra", administeredOn: "2026-03-01" });
    const day28 = record("ucla3", notLonely, { timePoint: "follow_up", followUpWeek: 6, administeredOn: "2026-02-02" });
    const records = [base, sameDay, day27, extra, day28];
    expect(Object.keys(changesSinceBaseline(records))).toEqual([day28.id]);
    expect(noChangeText(base, records)).toBe("–");
    expect(noChangeText(sameDay, records)).toBe("Not compared (too soon after the baseline)");
    expect(noChangeText(extra, records)).toBe("Not compared (extra baseline-window response)");
    expect(noChangeText(day28, [day28])).toBe("No baseline to compare with");
  });

  it("leaves extra baseline-window responses out of the charted series", () => {
    const base = record("ucla3", lonely);
    const extra = record("ucla3", notLonely, { timePoint: "baseline_extra" });
    const [series] = seriesByInstrument([base, extra]);
    expect(series.points.map((p) => p.id)).toEqual([base.id]);
  });
});

describe("series and charts", () => {
  it("orders by date then time point, and leaves entered-in-error rows out of series", () => {
    const a = record(
      "ucla3",
      { ucla3_companionship: 3, ucla3_left_out: 3, ucla3_isolated: 3 },
      { administeredOn: "2026-02-01", timePoint: "follow_up", followUpWeek: 6 },
    );
    const b = record(
      "ucla3",
      { ucla3_companionship: 3, ucla3_left_out: 3, ucla3_isolated: 3 },
      { administeredOn: "2026-01-01" },
    );
    const c = record(
      "ucla3",
      { ucla3_companionship: 1, ucla3_left_out: 1, ucla3_isolated: 1 },
      { administeredOn: "2026-01-15", enteredInError: { at: "x", by: null, reason: "r" } },
    );
    expect(chronological([a, b, c]).map((r) => r.id)).toEqual([b.id, c.id, a.id]);
    const [series] = seriesByInstrument([a, b, c]);
    expect(series.points.map((p) => p.id)).toEqual([b.id, a.id]);
  });

  it("splits ONS4 into a higher-is-better chart and an anxiety chart with its own bands; charts no raw or subscale", () => {
    const ons4 = chartGroups(getInstrument("ons4"));
    expect(ons4.map((g) => [g.direction, g.scales.map((s) => s.key)])).toEqual([
      ["higher_is_better", ["life_satisfaction", "worthwhile", "happiness"]],
      ["lower_is_better", ["anxiety"]],
    ]);
    expect(ons4[1].bands?.map((b) => b.label)).toEqual(["very low", "low", "medium", "high"]);
    expect(chartGroups(getInstrument("swemwbs")).map((g) => g.scales.map((s) => s.key))).toEqual([["metric"]]);
    expect(chartGroups(getInstrument("djg6")).map((g) => g.scales.map((s) => s.key))).toEqual([["total"]]);
  });
});

describe("forms and self-completion steps", () => {
  it("reads every item of a post, marking each missing or invalid one", () => {
    const form = new FormData();
    form.set("ucla3_companionship", "2");
    form.set("ucla3_left_out", "5");
    const schema = z.object(answerFields(getInstrument("ucla3")));
    const parsed = parseForm(schema, form);
    const errors = parsed.ok ? {} : parsed.errors;
    expect(Object.keys(errors)).toEqual(["ucla3_left_out", "ucla3_isolated"]);
    expect(errors.ucla3_isolated).toBe("Select an answer for question 3 (How often do you feel isolated from others)");
    form.set("ucla3_left_out", "1");
    form.set("ucla3_isolated", "3");
    expect(parseForm(schema, form)).toMatchObject({
      ok: true,
      data: { ucla3_companionship: 2, ucla3_left_out: 1, ucla3_isolated: 3 },
    });
    form.append("ucla3_companionship", "3");
    const twice = parseForm(schema, form);
    expect(twice.ok ? null : twice.errors.ucla3_companionship).toMatch(/only one answer/);
  });

  it("lists one step per item, in the catalogue order chosen, and splits the answers back per questionnaire", () => {
    const steps = selfSteps(["ucla3", "ons_loneliness"]);
    expect(steps.map((s) => s.item.id)).toEqual([
      "ucla3_companionship",
      "ucla3_left_out",
      "ucla3_isolated",
      "ons_lonely",
    ]);
    expect(steps.map((s) => s.firstOfInstrument)).toEqual([true, false, false, true]);
    expect(answersFor(getInstrument("ons_loneliness"), { ucla3_isolated: 2, ons_lonely: 3 })).toEqual({
      ons_lonely: 3,
    });
  });

  it("offers WEMWBS only with the licence", () => {
    expect(offeredInstruments(false).map((i) => i.code)).toEqual([
      "ucla3",
      "ons_loneliness",
      "ons4",
      "swemwbs",
      "djg6",
    ]);
    expect(offeredInstruments(true).map((i) => i.code)).toContain("wemwbs");
  });
});
