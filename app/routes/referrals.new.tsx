import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import type { RequestContext } from "~/context";
import { searchAction } from "~/person-search/action.server";
import { usePersonSearch } from "~/person-search/use-person-search";
import { SearchResults } from "~/people/SearchResults";
import { listReferableActivities } from "~/referrals/referable-activities.server";
import { ErrorSummary } from "~/ui/form";
import { keepDataAfterReadOnlyAction } from "~/ui/read-only-action";
import { notFound } from "~/errors";
import { isUuid } from "~/params";
import { SearchQueryInput } from "~/people/SearchQueryInput";

export const meta: MetaFunction = () => [{ title: "Refer someone – Connect Well" }];

// "Refer someone to this activity" from the directory lands here: find the person (a POST search, so names
// never reach the URL), then continue on their referral form with the activity chosen.
async function chosenActivity(db: RequestContext["db"], request: Request) {
  const id = new URL(request.url).searchParams.get("activity");
  if (!isUuid(id)) return null;
  const activity = (await listReferableActivities(db)).find((a) => a.id === id);
  if (!activity) notFound("Activity");
  return activity;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "referrals:write");
  return { activity: await chosenActivity(context.db, request) };
}

export const action = ({ request, context }: ActionFunctionArgs) => searchAction(request, context, "referrals:write");

export const shouldRevalidate = keepDataAfterReadOnlyAction;

export default function NewReferral() {
  const { activity } = useLoaderData<typeof loader>();
  const result = usePersonSearch();
  const suffix = activity ? `?activity=${activity.id}` : "";
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <span className="nhsuk-caption-l">{activity ? activity.name : "New referral"}</span>
        <h1>Who is the referral for?</h1>
        <Form method="post" noValidate role="search" aria-label="Find the person">
          <SearchQueryInput label="Name or NHS number" value={result?.values?.q} error={result?.errors?.q} />
          <button className="nhsuk-button" type="submit">
            Find person
          </button>
        </Form>
        <SearchResults found={result} hrefFor={(id) => `/people/${id}/refer${suffix}`} />
        <p>
          Not known to the service yet? <Link to={`/people/new${suffix}`}>Record a new person</Link> first: the referral
          follows on from their record.
        </p>
      </div>
    </div>
  );
}
