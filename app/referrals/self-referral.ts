import { z } from "zod";
import { parseDateOfBirth } from "~/people/dates";
import { normalisePostcode } from "~/people/person-form";

// The public "Start a conversation" form. Plain words: the person filling it in may be anxious, older, or
// using a screen reader.

export const SELF_REFERRAL_MESSAGE_MAX = 2000;
/** Requests accepted from one address in an hour, so the queue cannot be flooded. */
export const SELF_REFERRAL_HOURLY_LIMIT = 5;

export const selfReferralTopics = {
  lonely: "I feel lonely",
  meet_people: "I would like to meet people",
  get_active: "I would like to be more active",
  something_else: "Something else",
} as const;
export type SelfReferralTopic = keyof typeof selfReferralTopics;

export const bestTimes = {
  morning: "Morning",
  afternoon: "Afternoon",
  evening: "Early evening",
  any: "Any time",
} as const;

/** The hidden field only automated form-fillers complete. */
export const HONEYPOT_FIELD = "website";

export const selfReferralSchema = z.object({
  givenName: z
    .string({ error: "Enter your first name" })
    .trim()
    .min(1, "Enter your first name")
    .max(100, "First name must be 100 characters or fewer"),
  familyName: z
    .string({ error: "Enter your last name" })
    .trim()
    .min(1, "Enter your last name")
    .max(100, "Last name must be 100 characters or fewer"),
  dobDay: z.string().optional(),
  dobMonth: z.string().optional(),
  dobYear: z.string().optional(),
  phone: z
    .string()
    .trim()
    .max(30, "Phone number must be 30 characters or fewer")
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) => v === undefined || /^[0-9+() -]{6,30}$/.test(v),
      "Enter a phone number using digits, like 01664 123456",
    ),
  email: z
    .string()
    .trim()
    .max(200, "Email address must be 200 characters or fewer")
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) => v === undefined || z.email().safeParse(v).success,
      "Enter an email address in the correct format, like name@example.com",
    ),
  postcode: z
    .string()
    .optional()
    .transform((v) => (v ? normalisePostcode(v) : undefined))
    .refine(
      (v) => v === undefined || /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/.test(v),
      "Enter a full UK postcode, like LE13 1RB",
    ),
  districtCode: z
    .string()
    .optional()
    .transform((v) => (v && v !== "not_sure" ? v : undefined)),
  bestTime: z.enum(Object.keys(bestTimes) as [keyof typeof bestTimes, ...(keyof typeof bestTimes)[]], {
    error: "Select the best time to call you",
  }),
  topics: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(
          z.enum(Object.keys(selfReferralTopics) as [SelfReferralTopic, ...SelfReferralTopic[]], {
            error: "Select from the list",
          }),
        )
        .min(1, "Select what you would like to talk about"),
    ),
  message: z
    .string()
    .trim()
    .max(
      SELF_REFERRAL_MESSAGE_MAX,
      `Your message must be ${SELF_REFERRAL_MESSAGE_MAX.toLocaleString("en-GB")} characters or fewer`,
    )
    .optional()
    .transform((v) => (v ? v : undefined)),
  idempotencyKey: z.string().uuid("The form has expired: please reload the page and try again"),
  [HONEYPOT_FIELD]: z.string().optional(),
});
export type SelfReferralData = z.infer<typeof selfReferralSchema>;

export function checkSelfReferral(
  data: SelfReferralData,
  districts: string[],
): { errors: Record<string, string>; dateOfBirth?: string } {
  const errors: Record<string, string> = {};
  const dob = parseDateOfBirth({ day: data.dobDay, month: data.dobMonth, year: data.dobYear });
  if (!dob.ok) errors.dob = dob.message.replace("their", "your");
  if (!data.phone && !data.email) errors.phone = "Enter a phone number or an email address so we can get back to you";
  if (data.districtCode && !districts.includes(data.districtCode))
    errors.districtCode = "Select your area from the list";
  return { errors, dateOfBirth: dob.ok ? dob.date : undefined };
}

const fieldOrder = [
  "givenName",
  "familyName",
  "dob",
  "phone",
  "email",
  "postcode",
  "districtCode",
  "bestTime",
  "topics",
  "message",
  "idempotencyKey",
  "form",
];

/**
 * When the form fails its basic checks, the date of birth and "phone or email" are checked too, so every problem is
 * listed at once (in the order of the fields) rather than one round at a time.
 */
export function allSelfReferralErrors(
  errors: Record<string, string>,
  raw: Record<string, string>,
): Record<string, string> {
  const dob = parseDateOfBirth({ day: raw.dobDay, month: raw.dobMonth, year: raw.dobYear });
  const all: Record<string, string> = { ...errors };
  if (!dob.ok) all.dob ??= dob.message.replace("their", "your");
  if (!raw.phone?.trim() && !raw.email?.trim())
    all.phone ??= "Enter a phone number or an email address so we can get back to you";
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => rank(a) - rank(b)));
}

const rank = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length);
