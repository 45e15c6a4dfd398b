import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { actorOf } from "~/auth/guards.server";
import { requirePersonAccess } from "~/care-team/access.server";
import { answersOf } from "~/measures/answers-form";
import { offeredInstruments, shortName } from "~/measures/catalogue";
import { londonToday } from "~/calendar";
import { notFound } from "~/errors";
import { idParam } from "~/params";
import { getRecordFormData } from "~/measures/person-measures.server";
import { recordMeasure } from "~/measures/record.server";
import { checkedAdministeredOn, recordMeasureSchema } from "~/measures/record-form";
import { findInstrument } from "~/measures/scoring";
import { wemwbsLicensed } from "~/measures/settings.server";
import { suggestedTimePoint, timePointChoices } from "~/measures/suggest";
import { decodeTimePoint, encodeTimePoint, timePointLabel } from "~/measures/time-points";
import { DateInput } from "~/ui/choices";
import { QuestionItem } from "~/measures/ui/QuestionItem";
import { FollowUpTimingNotice } from "~/measures/ui/FollowUpTiming";
import { Radios } from "~/ui/choices";
import { Select } from "~/ui/form";
import { formatIsoDate } from "~/ui/format";
import { parseForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";
import { MeasuresPageHeading } from "~/measures/ui/MeasuresPageHeading";

export const meta: MetaFunction = () => [{ title: "Record a measure – Connect Well" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "measures:record");
  const personId = idParam(params.personId, "Person");
  const form = await getRecordFormData(context.db, actorOf(guard), personId, "measures.record-form.view");
  if (!form) notFound("Person");
  const url = new URL(request.url);
  const offered = offeredInstruments(form.wemwbsLicensed);
  const referral = form.referrals.find((r) => r.id === url.searchParams.get("referral") && r.status !== "declined");
  const instrument = offered.find((i) => i.code === url.searchParams.get("instrument"));
  const referrals = form.referrals.filter((r) => r.status !== "declined");
  return {
    person: form.person,
    referrals,
    // Arriving from a referral's page ("Record a measure"), that referral is already chosen.
    preselected: referrals.find((r) => r.id === url.searchParams.get("referral"))?.id ?? null,
    offered: offered.map((i) => ({ code: i.code, name: i.name })),
    chosen:
      referral && instrument
        ? {
            referral,
            instrumentCode: instrument.code,
            suggested: suggestedTimePoint(form.schedule[referral.id]),
            baselineOn:
              form.baselines.find((b) => b.referralId === referral.id && b.instrumentCode === instrument.code)
                ?.administeredOn ?? null,
          }
        : null,
    today: londonToday(),
    idempotencyKey: crypto.randomUUID(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "measures:record");
  const personId = idParam(params.personId, "Person");
  const form = await request.formData();
  const licensed = wemwbsLicensed();
  const chosen = findInstrument(String(form.get("instrumentCode") ?? ""));
  const instrument = chosen && (!chosen.licensed || licensed) ? chosen : undefined;
  const parsed = parseForm(recordMeasureSchema(instrument), form);
  if (!parsed.ok || !instrument) return reply({ errors: parsed.ok ? {} : parsed.errors, values: parsed.values });
  const d = parsed.data;
  return attempt(parsed, async () => {
    const saved = await recordMeasure(context.db, actorOf(guard), {
      personId,
      referralId: d.referralId,
      instrumentCode: instrument.code,
      ...decodeTimePoint(d.timePoint)!,
      administeredOn: checkedAdministeredOn(d),
      mode: "staff",
      answers: answersOf(instrument, d),
      idempotencyKey: d.idempotencyKey,
      wemwbsLicensed: licensed,
    });
    return redirect(`/people/${personId}/measures/${saved.id}?saved=1`);
  });
}

export default function RecordMeasure() {
  const { person, referrals, preselected, offered, chosen, today, idempotencyKey } = useLoaderData<typeof loader>();
  const { reply: result, errors, values, busy } = useFormReply<typeof action>();
  const instrument = chosen ? findInstrument(chosen.instrumentCode) : undefined;
  const [y, m, d] = today.split("-");

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <MeasuresPageHeading person={person} errors={errors}>
          Record a measure
        </MeasuresPageHeading>
        {referrals.length === 0 ? (
          <>
            <p>{person.name} has no open referral. Make a referral first: measures belong to a referral.</p>
            <Link className="nhsuk-button" to={`/people/${person.id}/refer`}>
              Refer or signpost
            </Link>
          </>
        ) : !chosen || !instrument ? (
          // Step 1 is a GET form, so choosing the questionnaire works without JavaScript.
          <Form method="get">
            <Select
              name="referral"
              label="Referral"
              placeholder="Select a referral"
              options={referrals.map((r) => ({ value: r.id, label: r.label }))}
              defaultValue={preselected ?? (referrals.length === 1 ? referrals[0].id : undefined)}
            />
            <Radios
              name="instrument"
              legend="Questionnaire"
              legendSize="m"
              options={offered.map((i) => ({ value: i.code, label: i.name }))}
            />
            <button className="nhsuk-button" type="submit">
              Continue
            </button>
          </Form>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? idempotencyKey} />
            <input type="hidden" name="referralId" value={chosen.referral.id} />
            <input type="hidden" name="instrumentCode" value={instrument.code} />
            <SummaryList>
              <SummaryRow label="Referral">
                {chosen.referral.label}
                {chosen.referral.firstSessionOn ? (
                  <span className="nhsuk-u-display-block">
                    First session {formatIsoDate(chosen.referral.firstSessionOn)}
                  </span>
                ) : null}
              </SummaryRow>
              <SummaryRow label="Questionnaire">{instrument.name}</SummaryRow>
            </SummaryList>
            <p>
              <Link to=".">Choose a different referral or questionnaire</Link>
            </p>
            <FollowUpTimingNotice
              measure={shortName(instrument.code)}
              baselineOn={chosen.baselineOn}
              minDays={chosen.referral.minFollowUpDays}
            />
            <Radios
              name="timePoint"
              legend="When in the referral is this?"
              legendSize="m"
              hint="Baseline is at or before the first session. Follow-ups count in weeks from the first session."
              error={errors?.timePoint}
              value={values.timePoint ?? chosen.suggested}
              options={timePointChoices(chosen.referral.followUpWeeks).map((t) => ({
                value: encodeTimePoint(t),
                label: timePointLabel(t),
              }))}
            />
            <DateInput
              name="administeredOn"
              legend="Date the questions were answered"
              hint={`For example, ${Number(d)} ${Number(m)} ${y}`}
              error={errors?.administeredOn}
              value={
                result
                  ? {
                      day: values.administeredOnDay,
                      month: values.administeredOnMonth,
                      year: values.administeredOnYear,
                    }
                  : { day: String(Number(d)), month: String(Number(m)), year: y }
              }
            />
            <h2 className="nhsuk-heading-m">Answers</h2>
            {instrument.stem && instrument.code !== "ucla3" ? <p className="nhsuk-body">{instrument.stem}</p> : null}
            {instrument.items.map((item, i) => (
              <QuestionItem
                key={item.id}
                instrument={instrument}
                item={item}
                number={i + 1}
                error={errors?.[item.id]}
                defaultValue={values[item.id]}
              />
            ))}
            <p className="nhsuk-body-s app-muted">{instrument.copyright}</p>
            <button className="nhsuk-button" type="submit" disabled={busy}>
              Save and score
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
