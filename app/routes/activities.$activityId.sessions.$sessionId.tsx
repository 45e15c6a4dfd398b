import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { attendanceLabels, attendanceStatuses, MARK_PREFIX, parseRegister } from "~/attendance/register";
import { loadRegister, saveRegister } from "~/attendance/register.server";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { newIdempotencyKey } from "~/directory/keys.server";
import { hhmm } from "~/directory/schedule";
import { londonToday } from "~/calendar";
import { deniedInside, isUuid, requireActivityAccess } from "~/directory/scope.server";
import { SuccessBanner } from "~/directory/ui/Banner";
import { Radios } from "~/ui/choices";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { ErrorSummary, TextInput } from "~/ui/form";
import { formatDateTime, formatIsoDate } from "~/ui/format";
import { forTheProvider } from "~/referrals/codes";

export const meta: MetaFunction = () => [{ title: "Register – Connect Well" }];

async function load(request: Request, context: unknown, params: Record<string, string | undefined>, attempted: string) {
  const guard = await requirePermission(request, context, "activities:lead");
  const activity = await requireActivityAccess(guard, params.activityId, attempted);
  const register = isUuid(params.sessionId) ? await loadRegister(actorOf(guard), activity.id, params.sessionId) : null;
  if (!register) return deniedInside(guard, attempted, "activity_session", params.sessionId);
  return { guard, activity, register };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { activity, register } = await load(request, context, params, "register.view");
  const { session, people } = register;
  return {
    activity: { id: activity.id, name: activity.name },
    session: {
      id: session.id,
      date: session.session_date,
      start: hhmm(session.start_time),
      end: hhmm(session.end_time),
      status: session.status,
      cancelReason: session.cancel_reason,
      otherAttendees: session.other_attendees,
      version: session.register_version,
      savedAt: session.register_saved_at?.toISOString() ?? null,
      future: session.session_date > londonToday(),
    },
    people: people.map((p) => ({
      referralId: p.referral_id,
      name: `${p.given_name} ${p.family_name}`,
      preferred: p.preferred_name,
      phone: p.phone,
      email: p.email,
      preferredContact: p.preferred_contact,
      accessNeeds: p.access_needs,
      notes: p.support_notes,
      barriers: forTheProvider(p).barriers,
      communicationNeeds: p.communication_needs,
      mark: p.mark,
      firstVisit: p.referral_status === "accepted",
    })),
    saveKey: newIdempotencyKey(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "activities:lead");
  const activity = await requireActivityAccess(guard, params.activityId, "register.save");
  const denied = () => deniedInside(guard, "register.save", "activity_session", params.sessionId);
  if (!isUuid(params.sessionId)) return denied();
  const sessionId = params.sessionId;
  const parsed = parseRegister(await request.formData());
  if (!parsed.ok) return reply(parsed, { extra: { saved: null } });
  return attempt(
    parsed,
    async () => {
      const outcome = await saveRegister(actorOf(guard), activity.id, sessionId, parsed.data, londonToday());
      return { errors: null, values: null, saved: outcome };
    },
    {
      conflict:
        "Someone else saved this register while you had it open. Your marks are shown below and have not been saved: check them against the latest register and save again.",
      extra: { saved: null },
      notFound: denied,
    },
  );
}

export default function RegisterPage() {
  const { activity, session, people, saveKey } = useLoaderData<typeof loader>();
  const { reply: result, errors, busy } = useFormReply<typeof action>();
  const values = result?.values ?? null;
  // After a conflict the form takes the latest version (so the next save is deliberate) but keeps the marks typed.
  const markOf = (referralId: string, saved: string | null) =>
    values ? values[`${MARK_PREFIX}${referralId}`] : (saved ?? undefined);
  const closed = session.status === "cancelled" || session.future;
  return (
    <>
      <Link className="nhsuk-back-link" to="/my-activities">
        Back to your activities
      </Link>
      {result?.saved ? (
        <SuccessBanner>
          Register saved: {result.saved.counts.present} present, {result.saved.counts.absent} absent,{" "}
          {result.saved.counts.excused} excused and {result.saved.otherAttendees} other
          {result.saved.otherAttendees === 1 ? "" : "s"}.
        </SuccessBanner>
      ) : null}
      <ErrorSummary errors={errors} />
      <span className="nhsuk-caption-l">{activity.name}</span>
      <h1>Register for {formatIsoDate(session.date)}</h1>
      <p>
        {session.start} to {session.end}.{" "}
        {session.savedAt ? `Last saved ${formatDateTime(session.savedAt)}.` : "Not taken yet."}
      </p>
      {session.status === "cancelled" ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Session cancelled
            </span>
          </h2>
          <p>
            This session was cancelled{session.cancelReason ? ` (${session.cancelReason})` : ""}, so it has no register.
          </p>
        </div>
      ) : session.future ? (
        <div className="nhsuk-inset-text">
          <p>This session has not happened yet. Take the register on the day.</p>
        </div>
      ) : (
        <Form method="post" noValidate key={`${session.version}-${result?.saved ? "saved" : "open"}`}>
          <input
            type="hidden"
            name="registerVersion"
            value={result && "currentVersion" in result ? result.currentVersion : session.version}
          />
          <input
            type="hidden"
            name="idempotencyKey"
            value={result?.saved ? saveKey : (values?.idempotencyKey ?? saveKey)}
          />
          {people.length === 0 ? (
            <p>Nobody has been referred and accepted yet. Record the people who came in the count below.</p>
          ) : null}
          {people.map((p) => (
            <div key={p.referralId} className="nhsuk-card">
              <div className="nhsuk-card__content">
                <Radios
                  name={`${MARK_PREFIX}${p.referralId}`}
                  legend={`${p.name}${p.preferred ? ` (known as ${p.preferred})` : ""}`}
                  legendSize="m"
                  inline
                  small
                  value={markOf(p.referralId, p.mark)}
                  error={errors?.[`${MARK_PREFIX}${p.referralId}`]}
                  hint={
                    [
                      p.firstVisit ? "First visit" : null,
                      p.accessNeeds ? `Access: ${p.accessNeeds}` : null,
                      p.communicationNeeds ? `Communication: ${p.communicationNeeds}` : null,
                      p.barriers.length ? `May need help with: ${p.barriers.join("; ")}` : null,
                      p.notes ? `Referrer's note: ${p.notes}` : null,
                      p.phone ? `Phone ${p.phone}` : null,
                    ]
                      .filter(Boolean)
                      .join(" · ") || undefined
                  }
                  options={attendanceStatuses.map((s) => ({ value: s, label: attendanceLabels[s] }))}
                />
              </div>
            </div>
          ))}
          <TextInput
            name="otherAttendees"
            label="Other people who came"
            hint="People who came along without a referral (drop-ins)."
            width={10}
            inputMode="numeric"
            defaultValue={values?.otherAttendees ?? String(session.otherAttendees)}
            error={errors?.otherAttendees}
          />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Save register
          </button>
        </Form>
      )}
      {closed ? null : (
        <p className="nhsuk-body-s">
          Saving replaces this session's register with what is shown here. Saves are all or nothing.
        </p>
      )}
      <p>
        {people.length} referred {people.length === 1 ? "person" : "people"} on this register.
      </p>
    </>
  );
}
