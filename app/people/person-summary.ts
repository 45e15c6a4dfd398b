/**
 * What a list shows of someone outside the reader's care teams: the minimum to recognise them (name, year of birth,
 * district), never their NHS number, full date of birth, address, notes or scores (docs/decisions/0803).
 */
export interface MinimalPersonSummary {
  id: string;
  givenName: string;
  familyName: string;
  yearOfBirth: number;
  district: string | null;
}

/** A person in a list, as much as the reader may see: the summary on their care team, the minimum outside it. */
export type ListedPersonView =
  | (PersonSummary & { onCareTeam: true; district: string | null })
  | (MinimalPersonSummary & { onCareTeam: false });

/** The view of `p` for a reader on (`onCareTeam`) or outside the person's care team. */
export function listedPersonView(
  p: PersonSummary & { district: string | null },
  onCareTeam: boolean,
): ListedPersonView {
  if (onCareTeam) return { ...p, onCareTeam: true };
  return {
    id: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    yearOfBirth: Number(p.dateOfBirth.slice(0, 4)),
    district: p.district,
    onCareTeam: false,
  };
}

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

/**
 * The columns `personSummaryOf` reads, for a select from `person` left-joined to `district`: the search, the
 * duplicate check and the merge page select these (and the merge page a few more).
 */
export const personSummaryColumns = [
  "person.id",
  "given_name",
  "family_name",
  "preferred_name",
  "date_of_birth",
  "nhs_number",
  "postcode",
  "district.name as district",
] as const;

/** A person's stored columns (`personSummaryColumns`) as a `PersonSummary` with district. */
export function personSummaryOf(row: {
  id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  nhs_number: string | null;
  postcode: string | null;
  district: string | null;
}): PersonSummary & { district: string | null } {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    nhsNumber: row.nhs_number,
    postcode: row.postcode,
    district: row.district,
  };
}
