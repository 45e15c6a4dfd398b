import { describe, expect, it } from "vitest";
import { enteredValues, fieldWords } from "../../../app/auth/disabled";

describe("what a disabled user typed, shown back", () => {
  it("names fields in words", () => {
    expect(fieldWords("givenName")).toBe("Given name");
    expect(fieldWords("supportNotes")).toBe("Support notes");
    expect(fieldWords("mark-5b0c1d8e-7f1a-4c55-9b1e-0a8b4d1c2e3f")).toBe("Mark");
  });

  it("keeps typed text in order, joins ticked boxes and leaves out secrets, keys, versions and blanks", () => {
    const form = new FormData();
    for (const [k, v] of [
      ["givenName", "Ann"],
      ["needs", "loneliness"],
      ["needs", "bereavement"],
      ["password", "secret words"],
      ["currentPassword", "x"],
      ["idempotencyKey", "k"],
      ["registerVersion", "3"],
      ["activityId", "5b0c1d8e-7f1a-4c55-9b1e-0a8b4d1c2e3f"],
      ["returnTo", "/caseload"],
      ["familyName", "   "],
    ])
      form.append(k, v);
    expect(enteredValues(form)).toEqual([
      { label: "Given name", value: "Ann" },
      { label: "Needs", value: "loneliness, bereavement" },
    ]);
  });
});
