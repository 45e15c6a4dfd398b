import type { AuditAction } from "~/audit/actions";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { answerReferral, getInbound } from "~/attendance/inbound.server";
import { actorOf } from "~/auth/guards.server";
import { requireInsideActivity } from "~/directory/scope.server";
import { Tag } from "~/ui/Banner";
import { Radios } from "~/ui/choices";
import { providerReplyOverdue, statusLabels, type ReferralKind, type ReferralStatus } from "~/referrals/lifecycle";
import { Textarea } from "~/ui/form";
import { formatDate } from "~/ui/format";
import { contactMethods } from "~/people/person-form";
import { forTheProvider } from "~/referrals/codes";
import { withChecks } from "~/forms/checks";
import { version } from "~/forms/fields";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { labelOf } from "~/labels";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Referral – Connect Well" }];

const answerSchema = withChecks(
  z.object({
    decision: z.enum(["accept", "decline"], { error: "Select whether you can accept this referral" }),
    reason: z.string().trim().max(1000, "The reason must be 1000 characters or fewer").optional(),
    version,
  }),
  (v): Record<string, string> =>
    v.decision === "decline" && "reason" in v && !v.reason
      ? { reason: "Enter the reason you cannot accept this referral, so the referrer can find something else" }
      : {},
);

/** The referral to one of this lead's activities, or the 404 page. */
const load = (args: LoaderFunctionArgs, attempted: AuditAction) =>
  requireInsideActivity(args, attempted, {
    param: "referralId",
    entityType: "referral",
    find: (actor, activityId, id) => getInbound(args.context.db, actor, activityId, id),
  });

export async function loader(args: LoaderFunctionArgs) {
  const { activity, found: r } = await load(args, "referral.inbound-view");
  return {
    activity: { id: activity.id, name: activity.name },
    referral: {
      id: r.id,
      status: r.status as ReferralStatus,
      statusLabel: labelOf(statusLabels, r.status),
      version: r.version,
      receivedAt: r.received_at.toISOString(),
      overdue: providerReplyOverdue({
        kind: r.kind as ReferralKind,
        status: r.status as ReferralStatus,
        receivedAt: r.received_at,
        providerRespondedAt: r.provider_responded_at,
      }),
      waiting: r.kind === "direct" && (r.status === "received" || r.status === "contacted"),
      declineReason: r.declined_by === "provider" ? r.decline_reason : null,
    },
    person: {
      name: `${r.given_name} ${r.family_name}`,
      preferred: r.preferred_name,
      phone: r.phone,
      email: r.email,
      preferredContact: r.preferred_contact ? labelOf(contactMethods, r.preferred_contact) : null,
      accessNeeds: r.access_needs,
      communicationNeeds: r.communication_needs,
    },
    fromReferrer: { notes: r.support_notes, ...forTheProvider(r) },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { guard, found: referral } = await load(args, "referral.answer");
  const parsed = await readForm(args.request, answerSchema);
  if (!parsed.ok) return reply(parsed);
  const { decision, reason, version: expectedVersion } = parsed.data;
  return attempt(
    parsed,
    async () => {
      await answerReferral(args.context.db, actorOf(guard), referral.id, { decision, reason, expectedVersion });
      return redirect(`/my-activities?answered=${decision === "accept" ? "accepted" : "declined"}`);
    },
    {
      conflict:
        "This referral changed while you had it open (the referrer may have updated it). Check it below and answer again.",
      // The lifecycle's refusals are about the answer as a whole: shown at the one choice this form has.
      fields: { to: "decision", declinedBy: "decision", endReason: "decision", reason: "decision" },
    },
  );
}

export default function InboundReferral() {
  const { activity, referral, person, fromReferrer } = useLoaderData<typeof loader>();
  const { values, errors } = useFormReply<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading
          back={{ to: "/my-activities", text: "Back to your activities" }}
          errors={errors}
          caption={<>Referral to {activity.name}</>}
        >
          {person.name}
        </PageHeading>
        <p>
          Received {formatDate(referral.receivedAt)} ·{" "}
          <Tag colour={referral.waiting ? "blue" : "grey"}>{referral.statusLabel}</Tag>{" "}
          {referral.overdue ? <Tag colour="red">Waiting more than 14 days</Tag> : null}
        </p>
        <SummaryList>
          <SummaryRow label="Known as">{person.preferred ?? person.name}</SummaryRow>
          <SummaryRow label="Phone">{person.phone ?? "Not given"}</SummaryRow>
          <SummaryRow label="Email">{person.email ?? "Not given"}</SummaryRow>
          <SummaryRow label="Prefers contact by">{person.preferredContact ?? "Not given"}</SummaryRow>
          <SummaryRow label="Access needs">{person.accessNeeds ?? "None recorded"}</SummaryRow>
          <SummaryRow label="Communication needs">{person.communicationNeeds ?? "None recorded"}</SummaryRow>
        </SummaryList>
        <h2 className="nhsuk-heading-m">From the referrer</h2>
        <SummaryList>
          <SummaryRow label="Notes for you">{fromReferrer.notes ?? "None"}</SummaryRow>
          <SummaryRow label="Hoping for help with">{fromReferrer.needs.join(", ") || "Not recorded"}</SummaryRow>
          <SummaryRow label="What may get in the way">
            {fromReferrer.barriers.join("; ") || "Nothing recorded"}
          </SummaryRow>
        </SummaryList>
        {referral.declineReason ? <p>You declined this referral: {referral.declineReason}</p> : null}
        {referral.waiting ? (
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={referral.version} />
            <Radios
              name="decision"
              legend="Can you accept this referral?"
              legendSize="m"
              value={values.decision}
              error={errors?.decision}
              options={[
                { value: "accept", label: "Yes, accept", hint: "There is a place and the activity suits them." },
                { value: "decline", label: "No, decline", hint: "The referrer is told, with your reason." },
              ]}
            />
            <Textarea
              name="reason"
              label="Reason, if you decline"
              hint="For example: the group is full until March; needs a women-only group."
              rows={3}
              defaultValue={values.reason}
              error={errors?.reason}
            />
            <button className="nhsuk-button" type="submit">
              Send answer
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
