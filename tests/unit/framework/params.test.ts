import { describe, expect, it } from "vitest";
import { idParam, isUuid } from "../../../app/params";

describe("record ids in route parameters", () => {
  it("take one check: any UUID's shape, in either case, and nothing else", () => {
    // Version 4 (the database's own ids), version 7, the nil UUID and one of no RFC variant (PostgreSQL's uuid
    // type takes any 32 hex digits): all may reach a uuid column, and answer 404 there if no record has them.
    for (const id of [
      "0f8fad5b-d9cb-469f-a165-70867728950e",
      "22222222-2222-2222-2222-222222222222",
      "0190F1C4-6A3B-7C2E-9D4F-1A2B3C4D5E6F",
      "00000000-0000-0000-0000-000000000000",
    ]) {
      expect(isUuid(id)).toBe(true);
      expect(idParam(id, "Person")).toBe(id);
    }
    for (const bad of [undefined, "", "0f8fad5b-d9cb-469f-a165-70867728950", "0f8fad5b d9cb 469f a165 70867728950e"]) {
      expect(isUuid(bad)).toBe(false);
      let thrown: unknown;
      try {
        idParam(bad, "Person");
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toMatchObject({ init: { status: 404 }, data: { message: "Person not found" } });
    }
  });
});
