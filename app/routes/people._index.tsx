import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import { searchAction } from "~/person-search/action.server";
import { usePersonSearch } from "~/person-search/use-person-search";
import { SearchResults } from "~/people/SearchResults";
import { ErrorSummary } from "~/ui/form";
import { keepDataAfterReadOnlyAction } from "~/ui/read-only-action";
import { SearchQueryInput } from "~/people/SearchQueryInput";

export const meta: MetaFunction = () => [{ title: "People – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "people:read");
  return { canMerge: can(guard.user.role, "people:merge"), canWrite: can(guard.user.role, "people:write") };
}

export const action = ({ request, context }: ActionFunctionArgs) => searchAction(request, context, "people:read");

export const shouldRevalidate = keepDataAfterReadOnlyAction;

export default function People() {
  const { canMerge, canWrite } = useLoaderData<typeof loader>();
  const result = usePersonSearch();
  return (
    <>
      <ErrorSummary errors={result?.errors} />
      <h1>People</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <Form method="post" noValidate role="search" aria-label="Find a person">
            <SearchQueryInput
              label="Find a person by name or NHS number"
              value={result?.values?.q}
              error={result?.errors?.q}
            />
            <button className="nhsuk-button nhsuk-u-margin-right-3" type="submit">
              Search
            </button>
            {canWrite ? (
              <Link className="nhsuk-button nhsuk-button--secondary" to="/people/new">
                Record a new person
              </Link>
            ) : null}
          </Form>
          <SearchResults found={result} hrefFor={(id) => `/people/${id}`} />
          {canMerge ? (
            <p>
              <Link to="/people/duplicates">Check for duplicate records</Link>
            </p>
          ) : null}
        </div>
      </div>
    </>
  );
}
