import { describe, expect, it } from "vitest";
import { enteredValues } from "../../../app/auth/disabled";

/** The label a field typed on its own is listed under. */
const labelOf = (name: string) => {
  const form = new FormData();
  form.append(name, "typed");
  return enteredValues(form)[0]?.label;
};

describe("what a disabled user typed, shown back", () => {
  it("names fields by the form's own labels, and a field no form lists in words", () => {
    expect(labelOf("givenName")).toBe("First name");
    expect(labelOf("supportNotes")).toBe("Notes for the provider");
    expect(labelOf("mark-5b0c1d8e-7f1a-4c55-9b1e-0a8b4d1c2e3f")).toBe("Attendance");
    expect(labelOf("someNewField")).toBe("Some new field");
  });

  it("shows a date's three parts as one answer under the date's label", () => {
    const form = new FormData();
    for (const [k, v] of [
      ["givenName", "Winifred"],
      ["dobDay", "4"],
      ["dobMonth", "7"],
      ["dobYear", "1941"],
      ["communicationNeeds", "Hard of hearing"],
    ])
      form.append(k, v);
    expect(enteredValues(form)).toEqual([
      { name: "givenName", label: "First name", values: ["Winifred"] },
      { name: "dob", label: "Date of birth", values: ["4/7/1941"] },
      { name: "communicationNeeds", label: "Communication needs", values: ["Hard of hearing"] },
    ]);
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
      ["onRegisterId", "5b0c1d8e-7f1a-4c55-9b1e-0a8b4d1c2e3f"],
      ["familyName", "   "],
    ])
      form.append(k, v);
    expect(enteredValues(form)).toEqual([
      { name: "givenName", label: "First name", values: ["Ann"] },
      { name: "needs", label: "Needs and reasons for the referral", values: ["loneliness", "bereavement"] },
    ]);
  });
});
