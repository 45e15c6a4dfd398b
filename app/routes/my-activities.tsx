import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listVolunteers } from "~/attendance/befriending.server";
import { listInbound } from "~/attendance/inbound.server";
import {
  NEXT_SESSION_HORIZON_DAYS,
  nextSessionAfter,
  openScheduledSession,
  registersNotTaken,
  todaysSessions,
} from "~/attendance/sessions.server";
import { sessionState, sessionStateColours, sessionStateLabels, weekStart } from "~/attendance/session-state";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { activityFormats } from "~/directory/options";
import { listLedActivities } from "~/directory/lead-activities.server";
import { addDays, londonToday } from "~/calendar";
import { requireActivityAccess } from "~/directory/scope.server";
import { SuccessBanner, Tag } from "~/ui/Banner";
import { dbsStatusColours, dbsStatusLabels } from "~/directory/volunteers";
import { TableHead } from "~/ui/Table";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { ErrorSummary } from "~/ui/form";
import { formatDate, formatIsoDate } from "~/ui/format";
import { labelOf } from "~/labels";

export const meta: MetaFunction = () => [{ title: "Your activities – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "activities:lead");
  const today = londonToday();
  const [activities, inbound, sessions, nextSession, notTaken] = await Promise.all([
    listLedActivities(context.db, guard.user.id),
    listInbound(context.db, actorOf(guard), guard.user.id),
    todaysSessions(context.db, guard.user.id, today),
    nextSessionAfter(context.db, guard.user.id, today),
    // Past registers still to take, as far back as the schedule page's earlier sessions reach.
    registersNotTaken(context.db, guard.user.id, addDays(weekStart(today), -28), today),
  ]);
  const schemes = activities.filter((a) => a.format === "one_to_one");
  const volunteers = await Promise.all(
    [...new Map(schemes.map((s) => [s.provider_id, s])).values()].map(async (s) => ({
      provider: s.provider_name,
      activityId: s.id,
      rows: await listVolunteers(context.db, s.provider_id, today),
    })),
  );
  const answered = new URL(request.url).searchParams.get("answered");
  return {
    today,
    nextSession,
    horizonWeeks: NEXT_SESSION_HORIZON_DAYS / 7,
    answered: answered === "accepted" || answered === "declined" ? answered : null,
    activities: activities.map((a) => ({ ...a, formatLabel: labelOf(activityFormats, a.format) })),
    inbound: inbound.map((r) => ({
      id: r.id,
      activityId: r.activity_id,
      activity: r.activity_name,
      name: `${r.given_name} ${r.family_name}`,
      preferred: r.preferred_name,
      receivedAt: r.received_at.toISOString(),
      overdue: r.overdue,
    })),
    sessions: sessions.map((s) => {
      const state = sessionState({ status: s.status, registerSaved: s.saved, date: today }, today);
      return { ...s, state, stateLabel: labelOf(sessionStateLabels, state) };
    }),
    notTaken: notTaken.map((s) => ({ ...s, stateLabel: labelOf(sessionStateLabels, "not_taken") })),
    volunteers: volunteers.map((v) => ({
      ...v,
      rows: v.rows
        .filter((r) => r.active)
        .map((r) => ({ id: r.id, name: r.name, dbs: r.dbs, label: dbsStatusLabels[r.dbs], due: r.dbs_renewal_due_on })),
    })),
  };
}

// The "Take register" button's hidden fields: which activity, and the start time of today's session.
const openSchema = z.object({ activityId: z.uuid(), startTime: z.string().regex(/^\d{2}:\d{2}$/) });

/** "Open register" for a scheduled session nobody has opened yet today: creates it (once) and goes to it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "activities:lead");
  const parsed = await readForm(request, openSchema);
  // The fields are hidden: a problem with either is the form's, not a field the user could correct.
  if (!parsed.ok) return reply({ ...parsed, errors: { form: "Choose a session to open" } });
  const activity = await requireActivityAccess(context.db, guard, parsed.data.activityId, "session.open");
  return attempt(parsed, async () => {
    const id = await openScheduledSession(
      context.db,
      actorOf(guard),
      activity.id,
      londonToday(),
      parsed.data.startTime,
    );
    return redirect(`/activities/${activity.id}/sessions/${id}`);
  });
}

export default function MyActivities() {
  const { today, nextSession, horizonWeeks, answered, activities, inbound, sessions, notTaken, volunteers } =
    useLoaderData<typeof loader>();
  const { errors } = useFormReply<typeof action>();
  return (
    <>
      <ErrorSummary errors={errors} />
      {answered ? <SuccessBanner>Referral {answered}. The referrer can see your answer.</SuccessBanner> : null}
      <h1>Your activities</h1>
      <p className="nhsuk-lede-text">Referrals waiting for your answer and today's registers.</p>

      <h2>Today, {formatIsoDate(today)}</h2>
      {sessions.length === 0 ? <p>No sessions today.</p> : null}
      {nextSession ? (
        <p>
          Your next session: <strong>{nextSession.activityName}</strong>, {formatIsoDate(nextSession.date)},{" "}
          {nextSession.startTime} to {nextSession.endTime}.
        </p>
      ) : sessions.length === 0 ? (
        <p>No sessions are planned in the next {horizonWeeks} weeks.</p>
      ) : null}
      {sessions.length === 0 ? null : (
        <ul className="nhsuk-list">
          {sessions.map((s) => (
            <li key={`${s.activityId}-${s.startTime}`} className="nhsuk-card">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
                  {s.activityName}, {s.startTime} to {s.endTime}
                </h3>
                <p className="nhsuk-u-margin-bottom-2">
                  <Tag colour={sessionStateColours[s.state]}>{s.stateLabel}</Tag>
                </p>
                {s.state === "cancelled" ? null : s.sessionId ? (
                  <Link
                    className="nhsuk-button nhsuk-u-margin-bottom-0"
                    to={`/activities/${s.activityId}/sessions/${s.sessionId}`}
                  >
                    {s.saved ? "Update register" : "Take register"}
                    <span className="nhsuk-u-visually-hidden">
                      {" "}
                      for {s.activityName} at {s.startTime}
                    </span>
                  </Link>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="activityId" value={s.activityId} />
                    <input type="hidden" name="startTime" value={s.startTime} />
                    <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
                      Take register
                      <span className="nhsuk-u-visually-hidden">
                        {" "}
                        for {s.activityName} at {s.startTime}
                      </span>
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}

      <h2>Referrals waiting for your answer</h2>
      {inbound.length === 0 ? (
        <p>None waiting.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Referrals waiting for your answer</caption>
          <TableHead headings={["Person", "Activity", "Received"]} />
          <tbody className="nhsuk-table__body">
            {inbound.map((r) => (
              <tr key={r.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  <Link to={`/activities/${r.activityId}/referrals/${r.id}`}>{r.name}</Link>
                  {r.preferred ? ` (${r.preferred})` : ""}
                </td>
                <td className="nhsuk-table__cell">{r.activity}</td>
                <td className="nhsuk-table__cell">
                  {formatDate(r.receivedAt)} {r.overdue ? <Tag colour="red">Over 14 days</Tag> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {notTaken.length > 0 ? (
        <>
          <h2>Registers not taken</h2>
          <p>Earlier sessions with no register. You can still take them.</p>
          <ul className="nhsuk-list">
            {notTaken.map((s) => (
              <li key={s.sessionId} className="nhsuk-card">
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
                    {s.activityName}, {formatIsoDate(s.date)}, {s.startTime} to {s.endTime}
                  </h3>
                  <p className="nhsuk-u-margin-bottom-2">
                    <Tag colour={sessionStateColours.not_taken}>{s.stateLabel}</Tag>
                  </p>
                  <Link
                    className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                    to={`/activities/${s.activityId}/sessions/${s.sessionId}`}
                  >
                    Take register
                    <span className="nhsuk-u-visually-hidden">
                      {" "}
                      for {s.activityName} on {formatIsoDate(s.date)} at {s.startTime}
                    </span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Activities you run</h2>
      <ul className="nhsuk-list">
        {activities.map((a) => (
          <li key={a.id} className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">{a.name}</h3>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                {a.provider_name} · {a.formatLabel} · {a.participants} taking part
              </p>
              <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                {a.format === "one_to_one" ? (
                  <>
                    <li>
                      <Link to={`/activities/${a.id}/befriending`}>
                        Matches and calls<span className="nhsuk-u-visually-hidden"> for {a.name}</span>
                      </Link>
                    </li>
                    <li>
                      <Link to={`/activities/${a.id}/volunteers`}>
                        Volunteers<span className="nhsuk-u-visually-hidden"> for {a.name}</span>
                      </Link>
                    </li>
                  </>
                ) : (
                  <li>
                    <Link to={`/activities/${a.id}/schedule`}>
                      Schedule and sessions<span className="nhsuk-u-visually-hidden"> for {a.name}</span>
                    </Link>
                  </li>
                )}
                <li>
                  <Link to={`/activities/${a.id}/edit`}>
                    Edit listing<span className="nhsuk-u-visually-hidden"> for {a.name}</span>
                  </Link>
                </li>
              </ul>
            </div>
          </li>
        ))}
      </ul>

      {volunteers.map((v) => (
        <section key={v.activityId}>
          <h2>Volunteers: {v.provider}</h2>
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Volunteers and their DBS checks</caption>
            <TableHead headings={["Volunteer", "DBS check"]} />
            <tbody className="nhsuk-table__body">
              {v.rows.map((r) => (
                <tr key={r.id} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{r.name}</td>
                  <td className="nhsuk-table__cell">
                    <Tag colour={dbsStatusColours[r.dbs]}>{r.label}</Tag>
                    {r.dbs === "expired" || r.dbs === "missing"
                      ? " Cannot be matched until a current check is recorded."
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <Link to={`/activities/${v.activityId}/volunteers`}>Update volunteers and DBS checks</Link>
          </p>
        </section>
      ))}
    </>
  );
}
