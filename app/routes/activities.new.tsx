import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { createActivity, providerChoices, referenceLists } from "~/directory/activities.server";
import { newActivitySchema } from "~/directory/forms";
import { newIdempotencyKey } from "~/directory/keys.server";
import { londonToday } from "~/calendar";
import { leadsOnlyOwn } from "~/directory/scope.server";
import { ActivityForm, type ActivityFormValues } from "~/directory/ui/ActivityForm";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Add an activity – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const own = leadsOnlyOwn(guard);
  const [providers, lists] = await Promise.all([
    providerChoices(context.db, own ? guard.user.id : null),
    referenceLists(context.db),
  ]);
  const url = new URL(request.url);
  return {
    providers,
    ...lists,
    idempotencyKey: newIdempotencyKey(),
    today: londonToday(),
    providerId: url.searchParams.get("provider") ?? undefined,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const parsed = await readForm(request, newActivitySchema, { lists: ["accessibility", "transport"] });
  if (!parsed.ok) return reply(parsed);
  const own = leadsOnlyOwn(guard);
  const allowed = own ? (await providerChoices(context.db, guard.user.id)).map((p) => p.id) : null;
  const { idempotencyKey, ...input } = parsed.data;
  return attempt(parsed, async () => {
    const id = await createActivity(context.db, actorOf(guard), input, idempotencyKey, {
      allowedProviders: allowed,
      leadUserId: own ? guard.user.id : null,
    });
    return redirect(`/activities/${id}/schedule?created=1`);
  });
}

export default function NewActivity() {
  const { providers, categories, districts, idempotencyKey, today, providerId } = useLoaderData<typeof loader>();
  const { reply: result, errors, lists } = useFormReply<typeof action>();
  const values: ActivityFormValues = result
    ? { ...result.values, ...lists }
    : {
        providerId,
        free: "yes",
        referralMode: "direct",
        format: "group",
        status: "active",
        lastCheckedOn: today,
      };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading back={{ to: "/providers", text: "Back to providers" }}>Add an activity</PageHeading>
        <p>After saving you can add when it runs.</p>
        <ActivityForm
          values={values}
          errors={errors}
          providers={providers}
          categories={categories}
          districts={districts}
          hidden={{ idempotencyKey: String(values.idempotencyKey ?? idempotencyKey) }}
          submitLabel="Add activity"
        />
      </div>
    </div>
  );
}
