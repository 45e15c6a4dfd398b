import { describe, expect, it } from "vitest";
import { enteredValues } from "~/auth/disabled";
import { enteredValueWords } from "~/field-values";

describe("a refused form's answers in words", () => {
  it("puts each ticked code of a coded field in its words, and leaves typed text as typed", () => {
    const form = new FormData();
    for (const [k, v] of [
      ["givenName", "Ann, known as Nan"],
      ["needs", "loneliness"],
      ["needs", "bereavement"],
      ["mark-5b0c1d8e-7f1a-4c55-9b1e-0a8b4d1c2e3f", "present"],
      ["source", "not-a-known-code"],
    ])
      form.append(k, v);
    expect(enteredValues(form).map((e) => [e.label, enteredValueWords(e.name, e.values)])).toEqual([
      ["First name", "Ann, known as Nan"],
      ["Needs and reasons for the referral", "Loneliness, Bereavement"],
      ["Attendance", "Present"],
      // Outside its list: shown as posted rather than as "Not recognised", since it is what they sent.
      ["Who referred them?", "not-a-known-code"],
    ]);
  });
});
