// Dates typed as three boxes (day, month, year), the NHS.UK pattern. Pure: checked without a time zone.
import { ageOn, londonToday } from "~/calendar";

export type DateProblem = "missing" | "incomplete" | "impossible" | "future" | "too_old" | "too_young";

export interface DateParts {
  day?: string;
  month?: string;
  year?: string;
}

/** 'YYYY-MM-DD' for three typed parts, or why they are not a real date. */
export function parseDateParts(parts: DateParts): { ok: true; date: string } | { ok: false; problem: DateProblem } {
  const [d, m, y] = [parts.day, parts.month, parts.year].map((v) => (v ?? "").trim());
  if (!d && !m && !y) return { ok: false, problem: "missing" };
  if (!d || !m || !y) return { ok: false, problem: "incomplete" };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { ok: false, problem: "impossible" };
  const [day, month, year] = [Number(d), Number(m), Number(y)];
  // Year 0000 or 0001 is a slip, never a date this service records (and year 0 is no date at all).
  if (year < 1000) return { ok: false, problem: "impossible" };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, problem: "impossible" };
  return { ok: true, date: `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

function daysInMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const EARLIEST_BIRTH_YEAR = 1900;

/**
 * The service is for adults: social prescribing in Leicester, Leicestershire and Rutland takes people aged 18 and
 * over; children and young people are supported by their own services (docs/decisions/0774-dates-and-ages.md).
 */
export const SERVICE_MIN_AGE = 18;

/**
 * A date of birth: a real date, not in the future, not before 1900, and at least `SERVICE_MIN_AGE` years ago
 * (`too_young`). `today` is the UK's, 'YYYY-MM-DD'.
 */
export function parseDateOfBirth(
  parts: DateParts,
  today = londonToday(),
): { ok: true; date: string } | { ok: false; problem: DateProblem; message: string } {
  const parsed = parseDateParts(parts);
  if (!parsed.ok) return { ...parsed, message: dobMessages[parsed.problem] };
  if (parsed.date > today) return { ok: false, problem: "future", message: dobMessages.future };
  if (Number(parsed.date.slice(0, 4)) < EARLIEST_BIRTH_YEAR)
    return { ok: false, problem: "too_old", message: dobMessages.too_old };
  if (ageOn(parsed.date, today) < SERVICE_MIN_AGE)
    return { ok: false, problem: "too_young", message: dobMessages.too_young };
  return parsed;
}

const dobMessages: Record<DateProblem, string> = {
  missing: "Enter their date of birth",
  incomplete: "Date of birth must include a day, month and year",
  impossible: "Date of birth must be a real date, for example 27 3 1947",
  future: "Date of birth must be in the past",
  too_old: `Date of birth must be after 1 January ${EARLIEST_BIRTH_YEAR}`,
  too_young: `This service is for adults: they must be ${SERVICE_MIN_AGE} or over. Check the date of birth, or refer them to a children and young people's service`,
};

/** Splits 'YYYY-MM-DD' back into the three boxes. */
export function dateToParts(date: string | null | undefined): DateParts {
  if (!date) return {};
  const [year, month, day] = date.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * The date of birth of a form whose schema has already checked it (`parseDateOfBirth` at the "dob" group), as
 * 'YYYY-MM-DD'. Throws if it was not checked: a programming error, never the user's.
 */
export function checkedDateOfBirth(fields: { dobDay?: string; dobMonth?: string; dobYear?: string }): string {
  const dob = parseDateParts({ day: fields.dobDay, month: fields.dobMonth, year: fields.dobYear });
  if (!dob.ok) throw new Error("checkedDateOfBirth needs a form whose schema checked the date of birth");
  return dob.date;
}
