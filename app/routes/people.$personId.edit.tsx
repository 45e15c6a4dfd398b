import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { actorOf } from "~/auth/guards.server";
import { requirePersonAccess } from "~/care-team/access.server";
import { notFound } from "~/errors";
import { version } from "~/forms/fields";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { idParam } from "~/params";
import { savedDifferences } from "~/people/conflict";
import { getPersonForEdit, listDistricts, updatePerson } from "~/people/people.server";
import { personColumns, personConsents, personSchema } from "~/people/person-form";
import { personToValues } from "~/people/person-values";
import { PersonFields } from "~/people/PersonFields";
import { revalidateAfterConflict } from "~/ui/form";
import { nhsNumberPolicy } from "~/people/nhs-number-policy.server";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Change details – Connect Well" }];
export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "people:write");
  const found = await getPersonForEdit(context.db, actorOf(guard), idParam(params.personId, "Person"));
  if (!found) notFound("Person");
  if ("mergedInto" in found) throw redirect(`/people/${found.mergedInto}/edit`);
  return {
    id: found.person.id,
    version: found.person.version,
    values: personToValues(found.person, found.consents),
    districts: await listDistricts(context.db),
  };
}

// parse → authorise → call the domain → redirect; every refusal is the form again with the user's input.
export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "people:write");
  const personId = idParam(params.personId, "Person");
  const districts = (await listDistricts(context.db)).map((d) => d.code);
  const parsed = await readForm(request, personSchema(districts, { version }, nhsNumberPolicy()));
  if (!parsed.ok) return reply(parsed);
  const d = parsed.data;
  return attempt(
    parsed,
    async () => {
      await updatePerson(
        context.db,
        { ...actorOf(guard), userId: guard.user.id },
        personId,
        d.version,
        personColumns(d),
        personConsents(d),
      );
      return redirect(`/people/${personId}?saved=1`);
    },
    {
      conflict:
        "Someone else changed these details while you were editing. Your changes are kept below, with what the saved record now holds where it differs: check them and save again.",
    },
  );
}

export default function EditPerson() {
  const loaded = useLoaderData<typeof loader>();
  const { errors, values, conflict, busy } = useFormReply<typeof action>(loaded.values);
  // After a conflict the form carries the current version so a deliberate second save goes through.
  const version = conflict ? loaded.version : (values.version ?? loaded.version);
  const differences = conflict ? savedDifferences(loaded.values, values, loaded.districts) : [];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading back={{ to: `/people/${loaded.id}`, text: "Back to their record" }} errors={errors}>
          Change details
        </PageHeading>
        {differences.length > 0 ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <h2 className="nhsuk-heading-s">The saved record now differs from your form</h2>
            <dl>
              {differences.map((d) => (
                <div key={d.label}>
                  <dt className="nhsuk-u-font-weight-bold">{d.label}</dt>
                  <dd className="nhsuk-u-margin-left-0 nhsuk-u-margin-bottom-2">Saved: {d.saved}</dd>
                </div>
              ))}
            </dl>
            <p>
              Your form below still holds what you entered. Copy across anything you want to keep from the saved record,
              then save again.
            </p>
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={version} />
          <PersonFields values={values} errors={errors} districts={loaded.districts} />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Save changes
          </button>
        </Form>
      </div>
    </div>
  );
}
