// One copy of each field rule. Every form builds its schema from these, so a postcode, a phone number, an NHS
// number, an email address or a date is accepted, normalised and explained the same way wherever it is typed.
// Optional fields turn blank input into null ("not recorded"), the value their columns hold.
// Messages say what to do, with an example; a form may word its own (the public form speaks to "you").

import { z } from "zod";
import { isIsoDate } from "~/calendar";
import { type NhsNumberPolicy, type NhsNumberProblem, nhsNumberProblem, normaliseNhsNumber } from "./nhs-number";

const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : v.trim());

/** Optional free text: trimmed, at most `max` characters, blank → null. */
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null));

/** Required free text: trimmed, not blank (`message`), at most `max` characters. */
export const requiredText = (max: number, message: string, label: string) =>
  z.string({ error: message }).trim().min(1, message).max(max, `${label} must be ${max} characters or fewer`);

/**
 * A person's name (a person's given, family or preferred name, a user's or a volunteer's name): trimmed and stored in
 * Unicode normalisation form C, so "Müller" typed as "u" + a combining diaeresis (U+0308) is stored as the same
 * characters as "Müller" typed with "ü" (docs/decisions/0841-names-stored-nfc.md). Not blank (`message`), at most
 * `max` characters once composed. Names are compared by their key (app/people/name-key.ts), never as stored.
 */
export const personName = (max: number, message: string, label: string) =>
  z
    .string({ error: message })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(z.string().min(1, message).max(max, `${label} must be ${max} characters or fewer`));

/** An optional person's name, as `personName`; blank → null. */
export const optionalPersonName = (max: number, label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").normalize("NFC").trim())
    .pipe(z.string().max(max, `${label} must be ${max} characters or fewer`))
    .transform((v) => (v ? v : null));

/** A field whose rule is `rule` once it is not blank; blank → null. */
function optional<T>(rule: (value: string, ctx: z.RefinementCtx) => T | typeof z.NEVER) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = blankToNull(v);
      return value === null ? null : rule(value, ctx);
    });
}

