// NHS number checks (pure). The tenth digit is a Modulus 11 check digit over the first nine, weighted 10 down to 2.

/** Strips the spaces and dashes people type ("943 476 5919", "943-476-5919"). */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/** The check digit for nine digits, or null when the remainder gives 10 (such numbers are never issued). */
export function nhsCheckDigit(nineDigits: string): number | null {
  if (!/^[0-9]{9}$/.test(nineDigits)) return null;
  let total = 0;
  for (let i = 0; i < 9; i++) total += Number(nineDigits[i]) * (10 - i);
  const check = 11 - (total % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export type NhsNumberProblem = "format" | "checksum";

/** Why a (normalised) NHS number is wrong, or null when it passes. */
export function nhsNumberProblem(value: string): NhsNumberProblem | null {
  if (!/^[0-9]{10}$/.test(value)) return "format";
  const check = nhsCheckDigit(value.slice(0, 9));
  return check !== null && check === Number(value[9]) ? null : "checksum";
}

export function isValidNhsNumber(value: string): boolean {
  return nhsNumberProblem(normaliseNhsNumber(value)) === null;
}

/** Shown the way the NHS writes it: 3 3 4 digits. */
export function formatNhsNumber(value: string): string {
  return value.length === 10 ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}` : value;
}
