import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import { searchPeople } from "~/people/people.server";
import { searchSchema } from "~/people/search-form";
import { SearchResults } from "~/people/SearchResults";
import { ErrorSummary, TextInput } from "~/ui/form";
import { parseForm } from "~/ui/validation";
import { useLoaderData } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "People – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "people:read");
  return { canMerge: can(guard.user.role, "people:merge"), canWrite: can(guard.user.role, "people:write") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "people:read");
  const parsed = parseForm(searchSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, rows: null }, { status: 400 });
  const { rows, more, similar } = await searchPeople(actorOf(guard), parsed.data.q);
  return { errors: null, values: { q: parsed.data.q }, rows, more, similar };
}

export default function People() {
  const { canMerge, canWrite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={result?.errors} />
      <h1>People</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <Form method="post" noValidate role="search" aria-label="Find a person">
            <TextInput name="q" label="Find a person by name or NHS number" autoComplete="off" spellCheck={false} defaultValue={result?.values?.q} error={result?.errors?.q} />
            <button className="nhsuk-button nhsuk-u-margin-right-3" type="submit">Search</button>
            {canWrite ? <Link className="nhsuk-button nhsuk-button--secondary" to="/people/new">Record a new person</Link> : null}
          </Form>
          {result?.rows ? <SearchResults rows={result.rows} more={"more" in result && result.more === true} similar={"similar" in result && result.similar === true} hrefFor={(id) => `/people/${id}`} /> : null}
          {canMerge ? <p><Link to="/people/duplicates">Check for duplicate records</Link></p> : null}
        </div>
      </div>
    </>
  );
}
