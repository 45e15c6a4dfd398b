// The measures panel of the person page: what is due, the latest score of each instrument with its change
// since baseline, and links to the full history and to record a new measure.

import { Link } from "@remix-run/react";
import { shortName } from "../catalogue";
import type { MeasuresSummaryData } from "../person-measures.server";
import { getInstrument } from "../scoring";
import { formatChange } from "../timeline";
import { timePointLabel } from "../time-points";
import { formatIsoDate } from "~/ui/format";
import { TableHead } from "~/ui/Table";
import { DueList } from "./DueList";
import { HeadlineScores } from "./HeadlineScores";

export function MeasuresSummary({ summary, canRecord = true }: { summary: MeasuresSummaryData; canRecord?: boolean }) {
  const base = `/people/${summary.personId}/measures`;
  return (
    <section aria-labelledby="measures-summary-heading">
      <h2 id="measures-summary-heading">Measures</h2>
      <DueList items={summary.due} />
      {summary.latest.length === 0 ? (
        <p>No measures recorded yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Latest score of each measure</caption>
          <TableHead headings={["Measure", "Latest", "Change since baseline"]} />
          <tbody className="nhsuk-table__body">
            {summary.latest.map(({ record, change, noChange }) => {
              const instrument = getInstrument(record.instrumentCode);
              const headline = instrument.scoreScales.filter((s) => s.kind === "headline");
              return (
                <tr className="nhsuk-table__row" key={record.id}>
                  <td className="nhsuk-table__cell">
                    {shortName(record.instrumentCode)}
                    <span className="nhsuk-u-display-block nhsuk-u-font-size-16">
                      {timePointLabel(record)}, {formatIsoDate(record.administeredOn)}
                    </span>
                  </td>
                  <td className="nhsuk-table__cell">
                    <HeadlineScores record={record} />
                  </td>
                  <td className="nhsuk-table__cell">
                    {change
                      ? headline.map((s) => {
                          const c = change.changes[s.key];
                          if (!c) return null;
                          return (
                            <span className="nhsuk-u-display-block" key={s.key}>
                              {headline.length > 1 ? `${s.label}: ` : ""}
                              {formatChange(s, c.change)} ({c.outcome})
                              {c.meaningful
                                ? c.improvement
                                  ? ", meaningful improvement"
                                  : ", meaningful worsening"
                                : ""}
                            </span>
                          );
                        })
                      : noChange}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p>
        <Link to={base}>See all measures and charts</Link>
        {canRecord ? (
          <>
            {" · "}
            <Link to={`${base}/new`}>Record a measure</Link>
          </>
        ) : null}
      </p>
    </section>
  );
}
