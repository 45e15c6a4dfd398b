// The retention schedule's pure rules: the period, the cut-off date, and the date of birth an anonymised record
// keeps (docs/decisions/0811-retention-schedule.md). No database.

import { ageOn, isIsoDate } from "~/calendar";

/**
 * Years a record is kept after the last contact with the person, unless set otherwise. The Records Management Code
 * of Practice 2023 (NHS England) gives 8 years after the conclusion of treatment for adult care records not held
 * by a GP, which is what a social prescribing record is; docs/decisions/0811-retention-schedule.md.
 */
export const DEFAULT_RETENTION_YEARS = 8;

/** The audit pseudonym key's shortest length, in characters (a random secret, e.g. 32 bytes base64-encoded). */
export const MIN_HMAC_KEY_LENGTH = 32;

/** The shortest and longest retention periods the command accepts, in whole years. */
export const RETENTION_YEARS_RANGE = { min: 1, max: 100 } as const;

/**
 * The last day of contact that is still kept: a person whose last contact was before the returned date
 * ('YYYY-MM-DD', exclusive) is due for erasure. `today` is the UK date; `years` whole years are counted back
 * (29 February counts back to 28 February).
 */
export function retentionCutoff(today: string, years: number): string {
  if (!isIsoDate(today)) throw new Error(`retentionCutoff: not a date: ${today}`);
  if (!Number.isInteger(years) || years < RETENTION_YEARS_RANGE.min || years > RETENTION_YEARS_RANGE.max)
    throw new Error(`retentionCutoff: years must be a whole number from 1 to 100, not ${years}`);
  const [y, m, d] = today.split("-").map(Number);
  const year = y - years;
  const day = m === 2 && d === 29 && !isLeap(year) ? 28 : d;
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function isLeap(year: number) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Ages at which the outcome figures' age bands start (app/outcomes/model.ts `ageBands`: under 50, 50, 65, 75). */
const AGE_BAND_STARTS = [50, 65, 75] as const;

function band(age: number): number {
  return AGE_BAND_STARTS.filter((start) => age >= start).length;
}

/**
 * The date of birth an anonymised record keeps: the coarsest of 1 July of the birth year, the first of the birth
 * month, or the date itself that puts the person in the same age band on every date in `countedOn` (the dates
 * their referrals were received, which the outcome figures count ages at), so published figures do not move.
 * All dates 'YYYY-MM-DD'.
 */
export function coarseDateOfBirth(dob: string, countedOn: readonly string[]): string {
  const [y, m] = dob.split("-");
  const candidates = [`${y}-07-01`, `${y}-${m}-01`];
  for (const c of candidates) {
    if (countedOn.every((d) => band(ageOn(c, d)) === band(ageOn(dob, d)))) return c;
  }
  return dob;
}
