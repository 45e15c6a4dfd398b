import { z } from "zod";
import {
  accessibilityFeatures,
  activityFormats,
  activityStatuses,
  providerKinds,
  referralModes,
  transportOptions,
} from "./options";
import { daysBetween } from "~/calendar";
import { withChecks } from "~/forms/checks";
import {
  choice,
  choices,
  email as emailAddress,
  idempotencyKey,
  isoDate,
  optionalIsoDate,
  optionalPersonName,
  optionalText,
  optionalWholeNumber,
  phone as phoneNumber,
  personName,
  postcode as ukPostcode,
  requiredText,
  version,
} from "~/forms/fields";

// Schemas for directory forms, built from the shared field rules (app/forms/fields.ts). Each message says what to
// do, at the field it belongs to.

const postcode = ukPostcode("Enter a real postcode, like LE10 1QU");
const email = emailAddress("Enter an email address in the correct format, like group@example.org");
const phone = phoneNumber("Enter a phone number, like 01455 000000");

const website = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    try {
      const url = new URL(v);
      if (url.protocol === "https:" || url.protocol === "http:") return url.toString();
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: "Enter a full web address starting with https://" });
    return z.NEVER;
  });

const providerFields = {
  name: requiredText(200, "Enter the provider's name", "Name"),
  kind: choice(providerKinds, "Select what kind of provider this is"),
  description: optionalText(2000, "Description"),
  email,
  phone,
  website,
};
export const newProviderSchema = z.object({ ...providerFields, idempotencyKey });
export const editProviderSchema = z.object({ ...providerFields, version });

const activityFields = {
  providerId: z.uuid({ error: "Select the provider that runs this activity" }),
  name: requiredText(200, "Enter the activity's name", "Name"),
  description: requiredText(4000, "Describe the activity so a prescriber can explain it", "Description"),
  categoryCode: requiredText(60, "Select a category", "Category"),
  format: choice(activityFormats, "Select how the activity runs"),
  address: optionalText(300, "Address"),
  postcode,
  districtCode: optionalText(60, "District"),
  capacity: optionalWholeNumber("Capacity", 0, 10000, { min: "Capacity cannot be below zero" }),
  cost: optionalText(200, "Cost"),
  free: z.enum(["yes", "no"], { error: "Say whether the activity is free" }),
  accessibility: choices(accessibilityFeatures, "Select accessibility features from the list"),
  minAge: optionalWholeNumber("Minimum age", 0, 120),
  maxAge: optionalWholeNumber("Maximum age", 0, 120),
  eligibility: optionalText(1000, "Who it suits"),
  transport: choices(transportOptions, "Select transport options from the list"),
  transportZones: z
    .string()
    .trim()
    .max(300, "Zones must be 300 characters or fewer")
    .optional()
    .transform((v) =>
      v
        ? [
            ...new Set(
              v
                .split(",")
                .map((z) => z.trim())
                .filter(Boolean),
            ),
          ]
        : [],
    ),
  referralMode: choice(referralModes, "Say whether the activity takes direct referrals"),
  contactName: optionalPersonName(120, "Contact name"),
  contactPhone: phone,
  contactEmail: email,
  lastCheckedOn: isoDate("Enter the date the listing was last checked, like 2026-11-25"),
  status: choice(activityStatuses, "Select whether the activity is running"),
};

/** The checks across an activity's fields: an age range the right way round, and a cost when it is not free. */
function activityChecks(v: {
  minAge?: number | null;
  maxAge?: number | null;
  free?: "yes" | "no";
  cost?: string | null;
}) {
  const errors: Record<string, string> = {};
  if (v.minAge != null && v.maxAge != null && v.minAge > v.maxAge)
    errors.maxAge = "Maximum age must be the same as or more than the minimum age";
  if (v.free === "no" && "cost" in v && !v.cost) errors.cost = "Enter what it costs";
  return errors;
}

export const newActivitySchema = withChecks(z.object({ ...activityFields, idempotencyKey }), activityChecks);
export const editActivitySchema = withChecks(z.object({ ...activityFields, version }), activityChecks);
export type ActivityInput = z.infer<typeof editActivitySchema>;

export const scheduleSchema = z.object({
  weekday: z.coerce
    .number({ error: "Select the day of the week" })
    .int()
    .min(1, "Select the day of the week")
    .max(7, "Select the day of the week"),
  startTime: z.string({ error: "Enter a start time" }).trim().min(1, "Enter a start time, like 10:30"),
  endTime: z.string({ error: "Enter an end time" }).trim().min(1, "Enter an end time, like 11:30"),
  validFrom: isoDate("Enter the date of the first session"),
  validTo: optionalIsoDate("Enter a real date for the last session, or leave it empty"),
});

/** How far ahead a one-off session may be planned. */
const ONE_OFF_MAX_DAYS_AHEAD = 2 * 366;

/**
 * A one-off session being planned, on the UK's `today` ('YYYY-MM-DD'): a real date from today to two years ahead,
 * since a session already past is not planned (its register is kept from the session list on the day).
 * Named apart from the weekly form's fields: both forms share a page, and ids follow names.
 */
export const oneOffSessionSchema = (today: string) =>
  z.object({
    sessionDate: isoDate("Enter the date of the session as a real date, like 2027-03-14")
      .refine((d) => d >= today, "The session date must be today or later: this form plans sessions")
      .refine(
        (d) => daysBetween(today, d) <= ONE_OFF_MAX_DAYS_AHEAD,
        "The session date must be within the next 2 years",
      ),
    oneOffStart: z.string({ error: "Enter a start time" }).trim().min(1, "Enter a start time, like 10:30"),
    oneOffEnd: z.string({ error: "Enter an end time" }).trim().min(1, "Enter an end time, like 11:30"),
    idempotencyKey,
  });

export const generateSessionsSchema = z.object({
  weeks: z.coerce
    .number({ error: "Enter a number of weeks" })
    .int("Enter a whole number of weeks")
    .min(1, "Generate at least 1 week")
    .max(26, "Generate at most 26 weeks at a time"),
});

const volunteerSchema = z.object({
  name: personName(120, "Enter the volunteer's name", "Name"),
  phone,
  email,
  dbsCheckedOn: optionalIsoDate("Enter the date of the DBS check, like 2025-03-01"),
  dbsRenewalDueOn: optionalIsoDate("Enter the renewal date, like 2028-03-01"),
});
export const newVolunteerSchema = volunteerSchema.extend({ idempotencyKey });
export const editVolunteerSchema = volunteerSchema.extend({
  volunteerId: z.uuid({ error: "Reload the page and try again" }),
  version,
  active: z.literal("yes").optional(),
});
