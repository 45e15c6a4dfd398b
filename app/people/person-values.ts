import { dateToParts } from "~/forms/date-parts";

/** A stored person as the form's string values (for the edit form's first render). */
export function personToValues(
  p: Record<string, unknown>,
  consents: Partial<Record<string, { given: boolean }>>,
): Record<string, string> {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const dob = dateToParts(p.date_of_birth as string);
  return {
    givenName: s(p.given_name),
    familyName: s(p.family_name),
    preferredName: s(p.preferred_name),
    dobDay: dob.day ?? "",
    dobMonth: dob.month ?? "",
    dobYear: dob.year ?? "",
    nhsNumber: s(p.nhs_number),
    addressLine1: s(p.address_line1),
    addressLine2: s(p.address_line2),
    town: s(p.town),
    postcode: s(p.postcode),
    districtCode: s(p.district_code),
    phone: s(p.phone),
    email: s(p.email),
    preferredContact: s(p.preferred_contact),
    communicationNeeds: s(p.communication_needs),
    accessNeeds: s(p.access_needs),
    gpPractice: s(p.gp_practice),
    sex: s(p.sex),
    ethnicity: s(p.ethnicity),
    imdDecile: s(p.imd_decile),
    imdQuintile: p.imd_decile ? "" : s(p.imd_quintile),
    consentVolunteer: consents.volunteer_contact ? (consents.volunteer_contact.given ? "yes" : "no") : "",
    consentQuote: consents.quote_in_reports ? (consents.quote_in_reports.given ? "yes" : "no") : "",
  };
}
