// NHS number checks (pure). The tenth digit is a Modulus 11 check digit over the first nine, weighted 10 down to 2.

/** Strips the spaces and dashes people type ("943 476 5919", "943-476-5919"). */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/** The check digit for nine digits, or null when the remainder gives 10 (such numbers are never issued). */
function nhsCheckDigit(nineDigits: string): number | null {
  if (!/^[0-9]{9}$/.test(nineDigits)) return null;
  let total = 0;
  for (let i = 0; i < 9; i++) total += Number(nineDigits[i]) * (10 - i);
  const check = 11 - (total % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/**
 * Why a 10-digit number cannot be someone's NHS number:
 * - `format`: not 10 digits;
 * - `checksum`: its Modulus 11 check digit is wrong (a mistyped digit);
 * - `placeholder`: a filler typed when the number is not known — one digit repeated (000 000 0000, 999 999 9999)
 *   or a run of consecutive digits (012 345 6789, 987 654 3210) — never issued, whatever the check digit says;
 * - `test`: in the range 999 000 0000 to 999 999 9999, reserved for testing and never issued to a patient.
 * Issuing ranges are not checked: they are allocated and reallocated between the UK's registries, and refusing a
 * genuine number would stop a person's record being made, where a blank field only delays the link.
 * The rule and its sources are in docs/decisions/0771-nhs-numbers-never-issued.md.
 */
export type NhsNumberProblem = "format" | "checksum" | "placeholder" | "test";

export interface NhsNumberPolicy {
  /** Accept the 999 test range: demo and test data only, never where real people are recorded. */
  testNumbers?: boolean;
}

const ASCENDING = "01234567890123456789";
const DESCENDING = "98765432109876543210";

/** One digit ten times, or ten consecutive digits up or down (wrapping 9 → 0). */
function isPlaceholderNhsNumber(value: string): boolean {
  return /^(\d)\1{9}$/.test(value) || ASCENDING.includes(value) || DESCENDING.includes(value);
}

/** Why a (normalised) NHS number is wrong, or null when it could have been issued (see `NhsNumberProblem`). */
export function nhsNumberProblem(value: string, policy: NhsNumberPolicy = {}): NhsNumberProblem | null {
  if (!/^[0-9]{10}$/.test(value)) return "format";
  const check = nhsCheckDigit(value.slice(0, 9));
  if (check === null || check !== Number(value[9])) return "checksum";
  if (isPlaceholderNhsNumber(value)) return "placeholder";
  if (value.startsWith("999") && !policy.testNumbers) return "test";
  return null;
}

/** Shown the way the NHS writes it: 3 3 4 digits. */
export function formatNhsNumber(value: string): string {
  return value.length === 10 ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}` : value;
}
