import { describe, expect, it } from "vitest";
import { withDateOfBirthError } from "../../../app/people/person-form";
import { allSelfReferralErrors } from "../../../app/referrals/self-referral";

describe("every problem listed at once", () => {
  it("adds a missing date of birth to the person form's errors, after the names", () => {
    const errors = withDateOfBirthError(
      { familyName: "Enter their last name", consentQuote: "Select yes or no" },
      { dobDay: "", dobMonth: "", dobYear: "" },
    );
    expect(Object.keys(errors)).toEqual(["familyName", "dob", "consentQuote"]);
    expect(errors.dob).toBe("Enter their date of birth");
    expect(withDateOfBirthError({ familyName: "x" }, { dobDay: "1", dobMonth: "2", dobYear: "1950" })).toEqual({
      familyName: "x",
    });
  });

  it("adds the date of birth and the call-back contact to the public form's errors, in field order", () => {
    const errors = allSelfReferralErrors(
      { topics: "Select what you would like to talk about", givenName: "Enter your first name" },
      { dobDay: "31", dobMonth: "2", dobYear: "1950" },
    );
    expect(Object.keys(errors)).toEqual(["givenName", "dob", "phone", "topics"]);
    expect(errors.dob).toMatch(/real date/);
    expect(
      allSelfReferralErrors({ bestTime: "x" }, { dobDay: "1", dobMonth: "2", dobYear: "1950", email: "a@example.com" }),
    ).toEqual({ bestTime: "x" });
  });
});
