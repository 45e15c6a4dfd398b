// Password rules from NCSC guidance and OWASP ASVS 5.0 (docs/decisions/0752-password-strength.md): length over
// complexity, no composition rules, no truncation, and no password an attacker would guess early, judged by a strength
// estimator rather than a hand-kept list (no network look-up).
import { guessesLog10 } from "./password-strength";

export const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;
/**
 * At least 10^11 guesses by zxcvbn's estimate. Its score 3 (10^8) let through a service word with a year and symbols
 * ("!!connectwell2026") and its score 4 (10^10) a common password with symbols around it ("!!Password!!2026"): both
 * are what an attacker with a stolen hash list tries early. Three random words score 10^12 and more.
 */
const MIN_GUESSES_LOG10 = 11;
/**
 * Only the first characters are scored: the estimator's time grows steeply with length (5 s for 128 characters),
 * and characters after a strong start only add strength. A weak start is refused even when followed by more.
 */
const SCORED_PREFIX = 48;
/** The demo accounts' password, published in the README: never acceptable for a real account. */
const DEMO_PASSWORD = "connect-well-demo";

const TOO_GUESSABLE =
  "This password is too easy to guess. Avoid common passwords and words, names, dates and this service's own words, even with numbers or symbols added: three random words work well";

const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** The holder's details an attacker would try: the name and its parts, the email, its local part and that part's pieces. */
function personalWords(context: { email?: string; name?: string }): string[] {
  const words = new Set<string>();
  const local = context.email?.split("@")[0] ?? "";
  for (const w of [
    ...(context.name ?? "").split(/[\s.'’_-]+/),
    context.name ?? "",
    context.email ?? "",
    local,
    ...local.split(/[._+-]+/),
  ]) {
    const l = letters(w);
    if (l.length >= 2) words.add(l);
  }
  return [...words];
}

/**
 * The reason a new password is refused, as a message to show at the password field, or null when it is acceptable.
 * `context` is the account's holder (email and full name): a password containing either, or any part of them of
 * four characters or more, is refused. Rules: PASSWORD_MIN to PASSWORD_MAX characters (counted as characters, not
 * bytes), not the published demo password in any form, nothing personal, and at least 10^MIN_GUESSES_LOG10 guesses
 * by zxcvbn with the service's own words and the holder's details added to its dictionaries.
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Enter a password of at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `Enter a password of ${PASSWORD_MAX} characters or fewer`;
  const plain = letters(password);
  if (plain.includes(letters(DEMO_PASSWORD))) {
    return "This is the demo accounts' published password. Choose a different one";
  }
  const personal = personalWords(context);
  // Short parts ("Al", "Lee") are left to the estimator, which weighs them as the likeliest words of all: refusing
  // every password that merely contains them would refuse good ones.
  if (personal.some((w) => w.length >= 4 && plain.includes(w)))
    return "Do not use your name or email address in your password";
  if (guessesLog10([...password].slice(0, SCORED_PREFIX).join(""), personal) < MIN_GUESSES_LOG10) return TOO_GUESSABLE;
  return null;
}
