import { describe, expect, it } from "vitest";
import { itemError } from "~/measures/answers-form";
import { getInstrument } from "~/measures/scoring";

describe("the question an unanswered item's message names", () => {
  it("keeps a stem that opens each question", () => {
    const ucla = getInstrument("ucla3");
    expect(itemError(ucla, ucla.items[0], "")).toBe(
      "Select an answer for question 1 (How often do you feel that you lack companionship)",
    );
  });

  it("does not repeat a questionnaire's instructions in every message (the Warwick scales)", () => {
    for (const code of ["swemwbs", "wemwbs"] as const) {
      const instrument = getInstrument(code);
      const message = itemError(instrument, instrument.items[0], "");
      expect(message).toBe("Select an answer for question 1 (I've been feeling optimistic about the future)");
      expect(message).not.toMatch(/Below are some statements/);
    }
  });
});
