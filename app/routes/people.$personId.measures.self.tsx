import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actorOf } from "~/auth/guards.server";
import { requirePersonAccess } from "~/care-team/access.server";
import { offeredInstruments } from "~/measures/catalogue";
import { notFound } from "~/errors";
import { idParam } from "~/params";
import { getRecordFormData } from "~/measures/person-measures.server";
import { startSelfCompletion } from "~/measures/self-completion.server";
import { wemwbsLicensed } from "~/measures/settings.server";
import { suggestedTimePoint, timePointChoices } from "~/measures/suggest";
import { CORE_INSTRUMENTS, decodeTimePoint, encodeTimePoint, timePointLabel } from "~/measures/time-points";
import { Checkboxes } from "~/ui/choices";
import { Radios } from "~/ui/choices";
import { Select } from "~/ui/form";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { MeasuresPageHeading } from "~/measures/ui/MeasuresPageHeading";

export const meta: MetaFunction = () => [{ title: "Hand the device to the person – Connect Well" }];

const startSchema = z.object({
  idempotencyKey: z.uuid({ error: "This form has expired: reload the page and try again" }),
  referralId: z.uuid({ error: "Select the referral these questions are for" }),
  instrumentCodes: z
    .union([z.string(), z.array(z.string())], { error: "Select at least one questionnaire" })
    .transform((v) => (Array.isArray(v) ? v : [v])),
  timePoint: z
    .string({ error: "Select when in the referral this is" })
    .refine((v) => decodeTimePoint(v) !== null, "Select when in the referral this is"),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "measures:record");
  const personId = idParam(params.personId, "Person");
  const form = await getRecordFormData(context.db, actorOf(guard), personId, "measures.self-start.view");
  if (!form) notFound("Person");
  const referrals = form.referrals.filter((r) => r.status !== "declined");
  const weeks = [...new Set(referrals.flatMap((r) => r.followUpWeeks))];
  return {
    person: form.person,
    referrals: referrals.map((r) => ({ id: r.id, label: r.label })),
    offered: offeredInstruments(form.wemwbsLicensed).map((i) => ({ code: i.code, name: i.name })),
    timePoints: timePointChoices(weeks).map((t) => ({ value: encodeTimePoint(t), label: timePointLabel(t) })),
    suggested: referrals.length === 1 ? suggestedTimePoint(form.schedule[referrals[0].id]) : "baseline",
    idempotencyKey: crypto.randomUUID(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "measures:record");
  const personId = idParam(params.personId, "Person");
  const parsed = await readForm(request, startSchema, { lists: ["instrumentCodes"] });
  if (!parsed.ok) return reply(parsed);
  const d = parsed.data;
  return attempt(parsed, async () => {
    const sessionId = await startSelfCompletion(context.db, actorOf(guard), {
      personId,
      referralId: d.referralId,
      instrumentCodes: d.instrumentCodes,
      ...decodeTimePoint(d.timePoint)!,
      idempotencyKey: d.idempotencyKey,
      wemwbsLicensed: wemwbsLicensed(),
      // From here the session can only answer these questions until the staff member's password is typed again.
      sessionHash: guard.user.sessionHash,
    });
    return redirect(`/measures/self/${sessionId}`);
  });
}

export default function StartSelfCompletion() {
  const { person, referrals, offered, timePoints, suggested, idempotencyKey } = useLoaderData<typeof loader>();
  const { reply: result, errors, values, lists, busy } = useFormReply<typeof action>();
  const checked = result ? (lists.instrumentCodes ?? []) : [...CORE_INSTRUMENTS];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <MeasuresPageHeading person={person} errors={errors}>
          Hand the device to the person
        </MeasuresPageHeading>
        {referrals.length === 0 ? (
          <p>{person.name} has no open referral. Make a referral first: measures belong to a referral.</p>
        ) : (
          <>
            <p>
              The next screens show only the questions, one at a time, in large text. Nothing else from the record is
              shown, and nothing else can be opened on this device until you type your password again. When they finish,
              the screen asks them to hand the device back, and you will see the scores here.
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? idempotencyKey} />
              <Select
                name="referralId"
                label="Referral"
                placeholder="Select a referral"
                error={errors?.referralId}
                defaultValue={values.referralId ?? (referrals.length === 1 ? referrals[0].id : undefined)}
                options={referrals.map((r) => ({ value: r.id, label: r.label }))}
              />
              <Radios
                name="timePoint"
                legend="When in the referral is this?"
                legendSize="m"
                error={errors?.timePoint}
                value={values.timePoint ?? suggested}
                options={timePoints}
              />
              <Checkboxes
                name="instrumentCodes"
                legend="Questionnaires"
                hint="They are asked in this order."
                error={errors?.instrumentCodes}
                selected={checked}
                options={offered.map((i) => ({ value: i.code, label: i.name }))}
              />
              <button className="nhsuk-button" type="submit" disabled={busy}>
                Start the questions
              </button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
