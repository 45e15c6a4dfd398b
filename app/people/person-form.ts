import { z } from "zod";
import { withChecks } from "~/forms/checks";
import { checkedDateOfBirth, parseDateOfBirth } from "~/forms/date-parts";
import {
  dateParts,
  email,
  nhsNumber,
  optionalChoice,
  optionalPersonName,
  optionalText,
  optionalWholeNumber,
  phone,
  personName,
  postcode,
  yesNo,
} from "~/forms/fields";
import type { NhsNumberPolicy } from "~/forms/nhs-number";
import { ethnicityLabels, imdQuintile, sexes } from "./equality";

// The person form, shared by "record a person" and "edit a person". Field names are the form's; the
// server maps them to columns.

export const contactMethods = {
  phone: "Phone call",
  text: "Text message",
  email: "Email",
  post: "Letter",
  visit: "Home visit",
} as const;
export type ContactMethod = keyof typeof contactMethods;

export const consentKinds = {
  volunteer_contact: "Contact by a volunteer (for example, a befriender)",
  quote_in_reports: "Their words quoted anonymously in reports",
} as const;
export type ConsentKind = keyof typeof consentKinds;

export const lawfulBasisText =
  "Direct care: UK GDPR Article 6(1)(e) (a task in the public interest) and Article 9(2)(h) (health or social care), Data Protection Act 2018 Schedule 1 paragraph 2.";

const allSay = (message: string) => ({ whole: message, min: message, max: message });

const personFields = (policy: NhsNumberPolicy) => ({
  givenName: personName(100, "Enter their first name", "First name"),
  familyName: personName(100, "Enter their last name", "Last name"),
  preferredName: optionalPersonName(100, "Preferred name"),
  ...dateParts("dob"),
  nhsNumber: nhsNumber(policy),
  addressLine1: optionalText(200, "Address line 1"),
  addressLine2: optionalText(200, "Address line 2"),
  town: optionalText(100, "Town or city"),
  postcode: postcode(),
  districtCode: optionalText(60, "District"),
  phone: phone(),
  email: email(),
  preferredContact: optionalChoice(contactMethods, "Select how they prefer to be contacted"),
  communicationNeeds: optionalText(1000, "Communication needs"),
  accessNeeds: optionalText(1000, "Access needs"),
  gpPractice: optionalText(200, "GP practice"),
  sex: optionalChoice(sexes, "Select their sex"),
  ethnicity: optionalChoice(ethnicityLabels, "Select an ethnic group from the list"),
  imdDecile: optionalWholeNumber("IMD decile", 1, 10, allSay("Select an IMD decile from 1 to 10")),
  imdQuintile: optionalWholeNumber("IMD quintile", 1, 5, allSay("Select an IMD quintile from 1 to 5")),
  // Two yes/no questions on one form: each message says which one is unanswered.
  consentVolunteer: yesNo("Select yes or no: do they agree to contact by a volunteer"),
  consentQuote: yesNo("Select yes or no: do they agree that their words may be quoted anonymously"),
});

type PersonFieldValues = z.output<z.ZodObject<ReturnType<typeof personFields>>>;

/**
 * The checks across fields: a real date of birth, a district from the list, an IMD quintile that matches the
 * decile, and the contact details the preferred way of contact needs.
 */
function personChecks(districts: readonly string[]) {
  return (v: Partial<PersonFieldValues>) => {
    const errors: Record<string, string> = {};
    const dob = parseDateOfBirth({ day: v.dobDay, month: v.dobMonth, year: v.dobYear });
    if (!dob.ok) errors.dob = dob.message;
    if (v.districtCode && !districts.includes(v.districtCode)) errors.districtCode = "Select a district from the list";
    if (v.imdDecile != null && v.imdQuintile != null && imdQuintile(v.imdDecile) !== v.imdQuintile)
      errors.imdQuintile = `IMD decile ${v.imdDecile} is in quintile ${imdQuintile(v.imdDecile)}: leave the quintile blank or correct it`;
    if (v.preferredContact === "email" && "email" in v && !v.email)
      errors.email = "Enter an email address, or choose another way to contact them";
    if ((v.preferredContact === "phone" || v.preferredContact === "text") && "phone" in v && !v.phone)
      errors.phone = "Enter a phone number, or choose another way to contact them";
    return errors;
  };
}

/**
 * The person form's schema with its cross-field checks, for the districts offered (their codes). `extra` adds the
 * page's own fields (a version, an idempotency key) before the checks are attached. `policy` says whether the 999
 * test range of NHS numbers is accepted (demo mode only: `nhsNumberPolicy()` in app/people/nhs-number-policy.server.ts).
 */
export function personSchema<X extends z.ZodRawShape = Record<never, never>>(
  districts: readonly string[],
  extra?: X,
  policy: NhsNumberPolicy = {},
) {
  return withChecks(z.object({ ...personFields(policy), ...(extra ?? ({} as X)) }), personChecks(districts));
}
export type PersonFormData = PersonFieldValues;

/** The columns a checked form writes. */
export function personColumns(data: PersonFormData) {
  return {
    given_name: data.givenName,
    family_name: data.familyName,
    preferred_name: data.preferredName,
    date_of_birth: checkedDateOfBirth(data),
    nhs_number: data.nhsNumber,
    address_line1: data.addressLine1,
    address_line2: data.addressLine2,
    town: data.town,
    postcode: data.postcode,
    district_code: data.districtCode,
    phone: data.phone,
    email: data.email,
    preferred_contact: data.preferredContact,
    communication_needs: data.communicationNeeds,
    access_needs: data.accessNeeds,
    gp_practice: data.gpPractice,
    sex: data.sex,
    ethnicity: data.ethnicity,
    imd_decile: data.imdDecile,
    imd_quintile: data.imdQuintile ?? imdQuintile(data.imdDecile),
  };
}
export type PersonColumns = ReturnType<typeof personColumns>;

/** The consents a checked form records. */
export function personConsents(data: PersonFormData) {
  return { volunteer_contact: data.consentVolunteer === "yes", quote_in_reports: data.consentQuote === "yes" };
}
