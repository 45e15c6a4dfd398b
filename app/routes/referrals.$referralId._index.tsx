import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { selfReferralSummary } from "~/referrals/self-referral";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/errors";
import { actorOf } from "~/auth/guards.server";
import { requirePersonAccess } from "~/care-team/access.server";
import { idParam } from "~/params";
import { can, roleLabels } from "~/auth/roles";
import { barriers, needs, referralSources } from "~/referrals/codes";
import {
  declinedBy,
  endReasonLabels,
  endReasons,
  OPEN_STATUSES,
  PROVIDER_REPLY_DAYS,
  snomedCodeLabels,
  statusLabels,
  type ReferralStatus,
} from "~/referrals/lifecycle";
import { readReferral } from "~/referrals/referrals.server";
import { closeDecline } from "~/referrals/declines.server";
import { caseworkerTransition } from "~/referrals/transition-actions.server";
import { transitionSchema } from "~/referrals/transition-form";
import { Radios } from "~/ui/choices";
import { ErrorSummary, revalidateAfterConflict, Textarea } from "~/ui/form";
import { formatDate, formatDateTime, formatIsoDate } from "~/ui/format";
import { readIntent } from "~/forms/intent";
import { parseForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { labelOf, labelsOf } from "~/labels";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";
import { personCaption } from "~/people/person-caption";
import { NoticeBanner, noticeFrom } from "~/ui/Notice";
import { TableHead } from "~/ui/Table";

export const meta: MetaFunction = () => [{ title: "Referral – Connect Well" }];
export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "people:read");
  const found = await readReferral(context.db, actorOf(guard), idParam(params.referralId, "Referral"));
  if (!found) notFound("Referral");
  const r = found.referral;
  return {
    notice: noticeFrom(request, {
      created: "The referral has been recorded.",
      moved: "The referral has been updated.",
      saved: "Changes saved.",
    }),
    canWrite: can(guard.user.role, "referrals:write"),
    // Measures belong to an open referral: the prescriber takes the baseline from here, not from the person page.
    recordMeasureHref:
      can(guard.user.role, "measures:record") && OPEN_STATUSES.includes(r.status as ReferralStatus)
        ? `/people/${r.person_id}/measures/new?referral=${r.id}`
        : null,
    referral: {
      id: r.id,
      version: r.version,
      personId: r.person_id,
      personName: `${r.given_name} ${r.family_name}`,
      dateOfBirth: r.date_of_birth,
      kind: r.kind,
      status: r.status as ReferralStatus,
      activity: r.activity_name,
      provider: r.provider_name,
      source: labelOf(referralSources, r.source),
      sourceDetail: r.source_detail,
      caseworker: r.caseworker,
      needs: labelsOf(needs, r.needs),
      barriers: labelsOf(barriers, r.barriers),
      supportNotes: r.support_notes,
      snomed: labelOf(snomedCodeLabels, r.snomed_code),
      receivedAt: r.received_at.toISOString(),
      declinedBy: r.declined_by,
      declineReason: r.decline_reason,
      endReason: r.end_reason ? labelOf(endReasonLabels, r.end_reason) : null,
      firstAttendedOn: r.first_attended_on,
    },
    overdue: found.overdue,
    nextSteps: found.nextSteps,
    declineToFollowUp: found.declineToFollowUp,
    request: found.request
      ? {
          receivedAt: found.request.received_at.toISOString(),
          summary: selfReferralSummary({
            topics: found.request.topics,
            bestTime: found.request.best_time,
            message: found.request.message,
          }),
        }
      : null,
    history: found.history.map((h) => ({
      id: h.id,
      from: h.from_status,
      to: h.to_status,
      reason: h.reason,
      at: h.occurred_at.toISOString(),
      actor: h.actor,
      role: h.actor_role ? labelOf(roleLabels, h.actor_role) : null,
    })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "referrals:write");
  const referralId = idParam(params.referralId, "Referral");
  const form = await request.formData();
  // The transition form sends no intent; the "close, nothing to follow up" button sends its own.
  if (readIntent(form, ["move", "close-decline"] as const, { absent: "move" }) === "close-decline") {
    // Nothing to follow up (already closed, or referred elsewhere meanwhile): the page shows the current state.
    await closeDecline(context.db, actorOf(guard), referralId);
    return redirect(`/referrals/${referralId}?saved=1`);
  }
  const parsed = parseForm(transitionSchema, form);
  if (!parsed.ok) return reply(parsed);
  return attempt(
    parsed,
    async () => {
      await caseworkerTransition(context.db, actorOf(guard), referralId, parsed.data);
      return redirect(`/referrals/${referralId}?moved=1`);
    },
    {
      conflict:
        "Someone else updated this referral while you were working on it. Check its current status and history below; what you entered is kept so you can save again if it still applies.",
    },
  );
}

