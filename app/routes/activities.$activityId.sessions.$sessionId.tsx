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
import { sessionState, sessionStateLabels } from "~/attendance/session-state";
import { labelOf } from "~/labels";
import { deniedInside, requireActivityAccess, requireInsideActivity } from "~/directory/scope.server";
import { isUuid } from "~/params";
import { SuccessBanner } from "~/ui/Banner";
import { Radios } from "~/ui/choices";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { revalidateAfterConflict, TextInput } from "~/ui/form";
import { formatDateTime, formatIsoDate, formatTime } from "~/ui/format";
import { forTheProvider } from "~/referrals/codes";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Register – Connect Well" }];

// After "someone saved first" the people list is read again too, so anyone added meanwhile is on the form.
export const shouldRevalidate = revalidateAfterConflict;

export async function loader(args: LoaderFunctionArgs) {
  const { activity, found: register } = await requireInsideActivity(args, "register.view", {
    param: "sessionId",
    entityType: "activity_session",
    find: (actor, activityId, id) => loadRegister(args.context.db, actor, activityId, id),
  });
  const { session, people } = register;
  const today = londonToday();
  const state = sessionState(
    { status: session.status, registerSaved: session.register_saved_at !== null, date: session.session_date },
    today,
  );
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
      future: session.session_date > today,
      stateLabel: labelOf(sessionStateLabels, state),
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
  const activity = await requireActivityAccess(context.db, guard, params.activityId, "register.save");
  const denied = () => deniedInside(context.db, guard, "register.save", "activity_session", params.sessionId);
  if (!isUuid(params.sessionId)) return denied();
  const sessionId = params.sessionId;
  const form = await request.formData();
  // "Mark everyone present" saves nothing: it answers with the form as posted and every person on it present,
  // keeping the version the lead loaded, so their save still goes through the register's conflict check.
  if (form.get("intent") === ALL_PRESENT) return everyonePresent(form);
  const parsed = parseRegister(form);
  const none: { saved: null; theirs: ReturnType<typeof savedRegister> | null } = { saved: null, theirs: null };
  if (!parsed.ok) return reply(parsed, { extra: none });
  return attempt(
    parsed,
    async () => {
      const outcome = await saveRegister(
        context.db,
        actorOf(guard),
        activity.id,
        sessionId,
        parsed.data,
        londonToday(),
      );
      return { errors: null, values: null, saved: outcome, theirs: null };
    },
    {
      extra: none,
      notFound: denied,
      // Someone saved first: read the register as it now stands (an audited view, like the page's), so the lead
      // sees those marks beside their own, and the next save carries the version of what they were shown, no newer.
      onConflict: async () => {
        const now = await loadRegister(context.db, actorOf(guard), activity.id, sessionId);
        if (!now) return denied();
        const theirs = savedRegister(now);
        const names = new Map(now.people.map((p) => [p.referral_id, `${p.given_name} ${p.family_name}`]));
        const who = theirs.savedBy ?? "Someone else";
        const errors: Record<string, string> = {};
        for (const d of markDifferences(parsed.data.marks, theirs.marks)) {
          const name = names.get(d.referralId) ?? "This person";
          errors[`${MARK_PREFIX}${d.referralId}`] =
            `${name}: ${who} saved ${markWords(d.theirs)}, you chose ${markWords(d.mine)}. Choose which to keep`;
        }
        if (theirs.otherAttendees !== (parsed.data.otherAttendees ?? 0))
          errors.otherAttendees = `${who} saved ${theirs.otherAttendees} other people, you entered ${parsed.data.otherAttendees}. Enter the number to keep`;
        return {
          conflict: `${who} saved this register${theirs.savedAt ? ` at ${formatTime(theirs.savedAt)}` : ""} while you had it open, so your marks have not been saved. Their marks are shown beside yours: choose which to keep for each person, then save again.`,
          extra: { saved: null, theirs },
          errors,
        };
      },
    },
  );
}

/** The submit button's intent that marks everyone present in the form without saving. */
const ALL_PRESENT = "all-present";
/** One hidden field per person on the form, so marking everyone present reaches those left unmarked too. */
const ON_REGISTER = "onRegisterId";

