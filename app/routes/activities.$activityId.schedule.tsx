import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { addOneOffSession, cancelSession, generateSessions, listSessions } from "~/attendance/sessions.server";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import { addSchedule, listActivitySchedules, removeSchedule } from "~/directory/activities.server";
import { generateSessionsSchema, oneOffSessionSchema, scheduleSchema } from "~/directory/forms";
import { newIdempotencyKey } from "~/directory/keys.server";
import { weekdays } from "~/directory/options";
import { hhmm } from "~/directory/schedule";
import { addDays, londonToday } from "~/calendar";
import { requireActivityAccess } from "~/directory/scope.server";
import { SuccessBanner, Tag } from "~/ui/Banner";
import { toOptions } from "~/ui/choices";
import { Select } from "~/ui/form";
import { IsoDateInput, TimeInput, WholeNumberInput } from "~/ui/fields";
import { formatIsoDate } from "~/ui/format";
import { readIntent } from "~/forms/intent";
import { parseForm } from "~/forms/parse";
import { labelOf } from "~/labels";
import { StackedHeading } from "~/ui/StackedHeading";
import { TableHead } from "~/ui/Table";
import { sessionState, sessionStateColours, sessionStateLabels, weekStart } from "~/attendance/session-state";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { PageHeading } from "~/ui/PageHeading";
import { RowActionButton } from "~/ui/RowActionButton";

export const meta: MetaFunction = () => [{ title: "Schedule and sessions – Connect Well" }];

/** How far before this week "Earlier sessions", and the registers not taken, reach: four weeks. */
const EARLIER_DAYS = 28;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const activity = await requireActivityAccess(context.db, guard, params.activityId, "activity.schedule-view");
  const today = londonToday();
  // The list starts this week (a phone need not scroll past old sessions); earlier weeks are one link away, and a
  // past session still without a register stays in view above it, so the lead can take it.
  const thisWeek = weekStart(today);
  const earlier = new URL(request.url).searchParams.get("earlier") === "1";
  const [schedules, sessions] = await Promise.all([
    listActivitySchedules(context.db, activity.id),
    listSessions(context.db, activity.id, addDays(thisWeek, -EARLIER_DAYS), addDays(today, 56)),
  ]);
  const before = sessions.filter((s) => s.session_date < thisWeek);
  return {
    activity,
    today,
    schedules,
    earlier,
    shown: earlier ? sessions : sessions.filter((s) => s.session_date >= thisWeek),
    earlierNotTaken: earlier
      ? []
      : before.filter(
          (s) =>
            sessionState(
              { status: s.status, registerSaved: s.register_saved_at !== null, date: s.session_date },
              today,
            ) === "not_taken",
        ),
    canRunRegisters: can(guard.user.role, "activities:lead"),
    created: new URL(request.url).searchParams.get("created") === "1",
    oneOffKey: newIdempotencyKey(),
  };
}

const removeSlotSchema = z.object({ scheduleId: z.uuid({ error: "That weekly session was already removed" }) });
const cancelSchema = z.object({
  sessionId: z.uuid({ error: "Session not found" }),
  reason: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().slice(0, 300) || "Cancelled"),
});

// One page, several small forms: each reply names its form (`intent`) so the page shows errors and input there.
export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const activity = await requireActivityAccess(context.db, guard, params.activityId, "activity.schedule-change");
  const form = await request.formData();
  const intent = readIntent(form, ["add-slot", "remove-slot", "generate", "one-off", "cancel"] as const);
  const actor = actorOf(guard);
  const extra = { intent, done: undefined as string | undefined };
  const done = (message: string) => ({ intent, done: message, errors: undefined, values: undefined });
  const missing = (message: string) => reply({ errors: { form: message }, values: {} }, { status: 404, extra });
  if (intent === "add-slot") {
    const p = parseForm(scheduleSchema, form);
    if (!p.ok) return reply(p, { extra });
    return attempt(
      p,
      async () => {
        await addSchedule(context.db, actor, activity.id, p.data);
        return done("Weekly session added. Generate sessions to put it on the registers.");
      },
      { extra },
    );
  }
  if (intent === "remove-slot") {
    const p = parseForm(removeSlotSchema, form);
    if (!p.ok || !(await removeSchedule(context.db, actor, activity.id, p.data.scheduleId)))
      return missing("That weekly session was already removed");
    return done("Weekly session removed. Sessions already created are kept.");
  }
  if (intent === "generate") {
    const p = parseForm(generateSessionsSchema, form);
    if (!p.ok) return reply(p, { extra });
    const n = await generateSessions(context.db, actor, activity.id, londonToday(), p.data.weeks);
    return done(n === 0 ? "No new sessions: they were already there." : `${n} session${n === 1 ? "" : "s"} added.`);
  }
  if (intent === "one-off") {
    const p = parseForm(oneOffSessionSchema(londonToday()), form);
    if (!p.ok) return reply(p, { extra });
    const { idempotencyKey, sessionDate, oneOffStart, oneOffEnd } = p.data;
    return attempt(
      p,
      async () => {
        await addOneOffSession(
          context.db,
          actor,
          activity.id,
          { sessionDate, startTime: oneOffStart, endTime: oneOffEnd },
          idempotencyKey,
        );
        return done("One-off session added.");
      },
      // The one-off form names its times apart from the weekly form's: both are on this page, and ids follow names.
      { extra, fields: { startTime: "oneOffStart", endTime: "oneOffEnd" } },
    );
  }
  // intent === "cancel"
  const p = parseForm(cancelSchema, form);
  if (!p.ok) return missing("Session not found");
  return attempt(
    p,
    async () =>
      (await cancelSession(context.db, actor, activity.id, p.data.sessionId, p.data.reason)) === "missing"
        ? missing("Session not found")
        : done("Session cancelled."),
    { extra },
  );
}