const stepLabels: Record<ReferralStatus, string> = {
  received: "Received",
  contacted: "First contact made",
  accepted: "Accepted",
  declined: "Declined",
  attending: "Attending",
  ended: "Ended",
};

function ChangeLink({ href, what }: { href: string; what: string }) {
  return (
    <Link to={href}>
      Change<span className="nhsuk-u-visually-hidden"> {what}</span>
    </Link>
  );
}

export default function ReferralPage() {
  const {
    referral: r,
    history,
    nextSteps,
    overdue,
    notice,
    canWrite,
    request,
    declineToFollowUp,
    recordMeasureHref,
  } = useLoaderData<typeof loader>();
  const { errors, values, conflict, busy } = useFormReply<typeof action>();
  return (
    <>
      <Link className="nhsuk-back-link" to={`/people/${r.personId}`}>
        Back to {r.personName}
      </Link>
      <NoticeBanner
        notice={notice}
        more={{
          created: recordMeasureHref ? (
            <p>
              <Link className="nhsuk-notification-banner__link" to={recordMeasureHref}>
                Record the baseline measure now
              </Link>
            </p>
          ) : null,
        }}
      />
      <ErrorSummary errors={errors} />
      <span className="nhsuk-caption-l">{personCaption(r.personName, r.dateOfBirth)}</span>
      <h1>
        {r.kind === "direct" ? `Referral to ${r.activity}` : r.activity ? `Signposted to ${r.activity}` : "Signposting"}
      </h1>
      {overdue ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Provider reply overdue
            </span>
          </h2>
          <p>
            {r.provider ?? "The provider"} has not accepted or declined this referral within {PROVIDER_REPLY_DAYS} days.
            Contact them, or offer something else.
          </p>
        </div>
      ) : null}
      {declineToFollowUp ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Declined: find an alternative
            </span>
          </h2>
          <p>
            {r.provider ?? "The provider"} could not take this referral
            {r.declineReason ? `: ${r.declineReason}` : "."} It stays on your caseload until you refer {r.personName} to
            something else or close it.
          </p>
          {canWrite ? (
            <>
              <p>
                <Link to={`/people/${r.personId}/refer`}>Refer {r.personName} to another activity</Link>
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="close-decline" />
                <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                  Close: no alternative needed
                </button>
              </Form>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <SummaryList>
            <SummaryRow label="Status">
              <strong className="nhsuk-tag">{statusLabels[r.status]}</strong>
              {r.endReason ? ` (${r.endReason.toLowerCase()})` : ""}
              {r.declinedBy ? ` by the ${r.declinedBy}: ${r.declineReason ?? ""}` : ""}
            </SummaryRow>
            <SummaryRow label="Offered">
              {r.kind === "direct" ? "Direct referral" : "Signposting only"}
              {r.provider ? ` (${r.provider})` : ""}
            </SummaryRow>
            <SummaryRow label="Referred by">
              {r.source}
              {r.sourceDetail ? `: ${r.sourceDetail}` : ""}
            </SummaryRow>
            {request ? (
              <SummaryRow label="What they asked for">
                {request.summary || "They left no message."}{" "}
                <span className="nhsuk-body-s app-muted">(Start a conversation, {formatDate(request.receivedAt)})</span>
              </SummaryRow>
            ) : null}
            <SummaryRow label="Caseworker">{r.caseworker ?? "Not assigned"}</SummaryRow>
            <SummaryRow
              label="Needs"
              action={canWrite ? <ChangeLink href={`/referrals/${r.id}/edit`} what="needs" /> : null}
            >
              {r.needs.join(", ") || "None recorded"}
            </SummaryRow>
            <SummaryRow
              label="Barriers"
              action={canWrite ? <ChangeLink href={`/referrals/${r.id}/edit`} what="barriers" /> : null}
            >
              {r.barriers.join(", ") || "None recorded"}
            </SummaryRow>
            <SummaryRow
              label="Notes for the provider"
              action={canWrite ? <ChangeLink href={`/referrals/${r.id}/edit`} what="notes for the provider" /> : null}
            >
              {r.supportNotes ?? "None"}
            </SummaryRow>
            <SummaryRow label="GP record code (SNOMED CT)">{r.snomed}</SummaryRow>
            <SummaryRow label="Received">{formatDate(r.receivedAt)}</SummaryRow>
            {r.firstAttendedOn ? (
              <SummaryRow label="First attended">{formatIsoDate(r.firstAttendedOn)}</SummaryRow>
            ) : null}
          </SummaryList>
          {recordMeasureHref ? (
            <p>
              <Link className="nhsuk-button nhsuk-button--secondary" to={recordMeasureHref}>
                Record a measure
              </Link>
            </p>
          ) : null}

          {canWrite && nextSteps.length > 0 ? (
            <>
              <h2>Update the referral</h2>
              <Form method="post" noValidate>
                <input type="hidden" name="version" value={conflict ? r.version : (values.version ?? r.version)} />
                <Radios
                  name="to"
                  legend="What has happened?"
                  value={values.to}
                  error={errors?.to}
                  options={nextSteps.map((s) => ({ value: s, label: stepLabels[s] }))}
                />
                {nextSteps.includes("declined") ? (
                  <Radios
                    name="declinedBy"
                    legend="If declined, who declined?"
                    inline
                    value={values.declinedBy}
                    error={errors?.declinedBy}
                    options={declinedBy.map((d) => ({
                      value: d,
                      label: d === "person" ? "The person" : "The provider",
                    }))}
                  />
                ) : null}
                {nextSteps.includes("ended") ? (
                  <Radios
                    name="endReason"
                    legend="If ended, why?"
                    value={values.endReason}
                    error={errors?.endReason}
                    options={endReasons.map((e) => ({ value: e, label: endReasonLabels[e] }))}
                  />
                ) : null}
                <Textarea
                  name="reason"
                  label="Reason or note (needed when declining, or ending for another reason)"
                  rows={3}
                  defaultValue={values.reason}
                  error={errors?.reason}
                />
                <button className="nhsuk-button" type="submit" disabled={busy}>
                  Save update
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </div>

      <h2>History</h2>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Status history</caption>
        <TableHead headings={["When", "Change", "Who", "Reason"]} />
        <tbody className="nhsuk-table__body">
          {history.map((h) => (
            <tr key={h.id} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">{formatDateTime(h.at)}</td>
              <td className="nhsuk-table__cell">
                {h.from
                  ? `${labelOf(statusLabels, h.from)} to ${labelOf(statusLabels, h.to)}`
                  : labelOf(statusLabels, h.to)}
              </td>
              <td className="nhsuk-table__cell">
                {h.actor ? `${h.actor}${h.role ? `, ${h.role}` : ""}` : "The register"}
              </td>
              <td className="nhsuk-table__cell">{h.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
