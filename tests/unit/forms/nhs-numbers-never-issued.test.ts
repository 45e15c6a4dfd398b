import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nhsNumber } from "~/forms/fields";
import { nhsNumberProblem } from "~/forms/nhs-number";

/**
 * The ten-digit number for nine digits, when their check digit exists: Modulus 11 written out here from NHS
 * England's definition (weights 10 down to 2; 11 minus the remainder; 11 is 0; 10 means no number), not read from
 * the code under test.
 */
const withCheck = (nine: string) => {
  const sum = [...nine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : `${nine}${check}`;
};

describe("NHS numbers that pass the check digit but are never issued", () => {
  it("refuses 999 999 9999 and every other one-digit repeat that passes the check", () => {
    expect(nhsNumberProblem("9999999999")).toBe("placeholder");
    expect(nhsNumberProblem("9999999999", { testNumbers: true })).toBe("placeholder");
    const repeats = Array.from({ length: 10 }, (_, d) => String(d).repeat(10));
    const passing = repeats.filter((n) => withCheck(n.slice(0, 9)) === n);
    expect(passing).toContain("0000000000");
    for (const n of passing) expect(nhsNumberProblem(n, { testNumbers: true })).toBe("placeholder");
  });

  it("refuses runs of consecutive digits up or down", () => {
    for (let start = 0; start < 10; start++) {
      const up = Array.from({ length: 10 }, (_, i) => (start + i) % 10).join("");
      const down = Array.from({ length: 10 }, (_, i) => (start - i + 20) % 10).join("");
      for (const n of [up, down])
        expect(["placeholder", "checksum"]).toContain(nhsNumberProblem(n, { testNumbers: true }));
    }
  });

  it("refuses the whole 999 test range unless test numbers are allowed (demo mode)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        const number = withCheck(`999${String(n).padStart(6, "0")}`);
        if (number === null || /^(\d)\1{9}$/.test(number)) return;
        expect(nhsNumberProblem(number)).toBe("test");
        expect(nhsNumberProblem(number, { testNumbers: true })).toBeNull();
      }),
    );
  });

  it("tells the user to leave the field blank when the number is not known", () => {
    const test = Array.from({ length: 100 }, (_, n) => withCheck(`999${String(n).padStart(6, "0")}`)).find(
      (n) => n !== null && nhsNumberProblem(n) === "test",
    )!;
    for (const [number, problem] of [
      ["9999999999", "placeholder"],
      [test, "test"],
    ] as const) {
      expect(nhsNumberProblem(number)).toBe(problem);
      const parsed = nhsNumber().safeParse(number);
      expect(parsed.error?.issues.map((i) => i.message)).toEqual([expect.stringMatching(/leave this blank/)]);
    }
  });
});
