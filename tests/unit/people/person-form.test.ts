import { describe, expect, it } from "vitest";
import { parseForm } from "~/forms/parse";
import { personSchema } from "~/people/person-form";

describe("the person form's consent questions", () => {
  it("say in the error summary which yes/no question is unanswered", () => {
    const form = new FormData();
    form.set("givenName", "Walter");
    form.set("familyName", "Example");
    const parsed = parseForm(personSchema([]), form);
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? {} : parsed.errors;
    expect(errors.consentVolunteer).toMatch(/contact by a volunteer/);
    expect(errors.consentQuote).toMatch(/quoted anonymously/);
    expect(errors.consentVolunteer).not.toBe(errors.consentQuote);
  });
});
