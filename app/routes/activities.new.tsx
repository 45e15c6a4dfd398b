import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { ActivityFieldError, createActivity, providerChoices, referenceLists } from "~/directory/activities.server";
import { activityCrossFieldErrors, newActivitySchema } from "~/directory/forms";
import { newIdempotencyKey } from "~/directory/keys.server";
import { londonToday } from "~/calendar";
import { leadsOnlyOwn } from "~/directory/scope.server";
import { ActivityForm, echo } from "~/directory/ui/ActivityForm";
import { parseForm } from "~/forms/parse";

export const meta: MetaFunction = () => [{ title: "Add an activity – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const own = leadsOnlyOwn(guard);
  const [providers, lists] = await Promise.all([providerChoices(own ? guard.user.id : null), referenceLists()]);
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
  const form = await request.formData();
  const parsed = parseForm(newActivitySchema, form);
  if (!parsed.ok)
    return data(
      { errors: { ...activityCrossFieldErrors(form), ...parsed.errors }, values: echo(form) },
      { status: 400 },
    );
  const own = leadsOnlyOwn(guard);
  const allowed = own ? (await providerChoices(guard.user.id)).map((p) => p.id) : null;
  const { idempotencyKey, ...input } = parsed.data;
  try {
    const id = await createActivity(actorOf(guard), { ...input }, idempotencyKey, {
      allowedProviders: allowed,
      leadUserId: own ? guard.user.id : null,
    });
    return redirect(`/activities/${id}/schedule?created=1`);
  } catch (err) {
    if (err instanceof ActivityFieldError)
      return data({ errors: { [err.field]: err.message }, values: echo(form) }, { status: 400 });
    throw err;
  }
}

export default function NewActivity() {
  const { providers, categories, districts, idempotencyKey, today, providerId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {
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
        <Link className="nhsuk-back-link" to="/providers">
          Back to providers
        </Link>
        <h1>Add an activity</h1>
        <p>After saving you can add when it runs.</p>
        <ActivityForm
          values={values}
          errors={result?.errors}
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
