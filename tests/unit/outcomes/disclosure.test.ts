import { describe, expect, it } from "vitest";
import { showValue, suppressCount, suppressMean, suppressPercent } from "../../../app/outcomes/disclosure";

describe("small-number disclosure control", () => {
  it("shows zero, hides 1 to 7, and rounds 8 and above to the nearest 5", () => {
    expect(suppressCount(0)).toBe(0);
    for (let n = 1; n <= 7; n++) expect(suppressCount(n)).toBe("*");
    expect(suppressCount(8)).toBe(10);
    expect(suppressCount(12)).toBe(10);
    expect(suppressCount(13)).toBe(15);
    expect(suppressCount(1234)).toBe(1235);
  });

  it("refuses things that are not counts", () => {
    expect(() => suppressCount(-1)).toThrow(RangeError);
    expect(() => suppressCount(2.5)).toThrow(RangeError);
  });

  it("suppresses means from fewer than 8 records", () => {
    expect(suppressMean([1, 2, 3, 4, 5, 6, 7])).toBe("*");
    expect(suppressMean([1, 2, 3, 4, 5, 6, 7, 8])).toBe(4.5);
  });

  it("suppresses a percentage when either count is hidden", () => {
    expect(suppressPercent(5, 100)).toBe("*");
    expect(suppressPercent(50, 7)).toBe("*");
    expect(suppressPercent(30, 40)).toBe(75);
    expect(suppressPercent(0, 0)).toBe(0);
  });

  it("prints hidden values as * and others with their suffix", () => {
    expect(showValue("*", "%")).toBe("*");
    expect(showValue(75, "%")).toBe("75%");
  });
});
