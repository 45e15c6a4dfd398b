import { z } from "zod";
import {
  accessibilityFeatures,
  activityFormats,
  activityStatuses,
  providerKinds,
  referralModes,
  transportOptions,
} from "./options";
import { isIsoDate } from "~/calendar";
import { daysBetween } from "~/calendar";

// Schemas for directory forms. Each message says what to do, at the field it belongs to.

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null));

const required = (max: number, message: string, label: string) =>
  z.string({ error: message }).trim().min(1, message).max(max, `${label} must be ${max} characters or fewer`);

const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** Checkbox groups post nothing, one value or many; all become a list of known codes. */
const codes = <T extends Record<string, string>>(o: T, message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(keysOf(o), { error: message })));

const optionalInt = (label: string, min: number, max: number, minMessage?: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^-?\d+$/.test(v)) {
        ctx.addIssue({ code: "custom", message: `${label} must be a whole number, like 12` });
        return z.NEVER;
      }
      const n = Number(v);
      if (n < min) ctx.addIssue({ code: "custom", message: minMessage ?? `${label} must be ${min} or more` });
      else if (n > max) ctx.addIssue({ code: "custom", message: `${label} must be ${max} or fewer` });
      return n;
    });

const UK_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;
export const postcode = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const m = UK_POSTCODE.exec(v.toUpperCase().replace(/\s+/g, " "));
    if (!m) {
      ctx.addIssue({ code: "custom", message: "Enter a real postcode, like LE10 1QU" });
      return z.NEVER;
    }
    return `${m[1]} ${m[2]}`;
  });

const email = z
  .string()
  .trim()
  .max(254, "Email address must be 254 characters or fewer")
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!z.email().safeParse(v).success) {
      ctx.addIssue({ code: "custom", message: "Enter an email address in the correct format, like group@example.org" });
      return z.NEVER;
    }
    return v;
  });

const phone = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!/^\+?[\d ()-]{10,20}$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "Enter a phone number, like 01455 000000" });
      return z.NEVER;
    }
    return v;
  });

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

export const isoDate = (message: string) => z.string({ error: message }).trim().refine(isIsoDate, message);

const optionalIsoDate = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!isIsoDate(v)) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return v;
    });

export const version = z.coerce.number({ error: "Reload the page and try again" }).int().min(0);
export const idempotencyKey = z.uuid({ error: "Reload the page and try again" });

export const providerFields = {
  name: required(200, "Enter the provider's name", "Name"),
  kind: z.enum(keysOf(providerKinds), { error: "Select what kind of provider this is" }),
  description: text(2000, "Description"),
  email,
  phone,
  website,
};
export const newProviderSchema = z.object({ ...providerFields, idempotencyKey });
export const editProviderSchema = z.object({ ...providerFields, version });

const activityFields = {
  providerId: z.uuid({ error: "Select the provider that runs this activity" }),
  name: required(200, "Enter the activity's name", "Name"),
  description: required(4000, "Describe the activity so a prescriber can explain it", "Description"),
  categoryCode: required(60, "Select a category", "Category"),
  format: z.enum(keysOf(activityFormats), { error: "Select how the activity runs" }),
  address: text(300, "Address"),
  postcode,
  districtCode: text(60, "District"),
  capacity: optionalInt("Capacity", 0, 10000, "Capacity cannot be below zero"),
  cost: text(200, "Cost"),
  free: z.enum(["yes", "no"], { error: "Say whether the activity is free" }),
  accessibility: codes(accessibilityFeatures, "Select accessibility features from the list"),
  minAge: optionalInt("Minimum age", 0, 120),
  maxAge: optionalInt("Maximum age", 0, 120),
  eligibility: text(1000, "Who it suits"),
  transport: codes(transportOptions, "Select transport options from the list"),
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
  referralMode: z.enum(keysOf(referralModes), { error: "Say whether the activity takes direct referrals" }),
  contactName: text(120, "Contact name"),
  contactPhone: phone,
  contactEmail: email,
  lastCheckedOn: isoDate("Enter the date the listing was last checked, like 2026-11-25"),
  status: z.enum(keysOf(activityStatuses), { error: "Select whether the activity is running" }),
};

type CrossFields = { minAge: number | null; maxAge: number | null; free: "yes" | "no"; cost: string | null };

function crossFieldProblems(v: CrossFields): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.minAge !== null && v.maxAge !== null && v.minAge > v.maxAge)
    errors.maxAge = "Maximum age must be the same as or more than the minimum age";
  if (v.free === "no" && !v.cost) errors.cost = "Enter what it costs";
  return errors;
}

function checkActivity(v: CrossFields, ctx: z.RefinementCtx) {
  for (const [field, message] of Object.entries(crossFieldProblems(v)))
    ctx.addIssue({ code: "custom", path: [field], message });
}

export const newActivitySchema = z.object({ ...activityFields, idempotencyKey }).superRefine(checkActivity);
export const editActivitySchema = z.object({ ...activityFields, version }).superRefine(checkActivity);
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
export const ONE_OFF_MAX_DAYS_AHEAD = 2 * 366;

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

export const volunteerSchema = z.object({
  name: required(120, "Enter the volunteer's name", "Name"),
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

/**
 * The cross-field checks, run on the raw form too: zod skips an object's refinements while any field is
 * invalid, and a user should see every problem at once, not one round trip at a time.
 */
export function activityCrossFieldErrors(form: FormData): Record<string, string> {
  const raw = (k: string) => String(form.get(k) ?? "").trim();
  const num = (k: string) => (/^\d+$/.test(raw(k)) ? Number(raw(k)) : null);
  return crossFieldProblems({
    minAge: num("minAge"),
    maxAge: num("maxAge"),
    free: raw("free") === "no" ? "no" : "yes",
    cost: raw("cost") || null,
  });
}