/**
 * The register form as posted, with each person listed in its `onRegisterId` fields marked present: values only,
 * nothing read or saved. `markedAll` is a fresh token, so the form is drawn again even on a second press.
 */
function everyonePresent(form: FormData) {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (typeof value === "string" && key !== "intent" && key !== ON_REGISTER) values[key] = value;
  for (const id of form.getAll(ON_REGISTER))
    if (typeof id === "string" && isUuid(id)) values[`${MARK_PREFIX}${id}`] = "present";
  return { errors: null, values, saved: null, theirs: null, markedAll: crypto.randomUUID() };
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
      // Marked present all at once: a different mark already saved says so at its choice, for the lead to check.
      const savedBefore = markedAll && s !== "present" && people.find((p) => p.referralId === referralId)?.mark === s;
      if (savedBefore) return { value: s, label: `${label} (saved before)` };
      return {
        value: s,
        label: yours ? `${label} (yours)` : saved ? `${label} (saved by ${theirs.savedBy ?? "someone else"})` : label,
      };
    });
  const closed = session.status === "cancelled" || session.future;
  const savedAt = theirs ? theirs.savedAt : session.savedAt;
  const markedAll = result && "markedAll" in result ? result.markedAll : null;
  // After "Mark everyone present" the page's loader has run again, but the form keeps the version the lead loaded:
  // a register saved meanwhile is then shown beside theirs on save, never overwritten unseen.
  const formVersion = theirs
    ? theirs.version
    : markedAll && values?.registerVersion
      ? values.registerVersion
      : session.version;
  const savedOtherwise = markedAll ? people.filter((p) => p.mark && p.mark !== "present") : [];
  return (
    <>
      <PageHeading
        back={{ to: "/my-activities", text: "Back to your activities" }}
        errors={errors}
        notice={
          <>
            {result?.saved ? (
              <SuccessBanner>
                Register saved: {result.saved.counts.present} present, {result.saved.counts.absent} absent,{" "}
                {result.saved.counts.excused} excused and {result.saved.otherAttendees} other
                {result.saved.otherAttendees === 1 ? "" : "s"}.
              </SuccessBanner>
            ) : null}
            {markedAll ? (
              <div className="nhsuk-inset-text" role="status">
                <p>
                  <strong>Everyone marked present: check and save.</strong> Nothing is saved until you choose Save
                  register.
                  {savedOtherwise.length > 0
                    ? ` Saved with another mark before: ${savedOtherwise
                        .map((p) => `${p.name} (${markWords(p.mark as Mark)})`)
                        .join(", ")}.`
                    : ""}
                </p>
              </div>
            ) : null}
          </>
        }
        caption={activity.name}
      >
        Register for {formatIsoDate(session.date)}
      </PageHeading>
      <p>
        {session.start} to {session.end}.{" "}
        {savedAt
          ? `Last saved ${formatDateTime(savedAt)}${theirs?.savedBy ? ` by ${theirs.savedBy}` : ""}.`
          : `${session.stateLabel}.`}
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
        <Form
          method="post"
          noValidate
          key={`${formVersion}-${result?.saved ? "saved" : theirs ? "conflict" : (markedAll ?? "open")}`}
        >
          <input type="hidden" name="registerVersion" value={formVersion} />
          <input
            type="hidden"
            name="idempotencyKey"
            value={result?.saved ? saveKey : (values?.idempotencyKey ?? saveKey)}
          />
          {people.length === 0 ? (
            <p>Nobody has been referred and accepted yet. Record the people who came in the count below.</p>
          ) : (
            <>
              {/* The form's first submit button is what Enter in a field presses: saving, not marking everyone. */}
              <button type="submit" hidden tabIndex={-1} aria-hidden="true" disabled={busy} />
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="submit"
                name="intent"
                value={ALL_PRESENT}
                disabled={busy}
              >
                Mark everyone present
              </button>
            </>
          )}
          {people.map((p) => (
            <input key={`on-${p.referralId}`} type="hidden" name={ON_REGISTER} value={p.referralId} />
          ))}
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
