import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { actorOf } from "~/auth/guards.server";
import { roleLabels } from "~/auth/roles";
import { notFound } from "~/errors";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { idParam } from "~/params";
import { requirePersonAccess } from "~/care-team/access.server";
import { addCareTeamMember, listAddableStaff } from "~/care-team/members.server";
import { addCareTeamMemberSchema } from "~/people/care-team";
import { readPersonSummary } from "~/people/people.server";
import { ErrorSummary, Select } from "~/ui/form";
import { labelOf } from "~/labels";

export const meta: MetaFunction = () => [{ title: "Add to the care team – Connect Well" }];

// A member of the care team adds a colleague to it (docs/decisions/0800); the addition is audited.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "people:write");
  const personId = idParam(params.personId, "Person");
  const person = await readPersonSummary(context.db, actorOf(guard), personId, "care-team");
  if (!person) notFound("Person");
  if (person.merged_into_id) throw redirect(`/people/${person.merged_into_id}/care-team`);
  const staff = await listAddableStaff(context.db, personId);
  return {
    person: { id: person.id, name: `${person.given_name} ${person.family_name}` },
    staff: staff.map((s) => ({
      value: s.id,
      label: `${s.display_name}, ${labelOf(roleLabels, s.role)}`,
    })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "people:write");
  const personId = idParam(params.personId, "Person");
  const parsed = await readForm(request, addCareTeamMemberSchema);
  if (!parsed.ok) return reply(parsed);
  return attempt(parsed, async () => {
    await addCareTeamMember(context.db, { ...actorOf(guard), userId: guard.user.id }, personId, parsed.data.userId);
    return redirect(`/people/${personId}?teamAdded=1#care-team`);
  });
}

export default function AddToCareTeam() {
  const { person, staff } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormReply<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to={`/people/${person.id}`}>
          Back to their record
        </Link>
        <ErrorSummary errors={errors} />
        <h1>
          <span className="nhsuk-caption-l">{person.name}</span>
          Add someone to the care team
        </h1>
        <p>
          People on the care team can read and change this person’s record, including safeguarding concerns. Add only
          colleagues who are supporting them. The addition is recorded in the person’s access history.
        </p>
        {staff.length === 0 ? (
          <p>Every social prescriber and Local Area Coordinator is already on this person’s care team.</p>
        ) : (
          <Form method="post" noValidate>
            <Select
              name="userId"
              label="Who should join the care team?"
              placeholder="Select a colleague"
              defaultValue={values.userId}
              error={errors?.userId}
              options={staff}
            />
            <button className="nhsuk-button" type="submit" disabled={busy}>
              Add to the care team
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
