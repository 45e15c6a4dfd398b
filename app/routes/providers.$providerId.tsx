import type { AuditAction } from "~/audit/actions";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import type { RequestContext } from "~/context";
import { editProviderSchema } from "~/directory/forms";
import { isStale } from "~/directory/listing";
import { activityStatuses } from "~/directory/options";
import { getProvider, updateProvider } from "~/directory/providers.server";
import { londonToday } from "~/calendar";
import { deniedInside, leadsOnlyOwn } from "~/directory/scope.server";
import { isUuid } from "~/params";
import { SuccessBanner, Tag } from "~/ui/Banner";
import { ProviderForm } from "~/directory/ui/ProviderForm";
import { formatIsoDate } from "~/ui/format";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { labelOf } from "~/labels";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Provider – Connect Well" }];

async function load(request: Request, context: RequestContext, providerId: string | undefined, attempted: AuditAction) {
  const guard = await requirePermission(request, context, "directory:edit");
  const found = isUuid(providerId)
    ? await getProvider(context.db, providerId, leadsOnlyOwn(guard) ? guard.user.id : null)
    : null;
  if (!found) return deniedInside(context.db, guard, attempted, "provider", providerId);
  return { guard, ...found };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { guard, provider, activities } = await load(request, context, params.providerId, "provider.view");
  const today = londonToday();
  return {
    provider: { id: provider.id, name: provider.name, version: provider.version },
    values: {
      name: provider.name,
      kind: provider.kind,
      description: provider.description ?? "",
      email: provider.email ?? "",
      phone: provider.phone ?? "",
      website: provider.website ?? "",
    },
    activities: activities.map((a) => ({
      id: a.id,
      name: a.name,
      status: labelOf(activityStatuses, a.status),
      lastChecked: a.last_checked_on,
      stale: isStale(a.last_checked_on, today),
    })),
    canAdd: !leadsOnlyOwn(guard),
    created: new URL(request.url).searchParams.get("created") === "1",
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { guard, provider } = await load(request, context, params.providerId, "provider.update");
  const parsed = await readForm(request, editProviderSchema);
  if (!parsed.ok) return reply(parsed, { extra: { saved: false } });
  const { version, ...input } = parsed.data;
  return attempt(
    parsed,
    async () => {
      await updateProvider(context.db, actorOf(guard), provider.id, version, input);
      return { errors: undefined, values: undefined, saved: true };
    },
    {
      conflict:
        "Someone else changed this provider while you were editing. Your changes are shown below: check them and save again.",
      extra: { saved: false },
    },
  );
}

export default function ProviderPage() {
  const { provider, values, activities, canAdd, created } = useLoaderData<typeof loader>();
  const { reply: result, errors, currentVersion } = useFormReply<typeof action>();
  const formVersion = currentVersion ?? provider.version;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading
          back={{ to: "/providers", text: "Back to providers" }}
          notice={
            created || result?.saved ? (
              <SuccessBanner>{created ? "Provider added." : "Provider saved."}</SuccessBanner>
            ) : null
          }
        >
          {provider.name}
        </PageHeading>
        <h2>Activities</h2>
        {activities.length === 0 ? (
          <p>No activities yet.</p>
        ) : (
          <ul className="nhsuk-list">
            {activities.map((a) => (
              <li key={a.id}>
                <Link to={`/activities/${a.id}/schedule`}>{a.name}</Link> · {a.status} · checked{" "}
                {formatIsoDate(a.lastChecked)} {a.stale ? <Tag colour="orange">Check due</Tag> : null}
              </li>
            ))}
          </ul>
        )}
        {canAdd ? (
          <p>
            <Link className="nhsuk-button nhsuk-button--secondary" to={`/activities/new?provider=${provider.id}`}>
              Add an activity
            </Link>
          </p>
        ) : null}
        <h2>Provider details</h2>
        <ProviderForm
          key={formVersion}
          values={result?.values ?? values}
          errors={errors}
          hidden={{ version: String(formVersion) }}
          submitLabel="Save provider"
        />
      </div>
    </div>
  );
}
