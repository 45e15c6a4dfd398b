import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { idParam } from "~/params";
import { StaleRecordError } from "~/people/errors";
import { barriers, needs } from "~/referrals/codes";
import { referralDetailsSchema, SUPPORT_NOTES_MAX } from "~/referrals/referral-form";
import { readReferral, updateReferralDetails } from "~/referrals/referrals.server";
import { Checkboxes } from "~/ui/choices";
import { ErrorSummary, revalidateAfterConflict, Textarea } from "~/ui/form";
import { formatIsoDate } from "~/ui/format";
import { parseForm } from "~/forms/parse";

export const meta: MetaFunction = () => [{ title: "Change referral details – Connect Well" }];
export const shouldRevalidate = revalidateAfterConflict;

// Needs, barriers and notes only: the status moves through the lifecycle on the referral page.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "referrals:write");
  const found = await readReferral(actorOf(guard), idParam(params.referralId, "Referral"));
  if (!found) throw data({ message: "Referral not found" }, { status: 404 });
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
  const guard = await requirePermission(request, context, "referrals:write");
  const referralId = idParam(params.referralId, "Referral");
  const form = await request.formData();
  const kept = {
    needs: form.getAll("needs").map(String),
    barriers: form.getAll("barriers").map(String),
    supportNotes: String(form.get("supportNotes") ?? ""),
  };
  const parsed = parseForm(referralDetailsSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, kept, conflict: false }, { status: 400 });
  try {
    const ok = await updateReferralDetails(actorOf(guard), referralId, parsed.data);
    if (!ok) throw data({ message: "Referral not found" }, { status: 404 });
  } catch (err) {
    if (err instanceof StaleRecordError) {
      return data(
        {
          errors: {
            form: "Someone else changed this referral while you were editing it. Your changes are shown below: check them against the referral (open it in a new tab) and save again.",
          },
          kept,
          conflict: true,
        },
        { status: 409 },
      );
    }
    throw err;
  }
  return redirect(`/referrals/${referralId}?saved=1`);
}

export default function EditReferral() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors as Record<string, string> | undefined;
  const values = result?.kept ?? { needs: loaded.needs, barriers: loaded.barriers, supportNotes: loaded.supportNotes };
  const busy = useNavigation().state === "submitting";
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to={`/referrals/${loaded.id}`}>
          Back to the referral
        </Link>
        <ErrorSummary errors={errors} />
        <span className="nhsuk-caption-l">
          {loaded.personName}, born {formatIsoDate(loaded.dateOfBirth)}
        </span>
        <h1>Change referral details</h1>
        <p>{loaded.title}</p>
        <Form method="post" noValidate>
          {/* After a refused stale save the loader has run again: this is the version now shown. */}
          <input type="hidden" name="version" value={loaded.version} />
          <Checkboxes
            name="needs"
            legend="Needs and reasons for the referral"
            hint="Select all that apply."
            selected={values.needs}
            error={errors?.needs}
            options={Object.entries(needs).map(([value, label]) => ({ value, label }))}
          />
          <Checkboxes
            name="barriers"
            legend="What might get in the way? (optional)"
            hint="Select all that apply."
            selected={values.barriers}
            error={errors?.barriers}
            options={Object.entries(barriers).map(([value, label]) => ({ value, label }))}
          />
          <Textarea
            name="supportNotes"
            label="Notes for the provider (optional)"
            hint={`What would help them take part. Up to ${SUPPORT_NOTES_MAX.toLocaleString("en-GB")} characters.`}
            defaultValue={values.supportNotes}
            error={errors?.supportNotes}
          />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Save changes
          </button>
        </Form>
      </div>
    </div>
  );
}
