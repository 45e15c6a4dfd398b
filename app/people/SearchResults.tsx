import { Link } from "@remix-run/react";
import { formatIsoDate } from "~/ui/format";
import { formatNhsNumber } from "./nhs-number";

export interface SearchRowView {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  nhsNumber: string | null;
  postcode: string | null;
  district: string | null;
}

export function SearchResults({ rows, hrefFor }: { rows: SearchRowView[]; hrefFor: (id: string) => string }) {
  if (rows.length === 0) return <p>No one matches. Check the spelling or the NHS number, or record a new person.</p>;
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">{rows.length === 1 ? "1 person found" : `${rows.length} people found`}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Name</th>
          <th scope="col" className="nhsuk-table__header">Date of birth</th>
          <th scope="col" className="nhsuk-table__header">NHS number</th>
          <th scope="col" className="nhsuk-table__header">Postcode</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((r) => (
          <tr key={r.id} className="nhsuk-table__row">
            <td className="nhsuk-table__cell"><Link to={hrefFor(r.id)}>{r.givenName} {r.familyName}</Link>{r.preferredName ? ` (${r.preferredName})` : ""}</td>
            <td className="nhsuk-table__cell">{formatIsoDate(r.dateOfBirth)}</td>
            <td className="nhsuk-table__cell">{r.nhsNumber ? formatNhsNumber(r.nhsNumber) : "Not recorded"}</td>
            <td className="nhsuk-table__cell">{r.postcode ?? "Not recorded"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
