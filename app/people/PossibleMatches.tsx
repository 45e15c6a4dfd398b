import { Link } from "@remix-run/react";
import { formatIsoDate } from "~/ui/format";
import { formatNhsNumber } from "~/forms/nhs-number";
import { breakGlassPath } from "./care-team";
import type { ListedPersonView } from "./person-summary";

export type MatchView = ListedPersonView & { reason: "nhs_number" | "name_and_dob" };

/**
 * Records that may be the same person, each with a way to use it instead of making a duplicate. Someone outside the
 * user's care teams is shown with the minimum to recognise them, and leads to the break-glass page. A list rather than a
 * table: it sits inside a warning callout in a narrow column, and reads the same on a phone.
 */
export function PossibleMatches({
  matches,
  hrefFor,
  actionLabel,
}: {
  matches: MatchView[];
  hrefFor: (id: string) => string;
  actionLabel: string;
}) {
  return (
    <ul className="nhsuk-list nhsuk-list--border">
      {matches.map((m) => (
        <li key={m.id}>
          <p className="nhsuk-u-margin-bottom-1">
            <strong>
              {m.givenName} {m.familyName}
            </strong>
            {m.onCareTeam && m.preferredName ? ` (known as ${m.preferredName})` : ""}
          </p>
          {m.onCareTeam ? (
            <p className="nhsuk-u-margin-bottom-1">
              Born {formatIsoDate(m.dateOfBirth)}; NHS number{" "}
              {m.nhsNumber ? formatNhsNumber(m.nhsNumber) : "not recorded"}; postcode {m.postcode ?? "not recorded"}
            </p>
          ) : (
            <p className="nhsuk-u-margin-bottom-1">
              Born {m.yearOfBirth}; {m.district ?? "district not recorded"}. Not on your care team.
            </p>
          )}
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            {m.reason === "nhs_number"
              ? "Matched on the same NHS number"
              : "Matched on a similar name and the same date of birth"}
          </p>
          <p className="nhsuk-u-margin-bottom-2">
            <Link to={m.onCareTeam ? hrefFor(m.id) : breakGlassPath(m.id)}>
              {m.onCareTeam ? actionLabel : "Ask for access to this record"}
              <span className="nhsuk-u-visually-hidden">
                : {m.givenName} {m.familyName}
              </span>
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
