import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { formatNhsNumber } from "~/forms/nhs-number";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { subjectQueryOf, subjectSearchSchema } from "~/people/subject-access-form";
import { searchSubjects, type SubjectCandidate } from "~/people/subject-access.server";
import { DateInput } from "~/ui/choices";
import { TextInput } from "~/ui/form";
import { formatIsoDate } from "~/ui/format";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Subject access request – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "subject-access:export");
  return null;
}

// The person is asked for in a post, so an NHS number or a name never reaches a URL or a log; results link by id.
export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "subject-access:export");
  const parsed = await readForm(request, subjectSearchSchema);
  if (!parsed.ok) return reply(parsed);
  const found = await searchSubjects(context.db, actorOf(guard), subjectQueryOf(parsed.data));
  return { errors: {}, values: parsed.values, found };
}

export default function SubjectAccessSearch() {
  const { reply: result, errors, values, busy } = useFormReply<typeof action>();
  const found = result && "found" in result ? (result.found as SubjectCandidate[]) : null;
  return (
    <>
      <PageHeading back={{ to: "/admin", text: "Back to administration" }} errors={errors}>
        Subject access request
      </PageHeading>
      <p>
        Find the person who asked for a copy of what the service holds about them. The export covers every record of
        theirs, including records merged into it, and who has seen or changed them. Making it is recorded in the audit
        trail.
      </p>
      <Form method="post" noValidate aria-label="Find the person">
        <TextInput
          name="nhsNumber"
          label="NHS number"
          hint="10 digits, like 943 476 5919"
          inputMode="numeric"
          autoComplete="off"
          width={10}
          defaultValue={values.nhsNumber}
          error={errors.nhsNumber}
        />
        <p className="nhsuk-body">Or, if you do not have it:</p>
        <TextInput
          name="familyName"
          label="Family name"
          autoComplete="off"
          spellCheck={false}
          defaultValue={values.familyName}
          error={errors.familyName}
        />
        <DateInput
          name="dob"
          legend="Date of birth"
          hint="For example, 15 3 1948"
          value={{ day: values.dobDay, month: values.dobMonth, year: values.dobYear }}
          error={errors.dob}
        />
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Find the person
        </button>
      </Form>
      {found ? <Results found={found} /> : null}
    </>
  );
}

function Results({ found }: { found: SubjectCandidate[] }) {
  if (found.length === 0)
    return (
      <>
        <h2>No one found</h2>
        <p>Check the details with the person. Someone the service has never recorded has no record to export.</p>
      </>
    );
  return (
    <>
      <h2>{found.length === 1 ? "1 person found" : `${found.length} people found`}</h2>
      <ul className="nhsuk-list nhsuk-list--border">
        {found.map((c) => (
          <li key={c.id}>
            <Link to={`/admin/subject-access/${c.id}`}>
              {c.givenName} {c.familyName}
            </Link>
            <span className="app-muted">
              {" "}
              born {formatIsoDate(c.dateOfBirth)}
              {c.nhsNumber ? `, NHS number ${formatNhsNumber(c.nhsNumber)}` : ""}
              {c.postcode ? `, ${c.postcode}` : ""}
              {c.mergedRecords ? `, ${c.mergedRecords} merged record${c.mergedRecords === 1 ? "" : "s"}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