const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/** Upper case with one space before the inward code ("le101aa" → "LE10 1AA"). */
function normalisePostcode(value: string): string {
  const compact = value.replace(/\s+/g, "").toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** A full UK postcode, normalised to "LE10 1AA"; blank → null. */
export const postcode = (message = "Enter a full UK postcode, like LE10 1QU") =>
  optional((v, ctx) => {
    const normal = normalisePostcode(v);
    if (UK_POSTCODE.test(normal)) return normal;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });

/**
 * A UK or international phone number as typed (digits, spaces, brackets, dashes, a leading +), holding 10 to 15
 * digits: every UK number has 10 or 11 with its leading 0, and international ones at most 15 (ITU-T E.164).
 */
export const phone = (message = "Enter a phone number using digits, like 01455 123456") =>
  optional((v, ctx) => {
    const digits = v.replace(/\D/g, "").length;
    if (/^\+?[0-9 ()-]+$/.test(v) && v.length <= 30 && digits >= 10 && digits <= 15) return v;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });

const EMAIL_MAX = 254;

function checkEmail(v: string, message: string, ctx: z.RefinementCtx) {
  if (v.length > EMAIL_MAX) {
    ctx.addIssue({ code: "custom", message: `Email address must be ${EMAIL_MAX} characters or fewer` });
    return z.NEVER;
  }
  if (z.email().safeParse(v).success) return v;
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

/** An email address, at most 254 characters (RFC 5321's limit on a path); blank → null. */
export const email = (message = "Enter an email address in the correct format, like name@example.com") =>
  optional((v, ctx) => checkEmail(v, message, ctx));

/** A required email address: blank is refused with `missing`, anything else checked as `email` does. */
export const requiredEmail = (
  missing: string,
  message = "Enter an email address in the correct format, like name@example.com",
) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .transform((v, ctx) => checkEmail(v, message, ctx));

const NOT_KNOWN = "If you do not know their NHS number, leave this blank";

/** What to tell the user about each NHS number problem: what is wrong, and what to do instead. */
const nhsNumberMessages: Record<NhsNumberProblem, string> = {
  format: "NHS number must be 10 digits, like 943 476 5919",
  checksum: "This is not a valid NHS number: check each digit against their NHS letter or GP record",
  placeholder: `This is a placeholder, not a real NHS number. ${NOT_KNOWN}`,
  test: `This is a test NHS number, never issued to a patient. ${NOT_KNOWN}`,
};

/**
 * An NHS number: 10 digits, spaces and dashes ignored, whose Modulus 11 check digit is right and which could have
 * been issued (no placeholder such as 999 999 9999, no test number unless `policy.testNumbers`:
 * app/forms/nhs-number.ts); blank → null, since a blank is better than a wrong number.
 */
export const nhsNumber = (policy: NhsNumberPolicy = {}) =>
  optional((v, ctx) => {
    const normal = normaliseNhsNumber(v);
    const problem = nhsNumberProblem(normal, policy);
    if (problem === null) return normal;
    ctx.addIssue({ code: "custom", message: nhsNumberMessages[problem] });
    return z.NEVER;
  });

/** A required calendar date written 'YYYY-MM-DD'. */
export const isoDate = (message: string) => z.string({ error: message }).trim().refine(isIsoDate, message);

/** An optional calendar date written 'YYYY-MM-DD'; blank → null. */
export const optionalIsoDate = (message: string) =>
  optional((v, ctx) => {
    if (isIsoDate(v)) return v;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });

/**
 * The three boxes of a date typed the NHS.UK way (day, month, year), kept as text: the form's cross-field check
 * reads them with `parseDateParts` or `parseDateOfBirth` (app/forms/date-parts.ts) and reports at the group's name.
 */
export const dateParts = <P extends string>(prefix: P) =>
  ({
    [`${prefix}Day`]: z.string().optional(),
    [`${prefix}Month`]: z.string().optional(),
    [`${prefix}Year`]: z.string().optional(),
  }) as Record<`${P}Day` | `${P}Month` | `${P}Year`, z.ZodOptional<z.ZodString>>;

/** A whole number from `min` to `max`, or blank → null. `messages` words each refusal its own way. */
export const optionalWholeNumber = (
  label: string,
  min: number,
  max: number,
  messages: { whole?: string; min?: string; max?: string } = {},
) =>
  optional((v, ctx) => {
    const n = /^-?\d+$/.test(v) ? Number(v) : null;
    const message =
      n === null
        ? (messages.whole ?? `${label} must be a whole number, like 12`)
        : n < min
          ? (messages.min ?? `${label} must be ${min} or more`)
          : n > max
            ? (messages.max ?? `${label} must be ${max} or fewer`)
            : null;
    if (message === null) return n as number;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });

const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** One of the keys of `options` (a code → label map). */
export const choice = <T extends Record<string, string>>(options: T, message: string) =>
  z.enum(keysOf(options), { error: message });

/** One of the keys of `options`, or blank → null. */
export const optionalChoice = <T extends Record<string, string>>(options: T, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => blankToNull(v))
    .pipe(z.enum(keysOf(options), { error: message }).nullable());

/** A checkbox group: posts nothing, one value or many; all become a list of known codes. With `required`, at least
 * one must be ticked. */
export const choices = <T extends Record<string, string>>(options: T, message: string, required?: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(keysOf(options), { error: message })).min(required ? 1 : 0, required));

/** A yes/no radio pair. */
export const yesNo = (message = "Select yes or no") => z.enum(["yes", "no"], { error: message });

/** The record version the form was loaded with, for a save that must not overwrite someone else's. */
export const version = z.coerce.number({ error: "Reload the page and try again" }).int().min(0);

/** The key a form carries so a repeated post (a double click, a retry) is applied once. */
export const idempotencyKey = z.uuid({ error: "Reload the page and try again" });
