import { describe, expect, it } from "vitest";
import { questionLabel } from "~/measures/answers-form";
import { getInstrument } from "~/measures/scoring";

describe("questionLabel", () => {
  it("keeps a stem that opens each question", () => {
    const ucla = getInstrument("ucla3");
    expect(questionLabel(ucla, ucla.items[0])).toBe("question 1 (How often do you feel that you lack companionship)");
  });

  it("does not repeat a questionnaire's instructions in every message (the Warwick scales)", () => {
    for (const code of ["swemwbs", "wemwbs"] as const) {
      const instrument = getInstrument(code);
      const label = questionLabel(instrument, instrument.items[0]);
      expect(label).toBe("question 1 (I've been feeling optimistic about the future)");
      expect(label).not.toMatch(/Below are some statements/);
    }
  });
});
