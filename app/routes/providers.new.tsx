import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { newProviderSchema } from "~/directory/forms";
import { newIdempotencyKey } from "~/directory/keys.server";
import { createProvider } from "~/directory/providers.server";
import { refuseLeads } from "~/directory/scope.server";
import { ProviderForm } from "~/directory/ui/ProviderForm";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Add a provider – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  await refuseLeads(context.db, guard, "provider.create", "provider");
  return { key: newIdempotencyKey() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  await refuseLeads(context.db, guard, "provider.create", "provider");
  const parsed = await readForm(request, newProviderSchema);
  if (!parsed.ok) return reply(parsed);
  const { idempotencyKey, ...input } = parsed.data;
  const id = await createProvider(context.db, actorOf(guard), input, idempotencyKey);
  return redirect(`/providers/${id}?created=1`);
}

export default function NewProvider() {
  const { key } = useLoaderData<typeof loader>();
  const { values, errors } = useFormReply<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading back={{ to: "/providers", text: "Back to providers" }}>Add a provider</PageHeading>
        <ProviderForm
          values={values}
          errors={errors}
          hidden={{ idempotencyKey: values.idempotencyKey ?? key }}
          submitLabel="Add provider"
        />
      </div>
    </div>
  );
}
