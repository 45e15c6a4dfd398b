import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { getActivityForEdit, providerChoices, referenceLists, updateActivity } from "~/directory/activities.server";
import { editActivitySchema } from "~/directory/forms";
import { leadsOnlyOwn, requireActivityAccess } from "~/directory/scope.server";
import { ActivityForm, type ActivityFormValues } from "~/directory/ui/ActivityForm";
import { SuccessBanner } from "~/ui/Banner";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Edit activity – Connect Well" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const own = await requireActivityAccess(context.db, guard, params.activityId, "activity.edit-view");
  const a = (await getActivityForEdit(context.db, own.id))!;
  const [providers, lists] = await Promise.all([
    providerChoices(context.db, leadsOnlyOwn(guard) ? guard.user.id : null),
    referenceLists(context.db),
  ]);
  const values: ActivityFormValues = {
    providerId: a.provider_id,
    name: a.name,
    description: a.description,
    categoryCode: a.category_code,
    format: a.format,
    address: a.address ?? "",
    postcode: a.postcode ?? "",
    districtCode: a.district_code ?? "",
    capacity: a.capacity?.toString() ?? "",
    cost: a.cost ?? "",
    free: a.free ? "yes" : "no",
    accessibility: a.accessibility,
    minAge: a.min_age?.toString() ?? "",
    maxAge: a.max_age?.toString() ?? "",
    eligibility: a.eligibility ?? "",
    transport: a.transport,
    transportZones: a.transport_zones.join(", "),
    referralMode: a.referral_mode,
    contactName: a.contact_name ?? "",
    contactPhone: a.contact_phone ?? "",
    contactEmail: a.contact_email ?? "",
    lastCheckedOn: a.last_checked_on,
    status: a.status,
  };
  return { id: a.id, name: a.name, version: a.version, values, providers, ...lists };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const own = await requireActivityAccess(context.db, guard, params.activityId, "activity.edit");
  const parsed = await readForm(request, editActivitySchema, { lists: ["accessibility", "transport"] });
  if (!parsed.ok) return reply(parsed, { extra: { saved: false } });
  const allowed = leadsOnlyOwn(guard) ? (await providerChoices(context.db, guard.user.id)).map((p) => p.id) : null;
  const { version, ...input } = parsed.data;
  // After a conflict the form takes the current version (the page is not reloaded), so saving again is a
  // deliberate overwrite by someone who has seen the warning.
  return attempt(
    parsed,
    async () => {
      await updateActivity(context.db, actorOf(guard), own.id, version, input, allowed);
      return { errors: undefined, values: undefined, saved: true };
    },
    {
      conflict:
        "Someone else changed this listing while you were editing. Your changes are shown below: check them against the current listing and save again.",
      extra: { saved: false },
    },
  );
}

export default function EditActivity() {
  const { id, name, version, values, providers, categories, districts } = useLoaderData<typeof loader>();
  const { reply: result, errors, lists, currentVersion } = useFormReply<typeof action>();
  const shown = result?.values ? { ...result.values, ...lists } : values;
  const formVersion = currentVersion ?? version;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading
          back={{ to: `/activities/${id}/schedule`, text: "Back to schedule and sessions" }}
          notice={result?.saved ? <SuccessBanner>Listing saved.</SuccessBanner> : null}
          caption="Edit listing"
        >
          {name}
        </PageHeading>
        <ActivityForm
          key={formVersion}
          values={shown}
          errors={errors}
          providers={providers}
          categories={categories}
          districts={districts}
          hidden={{ version: String(formVersion) }}
          submitLabel="Save listing"
        />
      </div>
    </div>
  );
}
