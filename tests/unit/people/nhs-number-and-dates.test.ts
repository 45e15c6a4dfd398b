import { describe, expect, it } from "vitest";
import { parseDateOfBirth } from "~/forms/date-parts";
import { ageOn } from "../../../app/calendar";
import { imdQuintile } from "../../../app/people/equality";
import { formatNhsNumber, nhsNumberProblem, normaliseNhsNumber } from "~/forms/nhs-number";

// As the person form checks a number: typed, normalised, then judged.
const problemOf = (typed: string, policy?: { testNumbers?: boolean }) =>
  nhsNumberProblem(normaliseNhsNumber(typed), policy);

describe("NHS number Modulus 11", () => {
  it("accepts the published example, and the demo 999 numbers only where test numbers are allowed", () => {
    expect(problemOf("943 476 5919")).toBeNull();
    expect(problemOf("9991000003", { testNumbers: true })).toBeNull();
    expect(problemOf("9991000003")).toBe("test");
  });
  it("refuses a wrong check digit, a wrong length and letters", () => {
    expect(nhsNumberProblem("9434765918")).toBe("checksum");
    expect(nhsNumberProblem("943476591")).toBe("format");
    expect(nhsNumberProblem("94347659A9")).toBe("format");
  });
  it("never issues nine digits whose check would be 10", () => {
    // 943 476 596: weighted sum 10×9 + 9×4 + 8×3 + 7×4 + 6×7 + 5×6 + 4×5 + 3×9 + 2×6 = 309, remainder 1, so the
    // check digit would be 10, which no single digit can be: every ending is refused.
    for (let d = 0; d <= 9; d++) expect(problemOf(`943476596${d}`)).toBe("checksum");
  });
  it("formats 3 3 4", () => expect(formatNhsNumber("9434765919")).toBe("943 476 5919"));
});

describe("date of birth", () => {
  it("accepts a real past date", () =>
    expect(parseDateOfBirth({ day: "27", month: "3", year: "1947" }, "2026-01-01")).toEqual({
      ok: true,
      date: "1947-03-27",
    }));
  it("refuses 31 February and 29 February in a common year", () => {
    expect(parseDateOfBirth({ day: "31", month: "2", year: "1950" }, "2026-01-01")).toMatchObject({
      ok: false,
      problem: "impossible",
    });
    expect(parseDateOfBirth({ day: "29", month: "2", year: "1951" }, "2026-01-01")).toMatchObject({
      ok: false,
      problem: "impossible",
    });
    expect(parseDateOfBirth({ day: "29", month: "2", year: "1952" }, "2026-01-01")).toMatchObject({ ok: true });
  });
  it("refuses the future, the distant past and a missing part", () => {
    expect(parseDateOfBirth({ day: "2", month: "1", year: "2026" }, "2026-01-01")).toMatchObject({
      ok: false,
      problem: "future",
    });
    expect(parseDateOfBirth({ day: "1", month: "1", year: "1899" }, "2026-01-01")).toMatchObject({
      ok: false,
      problem: "too_old",
    });
    expect(parseDateOfBirth({ day: "1", month: "", year: "1950" }, "2026-01-01")).toMatchObject({
      ok: false,
      problem: "incomplete",
    });
  });
  it("counts age the way a birthday does", () => {
    expect(ageOn("1950-06-15", "2026-06-14")).toBe(75);
    expect(ageOn("1950-06-15", "2026-06-15")).toBe(76);
  });
  it("pairs IMD deciles into quintiles", () => expect([1, 2, 3, 10].map(imdQuintile)).toEqual([1, 1, 2, 5]));
});
