import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, type Guarded, requirePermission } from "~/auth/guards.server";
import { audit } from "~/audit/audit.server";
import { getDb } from "@db/index";
import { newProviderSchema } from "~/directory/forms";
import { newIdempotencyKey } from "~/directory/keys.server";
import { createProvider } from "~/directory/providers.server";
import { leadsOnlyOwn, notFound } from "~/directory/scope.server";
import { ProviderForm } from "~/directory/ui/ProviderForm";
import { parseForm } from "~/forms/parse";

export const meta: MetaFunction = () => [{ title: "Add a provider – Connect Well" }];

/** Activity leads edit their own listings but do not add organisations: for them this page does not exist. */
async function adminsOnly(guard: Guarded) {
  if (!leadsOnlyOwn(guard)) return;
  await audit(await getDb(), actorOf(guard), {
    action: "provider.create",
    outcome: "denied",
    entityType: "provider",
    details: { reason: "lead_scope" },
  });
  notFound();
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  await adminsOnly(guard);
  return { key: newIdempotencyKey() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  await adminsOnly(guard);
  const form = await request.formData();
  const parsed = parseForm(newProviderSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { idempotencyKey, ...input } = parsed.data;
  const id = await createProvider(actorOf(guard), input, idempotencyKey);
  return redirect(`/providers/${id}?created=1`);
}

export default function NewProvider() {
  const { key } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to="/providers">
          Back to providers
        </Link>
        <h1>Add a provider</h1>
        <ProviderForm
          values={values}
          errors={result?.errors}
          hidden={{ idempotencyKey: values.idempotencyKey ?? key }}
          submitLabel="Add provider"
        />
      </div>
    </div>
  );
}
