/** The identifying fields shown wherever a list names people (search results, possible duplicates). */
export interface PersonSummary {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  /** ISO date (yyyy-mm-dd). */
  dateOfBirth: string;
  nhsNumber: string | null;
  postcode: string | null;
}
