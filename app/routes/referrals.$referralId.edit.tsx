import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound } from "~/errors";
import { actorOf } from "~/auth/guards.server";
import { requirePersonAccess } from "~/care-team/access.server";
import { idParam } from "~/params";
import { referralDetailsSchema } from "~/referrals/referral-form";
import { readReferral, updateReferralDetails } from "~/referrals/referrals.server";
import { ReferralDetailsFields } from "~/referrals/ui/ReferralDetailsFields";
import { revalidateAfterConflict } from "~/ui/form";
import { personCaption } from "~/people/person-caption";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Change referral details – Connect Well" }];
export const shouldRevalidate = revalidateAfterConflict;

// Needs, barriers and notes only: the status moves through the lifecycle on the referral page.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "referrals:write");
  const found = await readReferral(context.db, actorOf(guard), idParam(params.referralId, "Referral"));
  if (!found) notFound("Referral");
  const r = found.referral;
  return {
    id: r.id,
    version: r.version,
    personName: `${r.given_name} ${r.family_name}`,
    dateOfBirth: r.date_of_birth,
    title: r.activity_name
      ? `${r.kind === "direct" ? "Referral to" : "Signposted to"} ${r.activity_name}`
      : "Signposting",
    needs: r.needs,
    barriers: r.barriers,
    supportNotes: r.support_notes ?? "",
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "referrals:write");
  const referralId = idParam(params.referralId, "Referral");
  const parsed = await readForm(request, referralDetailsSchema, { lists: ["needs", "barriers"] });
  if (!parsed.ok) return reply(parsed);
  return attempt(
    parsed,
    async () => {
      await updateReferralDetails(context.db, actorOf(guard), referralId, parsed.data);
      return redirect(`/referrals/${referralId}?saved=1`);
    },
    {
      conflict:
        "Someone else changed this referral while you were editing it. Your changes are shown below: check them against the referral (open it in a new tab) and save again.",
    },
  );
}

export default function EditReferral() {
  const loaded = useLoaderData<typeof loader>();
  const { reply: result, errors, lists, values: typed, busy } = useFormReply<typeof action>();
  const values = result
    ? { needs: lists.needs ?? [], barriers: lists.barriers ?? [], supportNotes: typed.supportNotes ?? "" }
    : { needs: loaded.needs, barriers: loaded.barriers, supportNotes: loaded.supportNotes };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading
          back={{ to: `/referrals/${loaded.id}`, text: "Back to the referral" }}
          errors={errors}
          caption={personCaption(loaded.personName, loaded.dateOfBirth)}
        >
          Change referral details
        </PageHeading>
        <p>{loaded.title}</p>
        <Form method="post" noValidate>
          {/* After a refused stale save the loader has run again: this is the version now shown. */}
          <input type="hidden" name="version" value={loaded.version} />
          <ReferralDetailsFields values={values} errors={errors} />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Save changes
          </button>
        </Form>
      </div>
    </div>
  );
}
