import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../app/attendance/register";

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const KEY = "33333333-3333-4333-8333-333333333333";
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe("parseRegister", () => {
  it("reads marks, leaves unmarked people out and counts drop-ins", () => {
    const r = parseRegister(
      form({
        [`mark-${A}`]: "present",
        [`mark-${B}`]: "",
        otherAttendees: "6",
        registerVersion: "3",
        idempotencyKey: KEY,
      }),
    );
    expect(r.ok && r.data).toEqual({
      marks: { [A]: "present" },
      otherAttendees: 6,
      registerVersion: 3,
      idempotencyKey: KEY,
    });
  });
  it("treats an empty count as none", () => {
    const r = parseRegister(form({ otherAttendees: "", registerVersion: "0", idempotencyKey: KEY }));
    expect(r.ok && r.data.otherAttendees).toBe(0);
  });
  it.each([
    [{ otherAttendees: "-1" }, "otherAttendees", "cannot be below zero"],
    [{ otherAttendees: "six" }, "otherAttendees", "Enter the number"],
    [{ otherAttendees: "1001" }, "otherAttendees", "1000 or fewer"],
    [{ [`mark-${A}`]: "late" }, `mark-${A}`, "present, absent or excused"],
    [{ "mark-robert": "present" }, "form", "Reload"],
    [{ registerVersion: "x" }, "form", "Reload"],
    [{ idempotencyKey: "abc" }, "form", "Reload"],
  ])("refuses bad input %#, keeping what was typed", (bad, field, message) => {
    const r = parseRegister(form({ otherAttendees: "0", registerVersion: "0", idempotencyKey: KEY, ...bad }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[field]).toContain(message);
      for (const [k, v] of Object.entries(bad)) expect(r.values[k]).toBe(v);
    }
  });
});
