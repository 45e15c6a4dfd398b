import { Link } from "@remix-run/react";
import { formatIsoDate } from "~/ui/format";
import { TableHead } from "~/ui/Table";
import { formatNhsNumber } from "~/forms/nhs-number";
import { breakGlassPath } from "./care-team";
import type { ListedPersonView } from "./person-summary";

export type SearchRowView = ListedPersonView;

/** What a search found: `rows` is null before a search and after a refused one, when nothing is shown. */
interface Found {
  rows: SearchRowView[] | null;
  /** More people match than are shown. */
  more?: boolean;
  /** Nobody matched exactly; these are similar names. */
  similar?: boolean;
}

interface Props {
  found: Found | null | undefined;
  /** Where a result on the searcher's care team leads; anyone else leads to the break-glass page. */
  hrefFor: (id: string) => string;
}

function caption({ rows, more, similar }: { rows: SearchRowView[]; more: boolean; similar: boolean }) {
  if (similar) return rows.length === 1 ? "1 person with a similar name" : `${rows.length} people with similar names`;
  if (more) return `The first ${rows.length} people found`;
  return rows.length === 1 ? "1 person found" : `${rows.length} people found`;
}

export function SearchResults({ found, hrefFor }: Props) {
  if (!found?.rows) return null;
  const { rows, more = false, similar = false } = found;
  if (rows.length === 0) return <p>No one matches. Check the spelling or the NHS number, or record a new person.</p>;
  return (
    <>
      {similar ? <p>No one has that name. These people have similar names: check the spelling.</p> : null}
      {more ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            More than {rows.length} people match. Add more of their name (first name and surname), or search by NHS
            number.
          </p>
        </div>
      ) : null}
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">{caption({ rows, more, similar })}</caption>
        <TableHead headings={["Name", "Date of birth", "NHS number", "Postcode", "District"]} />
        <tbody className="nhsuk-table__body">
          {rows.map((r) =>
            r.onCareTeam ? (
              <tr key={r.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  <Link to={hrefFor(r.id)}>
                    {r.givenName} {r.familyName}
                  </Link>
                  {r.preferredName ? ` (${r.preferredName})` : ""}
                </td>
                <td className="nhsuk-table__cell">{formatIsoDate(r.dateOfBirth)}</td>
                <td className="nhsuk-table__cell">{r.nhsNumber ? formatNhsNumber(r.nhsNumber) : "Not recorded"}</td>
                <td className="nhsuk-table__cell">{r.postcode ?? "Not recorded"}</td>
                <td className="nhsuk-table__cell">{r.district ?? "Not recorded"}</td>
              </tr>
            ) : (
              <tr key={r.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  <Link to={breakGlassPath(r.id)}>
                    {r.givenName} {r.familyName}
                    <span className="nhsuk-u-visually-hidden">: ask for access</span>
                  </Link>
                </td>
                <td className="nhsuk-table__cell">Born {r.yearOfBirth}</td>
                <td className="nhsuk-table__cell app-muted" colSpan={2}>
                  Not on your care team: ask for access to see more
                </td>
                <td className="nhsuk-table__cell">{r.district ?? "Not recorded"}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </>
  );
}
