import { Link } from "@remix-run/react";
import { formatIsoDate } from "~/ui/format";
import { formatNhsNumber } from "./nhs-number";

export interface MatchView {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  nhsNumber: string | null;
  postcode: string | null;
  reason: "nhs_number" | "name_and_dob";
}

/** Records that may be the same person, each with a way to use it instead of making a duplicate. */
export function PossibleMatches({ matches, useHref, useLabel }: { matches: MatchView[]; useHref: (id: string) => string; useLabel: string }) {
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Possible matches</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Name</th>
          <th scope="col" className="nhsuk-table__header">Date of birth</th>
          <th scope="col" className="nhsuk-table__header">NHS number</th>
          <th scope="col" className="nhsuk-table__header">Postcode</th>
          <th scope="col" className="nhsuk-table__header">Why it matched</th>
          <th scope="col" className="nhsuk-table__header"><span className="nhsuk-u-visually-hidden">Action</span></th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {matches.map((m) => (
          <tr key={m.id} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">{m.givenName} {m.familyName}{m.preferredName ? ` (${m.preferredName})` : ""}</td>
            <td className="nhsuk-table__cell">{formatIsoDate(m.dateOfBirth)}</td>
            <td className="nhsuk-table__cell">{m.nhsNumber ? formatNhsNumber(m.nhsNumber) : "Not recorded"}</td>
            <td className="nhsuk-table__cell">{m.postcode ?? "Not recorded"}</td>
            <td className="nhsuk-table__cell">{m.reason === "nhs_number" ? "Same NHS number" : "Similar name, same date of birth"}</td>
            <td className="nhsuk-table__cell">
              <Link to={useHref(m.id)}>{useLabel}<span className="nhsuk-u-visually-hidden">: {m.givenName} {m.familyName}</span></Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
