import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { StaleRecordError } from "~/people/errors";
import { getPersonForEdit, listDistricts, NhsNumberTakenError, updatePerson } from "~/people/people.server";
import { checkPerson, personColumns, personSchema, withDateOfBirthError } from "~/people/person-form";
import { personToValues } from "~/people/person-values";
import { savedDifferences } from "~/people/conflict";
import { PersonFields } from "~/people/PersonFields";
import { ErrorSummary, revalidateAfterConflict } from "~/ui/form";
import { parseForm } from "~/ui/validation";

export const meta: MetaFunction = () => [{ title: "Change details – Connect Well" }];
export const shouldRevalidate = revalidateAfterConflict;

const schema = personSchema.extend({ version: z.coerce.number().int().min(1) });

function idOf(raw: string | undefined) {
  const id = z.string().uuid().safeParse(raw);
  if (!id.success) throw data({ message: "Person not found" }, { status: 404 });
  return id.data;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "people:write");
  const found = await getPersonForEdit(actorOf(guard), idOf(params.personId));
  if (!found) throw data({ message: "Person not found" }, { status: 404 });
  if ("mergedInto" in found) throw redirect(`/people/${found.mergedInto}/edit`);
  return {
    id: found.person.id,
    version: found.person.version,
    values: personToValues(found.person, found.consents),
    districts: await listDistricts(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "people:write");
  const personId = idOf(params.personId);
  const form = await request.formData();
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return data({ errors: withDateOfBirthError(parsed.errors, values), values }, { status: 400 });
  const checked = checkPerson(
    parsed.data,
    (await listDistricts()).map((d) => d.code),
  );
  if (!checked.dateOfBirth || Object.keys(checked.errors).length)
    return data({ errors: checked.errors, values }, { status: 400 });
  const d = parsed.data;
  try {
    const ok = await updatePerson(
      { ...actorOf(guard), userId: guard.user.id },
      personId,
      d.version,
      personColumns(d, checked.dateOfBirth),
      {
        volunteer_contact: d.consentVolunteer === "yes",
        quote_in_reports: d.consentQuote === "yes",
      },
    );
    if (!ok) throw data({ message: "Person not found" }, { status: 404 });
  } catch (err) {
    if (err instanceof StaleRecordError) {
      return data(
        {
          errors: {
            form: "Someone else changed these details while you were editing. Your changes are kept below, with what the saved record now holds where it differs: check them and save again.",
          },
          values,
          conflict: true,
        },
        { status: 409 },
      );
    }
    if (err instanceof NhsNumberTakenError)
      return data(
        {
          errors: {
            nhsNumber: "Another record has this NHS number: check it, or ask a coordinator to merge the two records",
          },
          values,
        },
        { status: 409 },
      );
    throw err;
  }
  return redirect(`/people/${personId}?saved=1`);
}

export default function EditPerson() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = (result?.values ?? loaded.values) as Record<string, string>;
  const busy = useNavigation().state === "submitting";
  // After a conflict the form carries the current version so a deliberate second save goes through.
  const conflict = Boolean(result && "conflict" in result);
  const version = conflict ? loaded.version : (values.version ?? loaded.version);
  const differences = conflict ? savedDifferences(loaded.values, values, loaded.districts) : [];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to={`/people/${loaded.id}`}>
          Back to their record
        </Link>
        <ErrorSummary errors={result?.errors as Record<string, string> | undefined} />
        <h1>Change details</h1>
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
          <PersonFields
            values={values}
            errors={result?.errors as Record<string, string> | undefined}
            districts={loaded.districts}
          />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Save changes
          </button>
        </Form>
      </div>
    </div>
  );
}
