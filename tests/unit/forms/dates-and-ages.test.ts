import { describe, expect, it } from "vitest";
import { isIsoDate } from "~/calendar";
import { parseDateOfBirth, parseDateParts, SERVICE_MIN_AGE } from "~/forms/date-parts";
import { oneOffSessionSchema } from "~/directory/forms";
import { selfReferralSchema } from "~/referrals/self-referral";

describe("one date parser for typed and URL dates", () => {
  it("refuses impossible dates and year 0000 or 0001", () => {
    expect(parseDateParts({ day: "31", month: "2", year: "2026" })).toMatchObject({ ok: false, problem: "impossible" });
    expect(parseDateParts({ day: "1", month: "1", year: "0001" })).toMatchObject({ ok: false, problem: "impossible" });
    expect(parseDateParts({ day: "1", month: "1", year: "0000" })).toMatchObject({ ok: false, problem: "impossible" });
    for (const v of ["0000-01-01", "0001-01-01", "0999-12-31", "2026-02-31", "2026-13-01"])
      expect(isIsoDate(v), v).toBe(false);
    expect(isIsoDate("2026-02-28")).toBe(true);
  });
});

describe("ages outside the service's range", () => {
  it(`refuses anyone under ${SERVICE_MIN_AGE} on the day, and takes them from their 18th birthday`, () => {
    expect(parseDateOfBirth({ day: "1", month: "6", year: "2020" }, "2026-11-29")).toMatchObject({
      ok: false,
      problem: "too_young",
      message: expect.stringMatching(/18 or over/),
    });
    expect(parseDateOfBirth({ day: "30", month: "11", year: "2008" }, "2026-11-29")).toMatchObject({ ok: false });
    expect(parseDateOfBirth({ day: "29", month: "11", year: "2008" }, "2026-11-29")).toMatchObject({ ok: true });
  });
  it("the public form tells a 6-year-old's family, in its own words, at the date of birth", () => {
    const year = String(Number(new Date().getFullYear()) - 6);
    const parsed = selfReferralSchema(["leicester"]).safeParse({
      givenName: "Tom",
      familyName: "Small",
      dobDay: "1",
      dobMonth: "1",
      dobYear: year,
      phone: "07700 900123",
      bestTime: "any",
      idempotencyKey: crypto.randomUUID(),
    });
    expect(parsed.success).toBe(false);
    const dob = parsed.error!.issues.find((i) => i.path[0] === "dob");
    expect(dob?.message).toMatch(/for adults aged 18 and over/);
  });
});

describe("planning forms", () => {
  const plan = (sessionDate: string) =>
    oneOffSessionSchema("2026-11-29").safeParse({
      sessionDate,
      oneOffStart: "10:00",
      oneOffEnd: "11:00",
      idempotencyKey: crypto.randomUUID(),
    });
  const message = (r: ReturnType<typeof plan>) => r.error?.issues.find((i) => i.path[0] === "sessionDate")?.message;
  it("refuse a one-off session in the past, an impossible date and year 0001, at the field", () => {
    expect(message(plan("2026-11-28"))).toMatch(/today or later/);
    expect(message(plan("2026-02-31"))).toMatch(/real date/);
    expect(message(plan("0001-01-01"))).toMatch(/real date/);
    expect(message(plan("2031-01-01"))).toMatch(/within the next 2 years/);
    expect(plan("2026-11-29").success).toBe(true);
  });
});
