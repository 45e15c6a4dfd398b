import type { AuditAction } from "~/audit/actions";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  attendanceLabels,
  attendanceStatuses,
  MARK_PREFIX,
  markDifferences,
  marksOfValues,
  parseRegister,
  type AttendanceStatus,
  type Mark,
} from "~/attendance/register";
import { loadRegister, saveRegister } from "~/attendance/register.server";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { newIdempotencyKey } from "~/directory/keys.server";
import { hhmm } from "~/directory/schedule";
import { londonToday } from "~/calendar";
import { deniedInside, isUuid, requireActivityAccess } from "~/directory/scope.server";
import { SuccessBanner } from "~/directory/ui/Banner";
import { Radios } from "~/ui/choices";
import { reply, replyToError } from "~/forms/reply";
import { ConflictError, NotFoundError } from "~/errors";
import { useFormReply } from "~/forms/use-form-reply";
import { ErrorSummary, revalidateAfterConflict, TextInput } from "~/ui/form";
import { formatDateTime, formatIsoDate, formatTime } from "~/ui/format";
import { forTheProvider } from "~/referrals/codes";

export const meta: MetaFunction = () => [{ title: "Register – Connect Well" }];

// After "someone saved first" the people list is read again too, so anyone added meanwhile is on the form.
export const shouldRevalidate = revalidateAfterConflict;

async function load(
  request: Request,
  context: unknown,
  params: Record<string, string | undefined>,
  attempted: AuditAction,
) {
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
  if (!parsed.ok) return reply(parsed, { extra: { saved: null, theirs: null } });
  try {
    const outcome = await saveRegister(actorOf(guard), activity.id, sessionId, parsed.data, londonToday());
    return { errors: null, values: null, saved: outcome, theirs: null };
  } catch (err) {
    if (err instanceof NotFoundError) return denied();
    if (!(err instanceof ConflictError)) return replyToError(err, parsed, { extra: { saved: null, theirs: null } });
    // Someone saved first: read the register as it now stands (an audited view, like the page's), so the lead sees
    // those marks beside their own, and the next save carries the version of what they were shown, no newer.
    const now = await loadRegister(actorOf(guard), activity.id, sessionId);
    if (!now) return denied();
    const theirs = savedRegister(now);
    const differences = markDifferences(parsed.data.marks, theirs.marks);
    const names = new Map(now.people.map((p) => [p.referral_id, `${p.given_name} ${p.family_name}`]));
    const who = theirs.savedBy ?? "Someone else";
    const body = replyToError(err, parsed, {
      conflict: `${who} saved this register${theirs.savedAt ? ` at ${formatTime(theirs.savedAt)}` : ""} while you had it open, so your marks have not been saved. Their marks are shown beside yours: choose which to keep for each person, then save again.`,
      extra: { saved: null, theirs },
    });
    for (const d of differences) {
      const name = names.get(d.referralId) ?? "This person";
      body.data.errors[`${MARK_PREFIX}${d.referralId}`] =
        `${name}: ${who} saved ${markWords(d.theirs)}, you chose ${markWords(d.mine)}. Choose which to keep`;
    }
    if (theirs.otherAttendees !== (parsed.data.otherAttendees ?? 0))
      body.data.errors.otherAttendees = `${who} saved ${theirs.otherAttendees} other people, you entered ${parsed.data.otherAttendees}. Enter the number to keep`;
    return body;
  }
}

/** The register as someone else saved it, for the page that refused a stale save: version, who, when and marks. */
function savedRegister(now: NonNullable<Awaited<ReturnType<typeof loadRegister>>>) {
  const marks: Record<string, AttendanceStatus | null> = {};
  for (const p of now.people) marks[p.referral_id] = (p.mark as AttendanceStatus | null) ?? null;
  return {
    version: now.session.register_version,
    savedAt: now.session.register_saved_at?.toISOString() ?? null,
    savedBy: now.session.register_saved_by_name ?? null,
    otherAttendees: now.session.other_attendees,
    marks,
  };
}

function markWords(mark: Mark) {
  return mark ? attendanceLabels[mark].toLowerCase() : "no mark";
}

export default function RegisterPage() {
  const { activity, session, people, saveKey } = useLoaderData<typeof loader>();
  const { reply: result, errors, busy } = useFormReply<typeof action>();
  const values = result?.values ?? null;
  // After "someone saved first": the register as they saved it, shown beside the lead's own marks.
  const theirs = result && "theirs" in result ? result.theirs : null;
  const mine = values ? marksOfValues(values) : null;
  // A conflict keeps the marks typed; a person the lead left unmarked takes the saved mark (nothing of theirs to
  // keep), and the form carries the version of the register shown, so a second save is a choice made having seen it.
  const markOf = (referralId: string, saved: string | null) => {
    if (theirs) return mine?.[referralId] ?? theirs.marks[referralId] ?? undefined;
    return values ? values[`${MARK_PREFIX}${referralId}`] : (saved ?? undefined);
  };
  const optionsFor = (referralId: string) =>
    attendanceStatuses.map((s) => {
      const yours = theirs && mine?.[referralId] === s;
      const saved = theirs && theirs.marks[referralId] === s && mine?.[referralId] !== s;
      const label = attendanceLabels[s];
      return {
        value: s,
        label: yours ? `${label} (yours)` : saved ? `${label} (saved by ${theirs.savedBy ?? "someone else"})` : label,
      };
    });
  const closed = session.status === "cancelled" || session.future;
  const savedAt = theirs ? theirs.savedAt : session.savedAt;
  const formVersion = theirs ? theirs.version : session.version;
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
        {savedAt
          ? `Last saved ${formatDateTime(savedAt)}${theirs?.savedBy ? ` by ${theirs.savedBy}` : ""}.`
          : "Not taken yet."}
      </p>
      {theirs ? (
        <div className="nhsuk-inset-text">
          <p>
            Saving again replaces the register {theirs.savedBy ?? "they"} saved
            {theirs.savedAt ? ` at ${formatTime(theirs.savedAt)}` : ""} with what is selected below.{" "}
            <Link to=".">Discard your marks and show the saved register</Link>
          </p>
        </div>
      ) : null}
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
        <Form method="post" noValidate key={`${formVersion}-${result?.saved ? "saved" : theirs ? "conflict" : "open"}`}>
          <input type="hidden" name="registerVersion" value={formVersion} />
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
                  options={optionsFor(p.referralId)}
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
