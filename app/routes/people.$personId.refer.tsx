import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound } from "~/errors";
import { isUuid } from "~/params";
import type { RequestContext } from "~/context";
import { actorOf } from "~/auth/guards.server";
import { requirePersonAccess } from "~/care-team/access.server";
import { readPersonSummary } from "~/people/people.server";
import { listReferableActivities } from "~/referrals/referable-activities.server";
import { referralSources } from "~/referrals/codes";
import { referralSchema } from "~/referrals/referral-form";
import { createReferral } from "~/referrals/referrals.server";
import { requestForReferral } from "~/referrals/from-request.server";
import { referralFromRequest, selfReferralSummary } from "~/referrals/self-referral";
import { ReferralDetailsFields } from "~/referrals/ui/ReferralDetailsFields";
import { Radios } from "~/ui/choices";
import { Select, TextInput } from "~/ui/form";
import { formatDate } from "~/ui/format";
import { personCaption } from "~/people/person-caption";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Refer or signpost – Connect Well" }];

async function personFor(db: RequestContext["db"], guard: Parameters<typeof actorOf>[0], raw: string | undefined) {
  const p = isUuid(raw) ? await readPersonSummary(db, actorOf(guard), raw, "refer") : null;
  if (!p) notFound("Person");
  if (p.merged_into_id) throw redirect(`/people/${p.merged_into_id}/refer`);
  return p;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "referrals:write");
  const p = await personFor(context.db, guard, params.personId);
  const url = new URL(request.url);
  const activities = await listReferableActivities(context.db);
  const wanted = url.searchParams.get("activity");
  const preselected = isUuid(wanted) ? activities.find((a) => a.id === wanted) : undefined;
  const selfReferral = url.searchParams.get("selfReferral");
  // Made from a request through /start: the form starts from what the person asked for (docs/decisions/0853).
  const asked = isUuid(selfReferral) ? await requestForReferral(context.db, actorOf(guard), selfReferral, p.id) : null;
  const suggested = asked ? referralFromRequest(asked) : null;
  return {
    request: asked ? { receivedAt: asked.receivedAt.toISOString(), summary: selfReferralSummary(asked) } : null,
    suggestedNeeds: suggested?.needs ?? [],
    person: { id: p.id, name: `${p.given_name} ${p.family_name}`, dateOfBirth: p.date_of_birth },
    activities,
    idempotencyKey: crypto.randomUUID(),
    defaults: {
      kind: preselected ? preselected.referralMode : "",
      activityId: preselected?.id ?? "",
      source: asked ? "self" : guard.user.role === "coordinator" ? "coordinator" : "prescriber",
      selfReferralId: asked && isUuid(selfReferral) ? selfReferral : "",
      sourceDetail: asked ? `Asked through "Start a conversation" on ${formatDate(asked.receivedAt)}` : "",
      supportNotes: suggested?.supportNotes ?? "",
    } as Record<string, string>,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "referrals:write");
  const p = await personFor(context.db, guard, params.personId);
  const schema = referralSchema(await listReferableActivities(context.db));
  const parsed = await readForm(request, schema, { lists: ["needs", "barriers"] });
  if (!parsed.ok) return reply(parsed);
  // A self-referral someone else has already taken up is dropped from the form the user gets back.
  const kept = { values: { ...parsed.values, selfReferralId: "" }, lists: parsed.lists };
  return attempt(
    kept,
    async () => {
      const id = await createReferral(context.db, { ...actorOf(guard), userId: guard.user.id }, p.id, parsed.data);
      if (!id) notFound("Person");
      return redirect(`/referrals/${id}?created=1`);
    },
    {
      conflict:
        "That self-referral has already been turned into a referral by someone else: check the person's record before saving again",
    },
  );
}

export default function Refer() {
  const { person, activities, idempotencyKey, defaults, request, suggestedNeeds } = useLoaderData<typeof loader>();
  const { reply: result, errors, values: typed, lists: ticked, busy } = useFormReply<typeof action>();
  const values = { ...defaults, ...typed };
  const lists = { needs: suggestedNeeds, barriers: [], ...(result ? ticked : {}) };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading
          back={{ to: `/people/${person.id}`, text: "Back to their record" }}
          errors={errors}
          caption={personCaption(person.name, person.dateOfBirth)}
        >
          Refer or signpost
        </PageHeading>
        {request ? (
          <div className="nhsuk-inset-text">
            <h2 className="nhsuk-heading-s">What they asked for on {formatDate(request.receivedAt)}</h2>
            <p>{request.summary}</p>
            <p>
              The needs and notes below are filled in from their request: check them before saving. The provider reads
              the notes; their message stays with you unless you add what the provider needs to know.
            </p>
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? idempotencyKey} />
          <input type="hidden" name="selfReferralId" value={values.selfReferralId ?? ""} />
          <Radios
            name="kind"
            legend="What are you offering?"
            value={values.kind}
            error={errors?.kind}
            options={[
              {
                value: "direct",
                label: "A direct referral to an activity",
                hint: "The provider accepts or declines. Coded in the GP record as a referral to a social prescribing service.",
              },
              {
                value: "signpost",
                label: "Signposting only",
                hint: "Information about an activity or service, with no referral to the provider.",
              },
            ]}
          />
          <Select
            name="activityId"
            label="Activity (optional for signposting)"
            hint="Direct referrals are possible only to activities marked “takes referrals”."
            placeholder="None (signposting elsewhere)"
            defaultValue={values.activityId}
            error={errors?.activityId}
            options={activities.map((a) => ({
              value: a.id,
              label: `${a.name} – ${a.provider}${a.district ? `, ${a.district}` : ""}${a.referralMode === "direct" ? " (takes referrals)" : " (signposting only)"}`,
            }))}
          />
          <Radios
            name="source"
            legend="Who referred them?"
            value={values.source}
            error={errors?.source}
            options={Object.entries(referralSources).map(([value, label]) => ({ value, label }))}
          />
          <TextInput
            name="sourceDetail"
            label="Referrer details (optional)"
            hint="For example, the GP or organisation that asked"
            defaultValue={values.sourceDetail}
            error={errors?.sourceDetail}
          />
          <ReferralDetailsFields
            values={{ needs: lists.needs, barriers: lists.barriers, supportNotes: values.supportNotes }}
            errors={errors}
          />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Save referral
          </button>
        </Form>
      </div>
    </div>
  );
}
