// Which actions depend on a recorded consent, and what to tell the user when it is missing. Pure.
// The consents themselves (kinds and labels) are the person form's: app/people/person-form.ts.
import type { ConsentKind } from "./person-form";

/** The state of one consent: its latest record, or none. */
export type ConsentState = "given" | "not_given" | "not_asked";

/** Activity categories whose direct referrals put a volunteer in touch with the person. */
const VOLUNTEER_CONTACT_CATEGORIES: readonly string[] = ["befriending"];

/** The consent a direct referral to an activity of `categoryCode` needs, or null when it needs none. */
export function consentForReferral(kind: string, categoryCode: string | null): ConsentKind | null {
  return kind === "direct" && categoryCode !== null && VOLUNTEER_CONTACT_CATEGORIES.includes(categoryCode)
    ? "volunteer_contact"
    : null;
}

const what: Record<ConsentKind, string> = {
  volunteer_contact: "consent to contact by a volunteer",
  quote_in_reports: "consent to have their words quoted in reports",
};

/**
 * The message for an action refused because its consent is not recorded as given: what is missing and what to
 * record first. `action` completes "… before they can be …" ("referred to a befriending scheme").
 */
export function consentMissingMessage(kind: ConsentKind, state: Exclude<ConsentState, "given">, action: string) {
  return state === "not_asked"
    ? `They must give their ${what[kind]} before they can be ${action}: ask them, and record their answer on their details page first`
    : `They have not given their ${what[kind]}, so they cannot be ${action}. If they now agree, record their consent on their details page first`;
}
