import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorOf } from "~/auth/guards.server";
import { requirePersonAccess } from "~/care-team/access.server";
import { shortName } from "~/measures/catalogue";
import { type DueItem } from "~/measures/due";
import { notFound } from "~/errors";
import { idParam } from "~/params";
import { getPersonMeasures } from "~/measures/person-measures.server";
import { formatChange, noChangeText, seriesByInstrument } from "~/measures/timeline";
import { getInstrument } from "~/measures/scoring";
import { timePointLabel } from "~/measures/time-points";
import { DueList } from "~/measures/ui/DueList";
import { HeadlineScores } from "~/measures/ui/HeadlineScores";
import { MeasureChart } from "~/measures/ui/MeasureChart";
import { formatDateTime, formatIsoDate } from "~/ui/format";
import { TableHead } from "~/ui/Table";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Measures – Connect Well" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "people:read");
  const personId = idParam(params.personId, "Person");
  const result = await getPersonMeasures(context.db, actorOf(guard), personId);
  if (!result) notFound("Person");
  return result;
}

export default function PersonMeasures() {
  const { person, referrals, records, changes, schedule } = useLoaderData<typeof loader>();
  const referralLabel = Object.fromEntries(referrals.map((r) => [r.id, r.label]));
  const due = Object.values(schedule)
    .flat()
    .filter((m): m is DueItem => m.status === "due" || m.status === "overdue");
  const series = seriesByInstrument(records);
  const newestFirst = [...records].reverse();
  return (
    <>
      <PageHeading back={{ to: `/people/${person.id}`, text: `Back to ${person.name}` }} caption={person.name}>
        Measures
      </PageHeading>
      <div className="nhsuk-button-group">
        <Link className="nhsuk-button" to="new">
          Record a measure
        </Link>
        <Link className="nhsuk-button nhsuk-button--secondary" to="self">
          Hand the device to the person
        </Link>
      </div>

      <h2>Due now</h2>
      <DueList items={due} referralLabels={referralLabel} />

      <h2>Over time</h2>
      {series.length === 0 ? <p>No measures recorded yet.</p> : null}
      {series.map((s) => (
        <section key={s.instrument.code} aria-labelledby={`series-${s.instrument.code}`}>
          <h3 id={`series-${s.instrument.code}`}>{s.instrument.name}</h3>
          <MeasureChart instrument={s.instrument} points={s.points} />
          <p className="nhsuk-body-s app-muted">{s.instrument.copyright}</p>
        </section>
      ))}

      {records.length > 0 ? (
        <>
          <h2>All responses</h2>
          <table className="nhsuk-table-responsive">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Every response recorded, newest first
            </caption>
            <TableHead headings={["Date answered", "Measure", "Score", "Change since baseline", "Recorded"]} />
            <tbody className="nhsuk-table__body">
              {newestFirst.map((r) => {
                const instrument = getInstrument(r.instrumentCode);
                const headline = instrument.scoreScales.filter((s) => s.kind === "headline");
                const change = changes[r.id];
                const inError = r.enteredInError !== null;
                const Wrap = ({ children }: { children: React.ReactNode }) =>
                  inError ? <del>{children}</del> : <>{children}</>;
                return (
                  <tr className="nhsuk-table__row" key={r.id}>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Date answered{" "}
                      </span>
                      <Wrap>{formatIsoDate(r.administeredOn)}</Wrap>
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Measure{" "}
                      </span>
                      <Link to={r.id}>
                        <Wrap>
                          {shortName(r.instrumentCode)}, {timePointLabel(r).toLowerCase()}
                        </Wrap>
                      </Link>
                      <span className="nhsuk-u-display-block nhsuk-u-font-size-16">{referralLabel[r.referralId]}</span>
                      {inError ? <strong className="nhsuk-tag nhsuk-tag--grey">Entered in error</strong> : null}
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Score{" "}
                      </span>
                      <Wrap>
                        <HeadlineScores record={r} />
                      </Wrap>
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Change since baseline{" "}
                      </span>
                      {change
                        ? headline.map((s) => {
                            const c = change.changes[s.key];
                            return c ? (
                              <span className="nhsuk-u-display-block" key={s.key}>
                                {headline.length > 1 ? `${s.label}: ` : ""}
                                {formatChange(s, c.change)} ({c.outcome})
                                {c.meaningful ? (
                                  <strong
                                    className={`nhsuk-tag nhsuk-u-margin-left-1 ${c.improvement ? "nhsuk-tag--green" : "nhsuk-tag--red"}`}
                                  >
                                    Meaningful
                                  </strong>
                                ) : null}
                              </span>
                            ) : null;
                          })
                        : inError
                          ? "–"
                          : noChangeText(r, records)}
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Recorded{" "}
                      </span>
                      {r.mode === "self" ? "Completed by the person" : `By ${r.recordedBy ?? "unknown"}`},{" "}
                      {formatDateTime(r.recordedAt)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
