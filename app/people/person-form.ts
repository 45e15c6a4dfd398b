import { z } from "zod";
import { optionalText, requiredText } from "~/ui/validation";
import { parseDateOfBirth } from "./dates";
import { ethnicityCodes, sexes } from "./equality";
import { nhsNumberProblem, normaliseNhsNumber } from "./nhs-number";

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

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;

/** Upper case with one space before the inward code ("le101aa" → "LE10 1AA"). */
export function normalisePostcode(value: string): string {
  const compact = value.replace(/\s+/g, "").toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

const yesNo = z.enum(["yes", "no"], { error: "Select yes or no" });
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.enum(values, { error: message }).optional());

const optionalInt = (max: number, message: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    });

export const personFields = {
  givenName: requiredText(100, "Enter their first name", "First name"),
  familyName: requiredText(100, "Enter their last name", "Last name"),
  preferredName: optionalText(100, "Preferred name"),
  dobDay: z.string().optional(),
  dobMonth: z.string().optional(),
  dobYear: z.string().optional(),
  nhsNumber: z
    .string()
    .optional()
    .transform((v) => (v ? normaliseNhsNumber(v) : undefined))
    .transform((v) => (v === "" ? undefined : v))
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      const problem = nhsNumberProblem(v);
      if (problem === "format")
        ctx.addIssue({ code: "custom", message: "NHS number must be 10 digits, like 943 476 5919" });
      if (problem === "checksum")
        ctx.addIssue({
          code: "custom",
          message: "This is not a valid NHS number: check each digit against their NHS letter or GP record",
        });
    }),
  addressLine1: optionalText(200, "Address line 1"),
  addressLine2: optionalText(200, "Address line 2"),
  town: optionalText(100, "Town or city"),
  postcode: z
    .string()
    .optional()
    .transform((v) => (v ? normalisePostcode(v) : undefined))
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || UK_POSTCODE.test(v), "Enter a full UK postcode, like LE10 1QU"),
  districtCode: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  phone: optionalText(30, "Phone number").refine(
    (v) => v === undefined || /^[0-9+() -]{6,30}$/.test(v),
    "Enter a phone number using digits, like 01455 123456",
  ),
  email: optionalText(200, "Email address").refine(
    (v) => v === undefined || z.email().safeParse(v).success,
    "Enter an email address in the correct format, like name@example.com",
  ),
  preferredContact: optionalEnum(
    Object.keys(contactMethods) as [ContactMethod, ...ContactMethod[]],
    "Select how they prefer to be contacted",
  ),
  communicationNeeds: optionalText(1000, "Communication needs"),
  accessNeeds: optionalText(1000, "Access needs"),
  gpPractice: optionalText(200, "GP practice"),
  sex: optionalEnum(Object.keys(sexes) as [keyof typeof sexes, ...(keyof typeof sexes)[]], "Select their sex"),
  ethnicity: optionalEnum(ethnicityCodes as [string, ...string[]], "Select an ethnic group from the list"),
  imdDecile: optionalInt(10, "Select an IMD decile from 1 to 10"),
  imdQuintile: optionalInt(5, "Select an IMD quintile from 1 to 5"),
  consentVolunteer: yesNo,
  consentQuote: yesNo,
};

export const personSchema = z.object(personFields);
export type PersonFormData = z.infer<typeof personSchema>;

/** The cross-field checks a zod object cannot express simply: the date of birth and the two IMD fields. */
export function checkPerson(
  data: PersonFormData,
  districts: string[],
): { errors: Record<string, string>; dateOfBirth?: string } {
  const errors: Record<string, string> = {};
  const dob = parseDateOfBirth({ day: data.dobDay, month: data.dobMonth, year: data.dobYear });
  if (!dob.ok) errors.dob = dob.message;
  if (data.districtCode && !districts.includes(data.districtCode))
    errors.districtCode = "Select a district from the list";
  if (
    data.imdDecile !== undefined &&
    data.imdQuintile !== undefined &&
    Math.ceil(data.imdDecile / 2) !== data.imdQuintile
  ) {
    errors.imdQuintile = `IMD decile ${data.imdDecile} is in quintile ${Math.ceil(data.imdDecile / 2)}: leave the quintile blank or correct it`;
  }
  if (data.preferredContact === "email" && !data.email)
    errors.email = "Enter an email address, or choose another way to contact them";
  if ((data.preferredContact === "phone" || data.preferredContact === "text") && !data.phone)
    errors.phone = "Enter a phone number, or choose another way to contact them";
  return { errors, dateOfBirth: dob.ok ? dob.date : undefined };
}

/** The columns a checked form writes. */
export function personColumns(data: PersonFormData, dateOfBirth: string) {
  return {
    given_name: data.givenName,
    family_name: data.familyName,
    preferred_name: data.preferredName ?? null,
    date_of_birth: dateOfBirth,
    nhs_number: data.nhsNumber ?? null,
    address_line1: data.addressLine1 ?? null,
    address_line2: data.addressLine2 ?? null,
    town: data.town ?? null,
    postcode: data.postcode ?? null,
    district_code: data.districtCode ?? null,
    phone: data.phone ?? null,
    email: data.email ?? null,
    preferred_contact: data.preferredContact ?? null,
    communication_needs: data.communicationNeeds ?? null,
    access_needs: data.accessNeeds ?? null,
    gp_practice: data.gpPractice ?? null,
    sex: data.sex ?? null,
    ethnicity: data.ethnicity ?? null,
    imd_decile: data.imdDecile ?? null,
    imd_quintile: data.imdQuintile ?? (data.imdDecile !== undefined ? Math.ceil(data.imdDecile / 2) : null),
  };
}
export type PersonColumns = ReturnType<typeof personColumns>;

/** When the form fails its basic checks, the date of birth is checked too, so every problem is listed at once. */
export function withDateOfBirthError(
  errors: Record<string, string>,
  raw: Record<string, string>,
): Record<string, string> {
  if (errors.dob) return errors;
  const dob = parseDateOfBirth({ day: raw.dobDay, month: raw.dobMonth, year: raw.dobYear });
  if (dob.ok) return errors;
  // Placed after the names, as on the form.
  const { givenName, familyName, ...rest } = errors;
  return { ...(givenName ? { givenName } : {}), ...(familyName ? { familyName } : {}), dob: dob.message, ...rest };
}
