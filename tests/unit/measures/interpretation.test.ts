import { describe, expect, it } from "vitest";
import {
  interpretDjg6,
  interpretOns4,
  interpretOnsLoneliness,
  interpretScore,
  interpretSwemwbs,
  interpretSwemwbsRaw,
  interpretUcla3,
  interpretWemwbs,
} from "~/measures/interpretation";
import { instruments } from "~/measures/instruments";
import { chartSummary, formatScoreRead } from "~/measures/timeline";
import { getInstrument } from "~/measures/scoring";

// Bands and readings as docs/measures.md gives them.
describe("every score with its interpretation", () => {
  it("UCLA-3: lonely at 6 or more", () => {
    expect(interpretUcla3(5)).toMatchObject({ score: 5, band: "not lonely" });
    expect(interpretUcla3(6)).toMatchObject({ score: 6, band: "lonely" });
    expect(interpretUcla3(6).source).toMatch(/Hughes et al\. 2004/);
    expect(() => interpretUcla3(10)).toThrow(RangeError);
  });

  it("ONS direct question: the answer, with often/always marked as chronic loneliness", () => {
    expect(interpretOnsLoneliness(1).band).toBe("Often/always (chronic loneliness)");
    expect(interpretOnsLoneliness(4).band).toBe("Hardly ever");
  });

  it("ONS4: the ONS bands, anxiety the other way", () => {
    expect([4, 5, 6, 7, 8, 9, 10].map((v) => interpretOns4("life_satisfaction", v).band)).toEqual([
      "low",
      "medium",
      "medium",
      "high",
      "high",
      "very high",
      "very high",
    ]);
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((v) => interpretOns4("anxiety", v).band)).toEqual([
      "very low",
      "very low",
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
    ]);
  });

  it("SWEMWBS: read against the Health Survey for England means (23.2 women, 23.7 men), no cut-off invented", () => {
    expect(interpretSwemwbs(22.35).band).toBe("below the England average");
    expect(interpretSwemwbs(23.21).band).toBe("about the England average");
    expect(interpretSwemwbs(24.11).band).toBe("above the England average");
    expect(interpretSwemwbs(24.11).source).toMatch(/no official cut-off/);
    expect(interpretSwemwbsRaw(27).band).toBe("converts to a metric score of 24.11");
  });

  it("WEMWBS: no cut-off, read against the baseline; De Jong Gierveld: its bands, subscales by items", () => {
    expect(interpretWemwbs(50).band).toBe("no published cut-off: compare with the baseline");
    expect([1, 2, 4, 5].map((v) => interpretDjg6("total", v).band)).toEqual([
      "not lonely",
      "moderately lonely",
      "moderately lonely",
      "severely lonely",
    ]);
    expect(interpretDjg6("social", 2).band).toBe("2 of 3 social items point to loneliness");
  });

  it("gives every score of every instrument, at both ends of its range, an interpretation", () => {
    for (const instrument of instruments)
      for (const scale of instrument.scoreScales)
        for (const value of [scale.min, scale.max]) {
          const reading = interpretScore(instrument.code, scale.key, value);
          expect(reading?.band, `${instrument.code}.${scale.key} ${value}`).toBeTruthy();
          expect(reading?.source, `${instrument.code}.${scale.key}`).toBeTruthy();
        }
  });

  it("shows the number with its reading, and the number alone for a damaged score", () => {
    const metric = getInstrument("swemwbs").scoreScales[0];
    expect(formatScoreRead("swemwbs", metric, { metric: 19.98, raw: 22 })).toBe("19.98 (below the England average)");
    const total = getInstrument("ucla3").scoreScales[0];
    expect(formatScoreRead("ucla3", total, { total: 7 })).toBe("7 (lonely)");
    expect(formatScoreRead("ucla3", total, { total: 12 })).toBe("12");
    expect(formatScoreRead("ucla3", total, {})).toBe("–");
  });

  it("reads each score in a chart's caption, not the number alone", () => {
    const ucla3 = getInstrument("ucla3");
    const caption = chartSummary("ucla3", ucla3.scoreScales.slice(0, 1), [
      { scores: { total: 7 } },
      { scores: { total: 5 } },
    ]);
    expect(caption).toBe(`${ucla3.scoreScales[0].label}: 7 (lonely), then 5 (not lonely)`);
  });
});