export default function SchedulePage() {
  const { activity, today, schedules, earlier, shown, earlierNotTaken, canRunRegisters, created, oneOffKey } =
    useLoaderData<typeof loader>();
  const { reply: result, errors, values } = useFormReply<typeof action>();
  const vals = (intent: string): Record<string, string | undefined> => (result?.intent === intent ? values : {});
  // A field of one of the page's forms: what the user typed and its error when that form was posted, else `initial`.
  // Each field still names itself in its tag, where the check of the forms' labels reads it.
  const typed = (intent: string, name: string, initial?: string) => ({
    defaultValue: vals(intent)[name] ?? initial,
    error: result?.intent === intent ? errors?.[name] : undefined,
  });
  return (
    <>
      <PageHeading
        back={{ to: canRunRegisters ? "/my-activities" : `/providers/${activity.provider_id}`, text: "Back" }}
        errors={errors}
        notice={
          result?.done ? (
            <SuccessBanner>{result.done}</SuccessBanner>
          ) : created && !result ? (
            <SuccessBanner>Activity added. Now add when it runs.</SuccessBanner>
          ) : null
        }
        caption={activity.provider_name}
      >
        {activity.name}: schedule and sessions
      </PageHeading>
      <p>
        <Link to={`/activities/${activity.id}/edit`}>Edit the listing</Link>
      </p>

      <h2>Weekly sessions</h2>
      {schedules.length === 0 ? (
        <p>No weekly sessions yet.</p>
      ) : (
        <table className="nhsuk-table nhsuk-table--responsive" role="table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Weekly sessions</caption>
          <TableHead headings={["Day", "Time", "Runs"]} responsive hiddenLast="Action" />
          <tbody className="nhsuk-table__body" role="rowgroup">
            {schedules.map((s) => (
              <tr key={s.id} className="nhsuk-table__row" role="row">
                <td className="nhsuk-table__cell" role="cell">
                  <StackedHeading>Day</StackedHeading>
                  {weekdays[s.weekday as keyof typeof weekdays]}
                </td>
                <td className="nhsuk-table__cell" role="cell">
                  <StackedHeading>Time</StackedHeading>
                  {hhmm(s.startTime)} to {hhmm(s.endTime)}
                </td>
                <td className="nhsuk-table__cell" role="cell">
                  <StackedHeading>Runs</StackedHeading>
                  From {formatIsoDate(s.validFrom)}
                  {s.validTo ? ` to ${formatIsoDate(s.validTo)}` : ""}
                </td>
                <td className="nhsuk-table__cell" role="cell">
                  <Form method="post" className="app-inline-form">
                    <input type="hidden" name="intent" value="remove-slot" />
                    <input type="hidden" name="scheduleId" value={s.id} />
                    <RowActionButton
                      label="Remove"
                      about={` ${weekdays[s.weekday as keyof typeof weekdays]} ${hhmm(s.startTime)}`}
                    />
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <Form method="post" noValidate className="nhsuk-card nhsuk-card__content">
            <h3>Add a weekly session</h3>
            <input type="hidden" name="intent" value="add-slot" />
            <Select
              name="weekday"
              label="Day"
              placeholder="Select a day"
              options={toOptions(weekdays)}
              {...typed("add-slot", "weekday")}
            />
            <TimeInput name="startTime" label="Start time" {...typed("add-slot", "startTime")} />
            <TimeInput name="endTime" label="End time" {...typed("add-slot", "endTime")} />
            <IsoDateInput name="validFrom" label="First session" {...typed("add-slot", "validFrom", today)} />
            <IsoDateInput name="validTo" label="Last session (optional)" {...typed("add-slot", "validTo")} />
            <button className="nhsuk-button" type="submit">
              Add weekly session
            </button>
          </Form>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <Form method="post" noValidate className="nhsuk-card nhsuk-card__content">
            <h3>Generate sessions</h3>
            <p>Creates the dated sessions the weekly pattern gives, from today. Sessions already there are kept.</p>
            <input type="hidden" name="intent" value="generate" />
            <WholeNumberInput name="weeks" label="Number of weeks" {...typed("generate", "weeks", "8")} />
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Generate sessions
            </button>
          </Form>
          <Form method="post" noValidate className="nhsuk-card nhsuk-card__content">
            <h3>Add a one-off session</h3>
            <input type="hidden" name="intent" value="one-off" />
            <input type="hidden" name="idempotencyKey" value={vals("one-off").idempotencyKey ?? oneOffKey} />
            <IsoDateInput name="sessionDate" label="Date" {...typed("one-off", "sessionDate")} />
            <TimeInput name="oneOffStart" label="Start time" {...typed("one-off", "oneOffStart")} />
            <TimeInput name="oneOffEnd" label="End time" {...typed("one-off", "oneOffEnd")} />
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Add session
            </button>
          </Form>
        </div>
      </div>

      {earlierNotTaken.length > 0 ? (
        <>
          <h2>Registers not taken</h2>
          <p>Sessions before this week with no register. You can still take them.</p>
          <SessionsTable
            caption="Earlier sessions with no register"
            rows={earlierNotTaken}
            empty=""
            activityId={activity.id}
            today={today}
            canRunRegisters={canRunRegisters}
          />
        </>
      ) : null}
      <h2>Sessions</h2>
      <p>
        {earlier ? (
          <>
            From four weeks before this week to eight weeks ahead. <Link to="?">Show sessions from this week</Link>
          </>
        ) : (
          <>
            From this week to eight weeks ahead. <Link to="?earlier=1">Earlier sessions</Link>
          </>
        )}
      </p>
      <SessionsTable
        caption={
          earlier
            ? "Sessions from four weeks before this week to eight weeks ahead"
            : "Sessions from this week to eight weeks ahead"
        }
        rows={shown}
        empty={
          earlier
            ? "No sessions in the four weeks before this week or the next eight."
            : "No sessions this week or in the next eight."
        }
        activityId={activity.id}
        today={today}
        canRunRegisters={canRunRegisters}
      />
    </>
  );
}

type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];

/** One list of dated sessions: on a phone it stacks into a card per session, each value beside its column name. */
function SessionsTable({
  caption,
  rows,
  empty,
  activityId,
  today,
  canRunRegisters,
}: {
  caption: string;
  rows: SessionRow[];
  empty: string;
  activityId: string;
  today: string;
  canRunRegisters: boolean;
}) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
      <TableHead
        responsive
        headings={["Date", "Time", "Status", "Came", <span className="nhsuk-u-visually-hidden">Actions</span>]}
      />
      <tbody className="nhsuk-table__body" role="rowgroup">
        {rows.length === 0 ? (
          <tr className="nhsuk-table__row" role="row">
            <td className="nhsuk-table__cell" role="cell" colSpan={5}>
              {empty}
            </td>
          </tr>
        ) : null}
        {rows.map((s) => {
          const state = sessionState(
            { status: s.status, registerSaved: s.register_saved_at !== null, date: s.session_date },
            today,
          );
          return (
            <tr key={s.id} className="nhsuk-table__row" role="row">
              <td className="nhsuk-table__cell" role="cell">
                <StackedHeading>Date</StackedHeading>
                {formatIsoDate(s.session_date)}
                {s.session_date === today ? " (today)" : ""}
              </td>
              <td className="nhsuk-table__cell" role="cell">
                <StackedHeading>Time</StackedHeading>
                {hhmm(s.start_time)} to {hhmm(s.end_time)}
                {s.ad_hoc ? " (one-off)" : ""}
              </td>
              <td className="nhsuk-table__cell" role="cell">
                <StackedHeading>Status</StackedHeading>
                <Tag colour={sessionStateColours[state]}>{labelOf(sessionStateLabels, state)}</Tag>
              </td>
              <td className="nhsuk-table__cell" role="cell">
                <StackedHeading>Came</StackedHeading>
                {s.register_saved_at
                  ? `${Number(s.present ?? 0) + s.other_attendees}`
                  : state === "not_taken"
                    ? "Not counted"
                    : ""}
              </td>
              <td className="nhsuk-table__cell" role="cell">
                {canRunRegisters && s.status !== "cancelled" && s.session_date <= today ? (
                  <Link to={`/activities/${activityId}/sessions/${s.id}`}>
                    Register
                    <span className="nhsuk-u-visually-hidden"> for {formatIsoDate(s.session_date)}</span>
                  </Link>
                ) : null}
                {s.status === "scheduled" && !s.register_saved_at && s.session_date >= today ? (
                  <Form method="post" className="app-inline-form">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <RowActionButton label="Cancel" about={` session on ${formatIsoDate(s.session_date)}`} />
                  </Form>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
