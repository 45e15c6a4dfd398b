// How guessable a password is, by zxcvbn (Dropbox's estimator, maintained as zxcvbn-ts) with its common-password,
// English and name dictionaries, this service's own words, and the account holder's own details.
import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/**
 * Words an attacker would try first against this service: its name, its work, its places (the districts of
 * Leicester, Leicestershire and Rutland), its roles and the demo accounts' words.
 */
const serviceWords = [
  "connect",
  "well",
  "connectwell",
  "connect-well",
  "demo",
  "social",
  "prescribing",
  "socialprescribing",
  "prescriber",
  "link",
  "worker",
  "linkworker",
  "coordinator",
  "local",
  "area",
  "referral",
  "activity",
  "lead",
  "analyst",
  "commissioner",
  "admin",
  "administrator",
  "nhs",
  "council",
  "loneliness",
  "lonely",
  "wellbeing",
  "befriending",
  "chatter",
  "chairs",
  "leicester",
  "leicestershire",
  "leics",
  "rutland",
  "blaby",
  "charnwood",
  "harborough",
  "hinckley",
  "bosworth",
  "melton",
  "oadby",
  "wigston",
  "loughborough",
  "coalville",
];

let configured = false;
function configure() {
  if (configured) return;
  zxcvbnOptions.setOptions({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, service: serviceWords },
    translations: en.translations,
  });
  configured = true;
}

/**
 * The base-10 logarithm of the number of guesses zxcvbn estimates an attacker needs, trying common passwords,
 * dictionary words, names, dates, keyboard patterns, repeats and sequences (with capitals, l33t and digits or
 * symbols around them) before brute force. `userInputs` (the holder's name, email and its parts) count as the
 * most likely words of all.
 */
export function guessesLog10(password: string, userInputs: string[] = []): number {
  configure();
  return zxcvbn(password, userInputs).guessesLog10;
}
