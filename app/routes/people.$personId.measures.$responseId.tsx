import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { actorOf } from "~/auth/guards.server";
import { requirePersonAccess } from "~/care-team/access.server";
import { shortName } from "~/measures/catalogue";
import { notFound } from "~/errors";
import { idParam } from "~/params";
import { getMeasureDetail } from "~/measures/person-measures.server";
import { markEnteredInError } from "~/measures/record.server";
import { enteredInErrorSchema } from "~/measures/record-form";
import { getInstrument } from "~/measures/scoring";
import { modeLabels, timePointLabel } from "~/measures/time-points";
import { ScoreSummary } from "~/measures/ui/ScoreSummary";
import { BaselineExtraCallout } from "~/measures/ui/FollowUpTiming";
import { MIN_FOLLOW_UP_DAYS } from "~/measures/follow-up-interval";
import { Textarea } from "~/ui/form";
import { formatDateTime, formatIsoDate } from "~/ui/format";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";
import { TableHead } from "~/ui/Table";
import { MeasuresPageHeading } from "~/measures/ui/MeasuresPageHeading";

export const meta: MetaFunction = () => [{ title: "Measure – Connect Well" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "people:read");
  const personId = idParam(params.personId, "Person");
  const responseId = idParam(params.responseId, "Measure");
  const detail = await getMeasureDetail(context.db, actorOf(guard), personId, responseId);
  if (!detail) notFound("Measure");
  return detail;
}

/** Marks the response as entered in error (with a reason). It is kept and audited, never deleted. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "measures:record");
  const personId = idParam(params.personId, "Person");
  const responseId = idParam(params.responseId, "Measure");
  const parsed = await readForm(request, enteredInErrorSchema);
  if (!parsed.ok) return reply(parsed);
  const result = await markEnteredInError(context.db, actorOf(guard), {
    personId,
    responseId,
    reason: parsed.data.reason,
  });
  if (result === "not_found") notFound("Measure");
  return redirect(`/people/${personId}/measures/${responseId}?marked=1`);
}

export default function MeasureDetail() {
  const { person, record, change, referral, baseline } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormReply<typeof action>();
  const [search] = useSearchParams();
  const instrument = getInstrument(record.instrumentCode);
  const title = `${shortName(record.instrumentCode)}, ${timePointLabel(record).toLowerCase()}`;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <MeasuresPageHeading
          person={person}
          errors={errors}
          notice={
            search.get("saved") && !record.enteredInError ? (
              <div className="nhsuk-inset-text" role="status">
                <span className="nhsuk-u-visually-hidden">Information: </span>
                <p>
                  Saved and scored
                  {record.timePoint === "baseline_extra" ? ", as an extra baseline-window response (see below)" : ""}.
                </p>
              </div>
            ) : null
          }
        >
          {record.enteredInError ? <del>{title}</del> : title}
        </MeasuresPageHeading>
        {record.enteredInError ? (
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>Entered in error
              </span>
            </h2>
            <p>
              Marked by {record.enteredInError.by ?? "unknown"} on {formatDateTime(record.enteredInError.at)}. It is
              kept for the record but left out of scores, change and due measures.
            </p>
            <p>Reason: {record.enteredInError.reason}</p>
          </div>
        ) : null}
        <SummaryList>
          <SummaryRow label="Questionnaire">
            {instrument.name} (version {record.instrumentVersion})
          </SummaryRow>
          <SummaryRow label="Referral">{referral?.label ?? "–"}</SummaryRow>
          <SummaryRow label="Date answered">{formatIsoDate(record.administeredOn)}</SummaryRow>
          <SummaryRow label="How">{modeLabels[record.mode]}</SummaryRow>
          <SummaryRow label="Recorded">
            {record.recordedBy ?? "–"}, {formatDateTime(record.recordedAt)}
          </SummaryRow>
        </SummaryList>

        {record.timePoint === "baseline_extra" && !record.enteredInError ? (
          <BaselineExtraCallout
            baselineOn={baseline?.administeredOn ?? null}
            minDays={referral?.minFollowUpDays ?? MIN_FOLLOW_UP_DAYS}
          />
        ) : null}
        <h2>Scores</h2>
        {record.enteredInError ? <p>Not counted: this response was entered in error.</p> : null}
        {baseline && change ? (
          <p>Compared with the baseline of {formatIsoDate(baseline.administeredOn)} on this referral.</p>
        ) : null}
        {!record.enteredInError && (record.timePoint === "follow_up" || record.timePoint === "exit") && !change ? (
          <p>
            {baseline
              ? `Not compared with the baseline of ${formatIsoDate(baseline.administeredOn)}: answered fewer than ${MIN_FOLLOW_UP_DAYS} days after it, too soon to show change.`
              : "There is no baseline for this questionnaire on this referral, so no change can be shown."}
          </p>
        ) : null}
        <ScoreSummary record={record} change={record.enteredInError ? null : change} />

        <h2>Answers</h2>
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Answers given</caption>
          <TableHead headings={["Question", "Answer"]} />
          <tbody className="nhsuk-table__body">
            {instrument.items.map((item) => (
              <tr className="nhsuk-table__row" key={item.id}>
                <td className="nhsuk-table__cell">
                  {instrument.code === "ucla3" ? `${instrument.stem} ` : ""}
                  {item.text}
                </td>
                <td className="nhsuk-table__cell">
                  {item.options.find((o) => o.value === record.answers[item.id])?.label ?? "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="nhsuk-body-s app-muted">{instrument.copyright}</p>

        {!record.enteredInError ? (
          <details className="nhsuk-details" open={Object.keys(errors).length > 0}>
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Mark as entered in error</span>
            </summary>
            <div className="nhsuk-details__text">
              <p>
                Use this when the measure was recorded for the wrong person, referral or time point, or with the wrong
                answers. It stays on the record, struck through, and stops counting.
              </p>
              <Form method="post" noValidate>
                <Textarea
                  name="reason"
                  label="Why was it entered in error?"
                  hint="Up to 500 characters. Do not include other people's details."
                  error={errors?.reason}
                  defaultValue={values.reason}
                  rows={3}
                />
                <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={busy}>
                  Mark as entered in error
                </button>
              </Form>
            </div>
          </details>
        ) : null}
      </div>
    </div>
  );
}
