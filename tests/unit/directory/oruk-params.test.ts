import { describe, expect, it } from "vitest";
import { ids } from "../../../app/directory/oruk/ids";
import { page } from "../../../app/directory/oruk/http";
import { readParams, serviceParams } from "../../../app/directory/oruk/params";

const read = (q: string) => readParams(serviceParams, new URL(`http://x/services?${q}`));

describe("ORUK parameters", () => {
  it("defaults paging and converts days and times", () => {
    const r = read("day=Tuesday&start_time=09:30&postcode=le10%201qu");
    expect(r).toEqual({ ok: true, data: { page: 1, per_page: 25, day: 2, start_time: "09:30", postcode: "LE101QU" } });
  });
  it("refuses a parameter given twice", () => {
    expect(read("page=1&page=2")).toEqual({
      ok: false,
      problems: [{ parameter: "page", message: "page may be given only once" }],
    });
  });
  it("ignores parameters the API does not use", () => {
    expect(read("full=true").ok).toBe(true);
  });
});

describe("paging and ids", () => {
  it("describes the page", () => {
    expect(page([], 0, 1, 25)).toMatchObject({
      total_pages: 1,
      first_page: true,
      last_page: true,
      empty: true,
      size: 0,
    });
    expect(page([1, 2], 52, 3, 25)).toMatchObject({ total_pages: 3, last_page: true, size: 2 });
  });
  it("derives stable version 5 uuids", () => {
    expect(ids.term("x")).toBe(ids.term("x"));
    expect(ids.term("x")).not.toBe(ids.term("y"));
    expect(ids.term("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
