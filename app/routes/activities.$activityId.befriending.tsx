import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  befriendingBoard,
  endMatch,
  listVolunteers,
  matchVolunteer,
  recordCall,
} from "~/attendance/befriending.server";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { readIntent } from "~/forms/intent";
import { idempotencyKey, isoDate, optionalWholeNumber } from "~/forms/fields";
import { newIdempotencyKey } from "~/directory/keys.server";
import { londonToday } from "~/calendar";
import { requireActivityAccess } from "~/directory/scope.server";
import { SuccessBanner, Tag } from "~/ui/Banner";
import { Radios } from "~/ui/choices";
import { canBeMatched, dbsStatusColours, dbsStatusLabels } from "~/directory/volunteers";
import { KeyedInput, KeyedSelect } from "~/attendance/ui/Inputs";
import { formatIsoDate } from "~/ui/format";
import { forTheProvider } from "~/referrals/codes";
import { parseForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { callOutcomes, type CallOutcome } from "~/attendance/befriending";
import { labelOf } from "~/labels";
import { PageHeading } from "~/ui/PageHeading";
import { RowActionButton } from "~/ui/RowActionButton";

export const meta: MetaFunction = () => [{ title: "Befriending – Connect Well" }];

const matchSchema = z.object({
  referralId: z.uuid({ error: "Select a person" }),
  volunteerId: z.uuid({ error: "Select a volunteer" }),
});
const endSchema = z.object({ matchId: z.uuid({ error: "That match has already ended" }) });
const callSchema = z.object({
  matchId: z.uuid({ error: "Select a match" }),
  callDate: isoDate("Enter the date of the call"),
  outcome: z.enum(Object.keys(callOutcomes) as [CallOutcome, ...CallOutcome[]], { error: "Select how the call went" }),
  durationMinutes: optionalWholeNumber("Call length", 0, 600, {
    whole: "Enter the call length in whole minutes, from 0 to 600",
    min: "Enter the call length in whole minutes, from 0 to 600",
    max: "Enter the call length in whole minutes, from 0 to 600",
  }),
  idempotencyKey,
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "activities:lead");
  const activity = await requireActivityAccess(context.db, guard, params.activityId, "befriending.view");
  const today = londonToday();
  const [people, volunteers] = await Promise.all([
    befriendingBoard(context.db, actorOf(guard), activity.id),
    listVolunteers(context.db, activity.provider_id, today),
  ]);
  return {
    activity,
    today,
    key: newIdempotencyKey(),
    people: people.map((p) => ({
      referralId: p.referral_id,
      name: `${p.given_name} ${p.family_name}`,
      preferred: p.preferred_name,
      phone: p.phone,
      communication: p.communication_needs,
      notes: p.support_notes,
      barriers: forTheProvider(p).barriers,
      matchId: p.match_id,
      volunteer: p.volunteer_name,
      startedOn: p.started_on,
      calls: p.calls,
    })),
    volunteers: volunteers
      .filter((v) => v.active)
      .map((v) => ({
        id: v.id,
        name: v.name,
        dbs: v.dbs,
        label: dbsStatusLabels[v.dbs],
        matchable: canBeMatched(v.dbs),
      })),
  };
}

// One page, several small forms: each reply names its form (`intent`).
export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "activities:lead");
  const activity = await requireActivityAccess(context.db, guard, params.activityId, "befriending.change");
  const form = await request.formData();
  const intent = readIntent(form, ["match", "call", "end"] as const);
  const today = londonToday();
  const extra = { intent, done: null as string | null };
  const done = (message: string) => ({ intent, errors: null, values: null, done: message });
  if (intent === "match") {
    const p = parseForm(matchSchema, form);
    if (!p.ok) return reply(p, { extra });
    return attempt(
      p,
      async () => {
        await matchVolunteer(context.db, actorOf(guard), activity, p.data.referralId, p.data.volunteerId, today);
        return done("Volunteer matched.");
      },
      { extra },
    );
  }
  if (intent === "call") {
    const p = parseForm(callSchema, form);
    if (!p.ok) return reply(p, { extra });
    return attempt(
      p,
      async () => {
        await recordCall(context.db, actorOf(guard), activity.id, p.data, today);
        return done("Call recorded.");
      },
      { extra },
    );
  }
  // intent === "end"
  const p = parseForm(endSchema, form);
  if (!p.ok || !(await endMatch(context.db, actorOf(guard), activity.id, p.data.matchId, today)))
    return reply({ errors: { form: "That match has already ended" }, values: p.values }, { status: 404, extra });
  return done("Match ended.");
}

