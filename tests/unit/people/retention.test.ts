import { describe, expect, it } from "vitest";
import { ageOn } from "../../../app/calendar";
import { coarseDateOfBirth, retentionCutoff } from "../../../app/people/retention";
import { auditPseudonym } from "../../../app/people/retention.server";
import { DEMO_HMAC_KEY, retentionOptions } from "../../../db/cli/retention-options";
import { subjectSearchSchema } from "../../../app/people/subject-access-form";
import { parseForm } from "../../../app/forms/parse";
import { columnLabel, detailEntries, displayValue, exportFileName } from "../../../app/people/subject-access";

const KEY = "k".repeat(32);

describe("retention period", () => {
  it("counts whole years back from the UK date, 29 February to 28 February", () => {
    expect(retentionCutoff("2026-11-29", 8)).toBe("2018-11-29");
    expect(retentionCutoff("2024-02-29", 1)).toBe("2023-02-28");
    expect(retentionCutoff("2024-02-29", 4)).toBe("2020-02-29");
    expect(() => retentionCutoff("2026-02-30", 8)).toThrow(/not a date/);
    expect(() => retentionCutoff("2026-11-29", 0)).toThrow(/years/);
    expect(() => retentionCutoff("2026-11-29", 2.5)).toThrow(/years/);
  });
});

describe("the date of birth an anonymised record keeps", () => {
  it("counts ages as PostgreSQL's age() does", () => {
    expect(ageOn("1950-05-20", "2000-05-19")).toBe(49);
    expect(ageOn("1950-05-20", "2000-05-20")).toBe(50);
  });

  it("is 1 July of the birth year when that keeps every referral's age band", () => {
    expect(coarseDateOfBirth("1950-05-20", ["2016-03-04", "2019-11-30"])).toBe("1950-07-01");
    expect(coarseDateOfBirth("1950-05-20", [])).toBe("1950-07-01");
  });

  it("falls back to the first of the month, then the date itself, where a band boundary falls between", () => {
    // 50 on 20 May 2000: a referral on 10 June 2000 is in the 50–64 band, which 1 July would move to under 50.
    expect(coarseDateOfBirth("1950-05-20", ["2000-06-10"])).toBe("1950-05-01");
    // A referral on the day before the birthday the person turned 65: only the exact date keeps the band.
    expect(coarseDateOfBirth("1950-05-20", ["2015-05-19", "2015-05-20"])).toBe("1950-05-20");
  });
});

describe("audit pseudonyms", () => {
  const id = "3f2b7c9e-1d4a-4b8e-9c6f-0a1b2c3d4e5f";
  it("are stable for a key, differ between keys and people, and are UUIDs of version 8", () => {
    const p = auditPseudonym(KEY, id);
    expect(p).toBe(auditPseudonym(KEY, id.toUpperCase()));
    expect(p).not.toBe(auditPseudonym("j".repeat(32), id));
    expect(p).not.toBe(auditPseudonym(KEY, "3f2b7c9e-1d4a-4b8e-9c6f-0a1b2c3d4e50"));
    expect(p).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p).not.toContain(id.slice(0, 8));
  });
});

describe("the retention command's options", () => {
  it("refuses to run without a key outside demo mode, and a short key anywhere", () => {
    expect(retentionOptions([], {}, false)).toEqual({ error: expect.stringMatching(/RETENTION_HMAC_KEY is not set/) });
    expect(retentionOptions([], { RETENTION_HMAC_KEY: "short" }, true)).toEqual({
      error: expect.stringMatching(/at least 32/),
    });
    expect(retentionOptions(["--dry-run"], {}, true)).toEqual({
      dryRun: true,
      years: 8,
      hmacKey: DEMO_HMAC_KEY,
      demoKey: true,
    });
  });

  it("takes the period from --years, else RETENTION_YEARS, else 8, and refuses what is not whole years", () => {
    const env = { RETENTION_HMAC_KEY: KEY };
    expect(retentionOptions([], env, false)).toMatchObject({ dryRun: false, years: 8, demoKey: false, hmacKey: KEY });
    expect(retentionOptions([], { ...env, RETENTION_YEARS: "10" }, false)).toMatchObject({ years: 10 });
    expect(retentionOptions(["--years", "12"], { ...env, RETENTION_YEARS: "10" }, false)).toMatchObject({ years: 12 });
    for (const bad of ["0", "101", "2.5", "-1", "eight"])
      expect(retentionOptions([`--years=${bad}`], env, false)).toEqual({
        error: expect.stringMatching(/whole number/),
      });
    expect(retentionOptions(["--apply"], env, false)).toEqual({ error: expect.stringMatching(/Usage/) });
  });
});

