// Password rules from NCSC/ASVS: length over complexity, no composition rules, no truncation, and a
// local deny list of common and breached-looking passwords (no network look-up).
import { commonPasswords } from "./common-passwords";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Enter a password of at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `Enter a password of ${PASSWORD_MAX} characters or fewer`;
  const normalised = password.toLowerCase().replace(/\s+/g, "");
  if (commonPasswords.has(normalised) || isTrivialPattern(normalised)) {
    return "This password is too common. Choose a less predictable one, such as three random words";
  }
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && normalised.includes(local)) return "Do not use your email address in your password";
  return null;
}

function isTrivialPattern(p: string): boolean {
  if (new Set(p).size <= 3) return true; // aaaaaaaaaaaa, abababababab
  const sequences = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm"];
  return sequences.some((s) => (s + s).includes(p));
}