export default function Befriending() {
  const { activity, today, key, people, volunteers } = useLoaderData<typeof loader>();
  const { reply: result, errors, values } = useFormReply<typeof action>();
  const forThis = (id: string | null, field: string) => (values[field] === id ? errors : undefined);
  return (
    <>
      <PageHeading
        back={{ to: "/my-activities", text: "Back to your activities" }}
        errors={errors}
        notice={result?.done ? <SuccessBanner>{result.done}</SuccessBanner> : null}
        caption={activity.name}
      >
        Matches and calls
      </PageHeading>
      {people.length === 0 ? <p>Nobody has been accepted onto the scheme yet.</p> : null}
      {people.map((p) => (
        <section key={p.referralId} className="nhsuk-card">
          <div className="nhsuk-card__content">
            <h2 className="nhsuk-heading-m">
              {p.name}
              {p.preferred ? ` (${p.preferred})` : ""}
            </h2>
            <p className="nhsuk-body-s">
              {[
                p.phone ? `Phone ${p.phone}` : null,
                p.communication ? `Communication: ${p.communication}` : null,
                p.barriers.length ? `May need help with: ${p.barriers.join("; ")}` : null,
                p.notes ? `Referrer's note: ${p.notes}` : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
            {p.matchId ? (
              <>
                <p>
                  Befriender: <strong>{p.volunteer}</strong> since {formatIsoDate(p.startedOn!)}
                </p>
                {p.calls.length ? (
                  <ul className="nhsuk-list nhsuk-list--bullet">
                    {p.calls.map((c) => (
                      <li key={c.id}>
                        {formatIsoDate(c.call_date)}: {labelOf(callOutcomes, c.outcome)}
                        {c.duration_minutes !== null ? `, ${c.duration_minutes} minutes` : ""}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>No calls recorded yet.</p>
                )}
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="call" />
                  <input type="hidden" name="matchId" value={p.matchId} />
                  <input
                    type="hidden"
                    name="idempotencyKey"
                    value={values.matchId === p.matchId && values.idempotencyKey ? values.idempotencyKey : key}
                  />
                  <h3 className="nhsuk-heading-s">Record this week's call</h3>
                  <KeyedInput
                    id={`callDate-${p.matchId}`}
                    name="callDate"
                    label="Date of call"
                    type="date"
                    width={10}
                    defaultValue={values.matchId === p.matchId ? values.callDate : today}
                    error={forThis(p.matchId, "matchId")?.callDate}
                  />
                  <Radios
                    name="outcome"
                    id={`outcome-${p.matchId}`}
                    legend="How it went"
                    inline
                    small
                    value={values.matchId === p.matchId ? values.outcome : undefined}
                    error={forThis(p.matchId, "matchId")?.outcome}
                    options={Object.entries(callOutcomes).map(([value, label]) => ({ value, label }))}
                  />
                  <KeyedInput
                    id={`durationMinutes-${p.matchId}`}
                    name="durationMinutes"
                    label="Length in minutes (if the call was done)"
                    width={10}
                    inputMode="numeric"
                    defaultValue={values.matchId === p.matchId ? values.durationMinutes : undefined}
                    error={forThis(p.matchId, "matchId")?.durationMinutes}
                  />
                  <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                    Record call<span className="nhsuk-u-visually-hidden"> with {p.name}</span>
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="end" />
                  <input type="hidden" name="matchId" value={p.matchId} />
                  <RowActionButton label="End this match" about={` for ${p.name}`} />
                </Form>
              </>
            ) : (
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="match" />
                <input type="hidden" name="referralId" value={p.referralId} />
                <KeyedSelect
                  id={`volunteerId-${p.referralId}`}
                  name="volunteerId"
                  label={`Match ${p.name} with a volunteer`}
                  hint="Only volunteers with a current DBS check can be matched."
                  placeholder="Select a volunteer"
                  error={values.referralId === p.referralId ? errors?.volunteerId : undefined}
                  defaultValue={values.referralId === p.referralId ? values.volunteerId : undefined}
                  options={volunteers.map((v) => ({
                    value: v.id,
                    label: v.matchable ? v.name : `${v.name} (cannot be matched: ${v.label})`,
                  }))}
                />
                <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
                  Match volunteer<span className="nhsuk-u-visually-hidden"> with {p.name}</span>
                </button>
              </Form>
            )}
          </div>
        </section>
      ))}
      <h2>Volunteers</h2>
      <ul className="nhsuk-list">
        {volunteers.map((v) => (
          <li key={v.id}>
            {v.name}: <Tag colour={dbsStatusColours[v.dbs]}>{v.label}</Tag>
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/activities/${activity.id}/volunteers`}>Update volunteers and DBS checks</Link>
      </p>
    </>
  );
}
