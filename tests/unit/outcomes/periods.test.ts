import { describe, expect, it } from "vitest";
import {
  calendarMonthName,
  defaultPeriodKey,
  monthsOf,
  parsePeriod,
  periodsWithData,
  previousPeriod,
  periodOf,
} from "~/outcomes/periods";

const TODAY = "2026-11-29";

describe("outcome periods", () => {
  it("reads a calendar month, a quarter, a financial year and the last 12 whole months", () => {
    expect(periodOf("2026-10", TODAY)).toEqual({
      key: "2026-10",
      kind: "month",
      label: "October 2026",
      from: "2026-10-01",
      to: "2026-10-31",
    });
    expect(periodOf("2024-02", TODAY)).toMatchObject({ from: "2024-02-01", to: "2024-02-29" });
    expect(periodOf("2026-Q3", TODAY)).toMatchObject({
      key: "2026-Q3",
      kind: "quarter",
      from: "2026-07-01",
      to: "2026-09-30",
    });
    expect(periodOf("FY2025", TODAY)).toMatchObject({
      key: "FY2025",
      kind: "year",
      from: "2025-04-01",
      to: "2026-03-31",
      label: "Financial year 2025 to 26 (April 2025 to March 2026)",
    });
    expect(periodOf("L12-2026-10", TODAY)).toMatchObject({
      key: "L12-2026-10",
      kind: "last12",
      from: "2025-11-01",
      to: "2026-10-31",
    });
    expect(periodOf("L12-2025-10", TODAY)).toMatchObject({ from: "2024-11-01", to: "2025-10-31" });
  });

  it("accepts the month, quarter and financial year in progress, which hold data so far", () => {
    expect(parsePeriod("2026-11", TODAY).ok).toBe(true);
    expect(parsePeriod("2026-Q4", TODAY).ok).toBe(true);
    expect(parsePeriod("FY2026", TODAY).ok).toBe(true);
  });

  it("refuses future periods, unfinished last-12 windows and malformed keys with a clear message", () => {
    const refused = (key: string) => {
      const r = parsePeriod(key, TODAY);
      if (r.ok) throw new Error(`${key} was accepted`);
      return r.message;
    };
    expect(refused("2026-12")).toMatch(/December 2026 has not started yet/);
    expect(refused("2027-Q1")).toMatch(/has not started yet/);
    expect(refused("FY2027")).toMatch(/has not started yet/);
    expect(refused("L12-2026-11")).toMatch(/October 2026 at the latest/);
    // Rolling windows end in the last whole month, or the same month of an earlier year.
    expect(refused("L12-2026-09")).toMatch(/end in October/);
    expect(refused("2026-13")).toMatch(/months run from 01 to 12/);
    expect(refused("2026-Q5")).toMatch(/is not a period/);
    expect(refused("last year")).toMatch(/is not a period/);
    expect(refused("2026-10-01")).toMatch(/is not a period/);
    expect(refused("1999-01")).toMatch(/before the service's records begin/);
    expect(refused("")).toBe("Choose a period");
  });

  it("gives the previous period of the same kind for a report's comparison", () => {
    expect(previousPeriod(periodOf("2026-01", TODAY))?.key).toBe("2025-12");
    expect(previousPeriod(periodOf("2026-Q1", TODAY))?.key).toBe("2025-Q4");
    expect(previousPeriod(periodOf("FY2025", TODAY))?.key).toBe("FY2024");
    expect(previousPeriod(periodOf("L12-2026-10", TODAY))).toMatchObject({
      key: "L12-2025-10",
      from: "2024-11-01",
      to: "2025-10-31",
    });
    expect(previousPeriod(periodOf("2000-01", TODAY))).toBeNull();
  });

  it("lists the months a period covers, for monthly series and seasonality", () => {
    expect(monthsOf(periodOf("2026-Q3", TODAY))).toEqual(["2026-07", "2026-08", "2026-09"]);
    expect(monthsOf(periodOf("L12-2026-10", TODAY))).toHaveLength(12);
    expect(monthsOf(periodOf("FY2025", TODAY))[0]).toBe("2025-04");
    expect(calendarMonthName("2026-03")).toBe("March");
  });

  it("lists the periods that hold data up to today, newest first within each kind", () => {
    const keys = periodsWithData("2026-02-10", "2026-11-20", TODAY).map((p) => p.key);
    expect(keys.filter((k) => /^\d{4}-\d{2}$/.test(k))).toEqual([
      "2026-11",
      "2026-10",
      "2026-09",
      "2026-08",
      "2026-07",
      "2026-06",
      "2026-05",
      "2026-04",
      "2026-03",
      "2026-02",
    ]);
    expect(keys.filter((k) => k.includes("Q"))).toEqual(["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1"]);
    expect(keys.filter((k) => k.startsWith("FY"))).toEqual(["FY2026", "FY2025"]);
    expect(keys.filter((k) => k.startsWith("L12"))).toEqual(["L12-2026-10"]);
    expect(
      periodsWithData("2024-12-01", "2026-11-20", TODAY)
        .filter((p) => p.kind === "last12")
        .map((p) => p.key),
    ).toEqual(["L12-2026-10", "L12-2025-10"]);
    // Every listed period parses as a valid period today.
    for (const k of keys) expect(parsePeriod(k, TODAY).ok).toBe(true);
    expect(periodsWithData(null, null, TODAY)).toEqual([]);
  });

  it("opens on the last 12 whole months, in UK time", () => {
    expect(defaultPeriodKey("2026-11-01")).toBe("L12-2026-10");
    expect(defaultPeriodKey("2027-01-15")).toBe("L12-2026-12");
  });
});