describe("the subject access search form", () => {
  const parse = (fields: Record<string, string>) => parseForm(subjectSearchSchema, new URLSearchParams(fields));

  it("takes an NHS number alone, or a family name and a real date of birth", () => {
    expect(parse({ nhsNumber: "943 476 5919" })).toMatchObject({ ok: true, data: { nhsNumber: "9434765919" } });
    expect(parse({ familyName: "Smith", dobDay: "3", dobMonth: "2", dobYear: "1951" })).toMatchObject({ ok: true });
  });

  it("says what is missing at each field and keeps what was typed", () => {
    expect(parse({})).toMatchObject({ ok: false, errors: { nhsNumber: expect.stringMatching(/NHS number, or/) } });
    const r = parse({ familyName: "Smith", dobDay: "31", dobMonth: "2", dobYear: "1951" });
    expect(r).toMatchObject({ ok: false, errors: { dob: expect.stringMatching(/date of birth/) } });
    expect(r.values).toMatchObject({ familyName: "Smith", dobDay: "31" });
    expect(parse({ dobDay: "3", dobMonth: "2", dobYear: "1951" })).toMatchObject({
      ok: false,
      errors: { familyName: expect.any(String) },
    });
    expect(parse({ nhsNumber: "943 476 5918" })).toMatchObject({
      ok: false,
      errors: { nhsNumber: expect.any(String) },
    });
  });
});

describe("the printable export's wording", () => {
  it("names columns, shows empty values and objects, and names the file by record id only", () => {
    expect(columnLabel("date_of_birth")).toBe("Date of birth");
    expect(displayValue(null)).toBe("Not recorded");
    expect(displayValue([])).toBe("None");
    expect(displayValue(["a", "b"])).toBe("a, b");
    expect(displayValue({ total: 7 })).toBe('{"total":7}');
    expect(displayValue(false)).toBe("No");
    expect(exportFileName("abc", "2026-11-29T14:00:00.000+00:00")).toBe("subject-access-abc-2026-11-29.json");
  });
});

describe("the access history's details, in words", () => {
  it("puts a stated reason first and names every other key, so a break-glass reads without JSON", () => {
    expect(detailEntries({ breakGlassId: "b1", reason: "Covering a colleague's caseload today" })).toEqual([
      { label: "Reason given", value: "Covering a colleague's caseload today" },
      { label: "Break glass id", value: "b1" },
    ]);
  });

  it("names the list a person was shown in, and says when it has no words for one", () => {
    expect(detailEntries({ list: "person.search" })).toEqual([{ label: "Shown in", value: "Searched for people" }]);
    expect(detailEntries({ list: "some.new-list" })).toEqual([
      { label: "Shown in", value: "Not recognised (some.new-list)" },
    ]);
  });

  it("names the tables an export counted rows of", () => {
    expect(detailEntries({ rows: { person: 1, self_referral: 0, referral_event: 3 } })).toEqual([
      { label: "Rows", value: "Person: 1, Self-referral: 0, Referral status change: 3" },
    ]);
  });

  it("leaves nothing out: lists, flags and values that are not objects", () => {
    expect(detailEntries({ fields: ["phone", "email"], careTeam: false })).toEqual([
      { label: "Fields", value: "phone, email" },
      { label: "Care team", value: "No" },
    ]);
    expect(detailEntries(null)).toEqual([]);
    expect(detailEntries("text")).toEqual([{ label: "Details", value: "text" }]);
  });
});
