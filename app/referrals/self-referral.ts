import { z } from "zod";
import { withChecks } from "~/forms/checks";
import { parseDateOfBirth, SERVICE_MIN_AGE } from "~/forms/date-parts";
import { choice, choices, dateParts, email, personName, phone, postcode } from "~/forms/fields";

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

const selfReferralFields = {
  givenName: personName(100, "Enter your first name", "First name"),
  familyName: personName(100, "Enter your last name", "Last name"),
  ...dateParts("dob"),
  phone: phone("Enter a phone number using digits, like 01664 123456"),
  email: email(),
  postcode: postcode("Enter a full UK postcode, like LE13 1RB"),
  districtCode: z
    .string()
    .optional()
    .transform((v) => (v && v !== "not_sure" ? v : null)),
  bestTime: choice(bestTimes, "Select the best time to call you"),
  topics: choices(selfReferralTopics, "Select from the list", "Select what you would like to talk about"),
  message: z
    .string()
    .trim()
    .max(
      SELF_REFERRAL_MESSAGE_MAX,
      `Your message must be ${SELF_REFERRAL_MESSAGE_MAX.toLocaleString("en-GB")} characters or fewer`,
    )
    .optional()
    .transform((v) => (v ? v : null)),
  idempotencyKey: z.uuid("The form has expired: please reload the page and try again"),
  [HONEYPOT_FIELD]: z.string().optional(),
};

/**
 * The public form's schema for the districts offered (their codes), with its cross-field checks: a real date of
 * birth, and a phone number or an email address to get back to the person by.
 */
export function selfReferralSchema(districts: readonly string[]) {
  return withChecks(z.object(selfReferralFields), (v) => {
    const errors: Record<string, string> = {};
    const dob = parseDateOfBirth({ day: v.dobDay, month: v.dobMonth, year: v.dobYear });
    if (!dob.ok)
      errors.dob =
        dob.problem === "too_young"
          ? `This service is for adults aged ${SERVICE_MIN_AGE} and over. If you are younger, your GP practice or school nurse can tell you about support for young people`
          : dob.message.replace("their", "your");
    if ("phone" in v && "email" in v && !v.phone && !v.email)
      errors.phone = "Enter a phone number or an email address so we can get back to you";
    if (v.districtCode && !districts.includes(v.districtCode)) errors.districtCode = "Select your area from the list";
    return errors;
  });
}
export type SelfReferralData = z.output<ReturnType<typeof selfReferralSchema>>;

/**
 * What a person told us at /start, in words, for the timeline and the referral they get: the topics they chose,
 * the best time to call and their own message (quoted as written). Unknown codes are left out, never shown raw.
 */
export function selfReferralSummary(r: { topics: readonly string[]; bestTime: string | null; message: string | null }) {
  const topics = r.topics
    .filter((t): t is SelfReferralTopic => t in selfReferralTopics)
    .map((t) => selfReferralTopics[t]);
  const time = r.bestTime && r.bestTime in bestTimes ? bestTimes[r.bestTime as keyof typeof bestTimes] : null;
  return [
    topics.length ? `Wants to talk about: ${topics.join("; ")}.` : null,
    time ? `Best time to call: ${time}.` : null,
    r.message ? `They wrote: “${r.message}”` : null,
  ]
    .filter(Boolean)
    .join(" ");
}

/** The needs a topic chosen at /start suggests on the referral form ("something else" suggests none). */
const needsOfTopic: Record<SelfReferralTopic, readonly string[]> = {
  lonely: ["loneliness"],
  meet_people: ["social_isolation"],
  get_active: ["physical_inactivity"],
  something_else: [],
};

/**
 * The referral form as a request through /start suggests filling it (docs/decisions/0853): the needs its topics
 * suggest, and notes for the provider that say when and how to reach the person (the best time to call and the way
 * they can be contacted: by phone when they gave a phone number, else by email). Their own message is not copied
 * into the notes, which the provider reads: the caseworker sees it beside the form and passes on what helps.
 * A suggestion only: the caseworker can change any of it before saving.
 */
export function referralFromRequest(r: {
  topics: readonly string[];
  bestTime: string | null;
  hasPhone: boolean;
  hasEmail: boolean;
}): { needs: string[]; supportNotes: string } {
  const needs = [...new Set(r.topics.flatMap((t) => (t in needsOfTopic ? needsOfTopic[t as SelfReferralTopic] : [])))];
  const time = r.bestTime && r.bestTime in bestTimes ? bestTimes[r.bestTime as keyof typeof bestTimes] : null;
  const how = r.hasPhone ? "by phone" : r.hasEmail ? "by email" : null;
  const notes = [
    how
      ? `Asked to be contacted ${how}${time && r.hasPhone ? `; best time to call: ${time.toLowerCase()}` : ""}.`
      : null,
  ];
  return { needs, supportNotes: notes.filter(Boolean).join(" ") };
}
