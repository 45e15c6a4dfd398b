import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { notFound } from "~/errors";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { idParam } from "~/params";
import { breakGlass, readMinimalPerson } from "~/care-team/break-glass.server";
import { BREAK_GLASS_REASON_MAX, BREAK_GLASS_REASON_MIN, breakGlassSchema } from "~/people/care-team";
import { Textarea } from "~/ui/form";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Ask for access to a person’s record – Connect Well" }];

// Break glass (docs/decisions/0801): anyone who may read people's records, and is outside this person's care
// team, sees the minimum to recognise them and may join the team by stating why. A member goes to the record.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "people:read");
  const found = await readMinimalPerson(
    context.db,
    { ...actorOf(guard), userId: guard.user.id },
    idParam(params.personId, "Person"),
  );
  if (!found) notFound("Person");
  if (found.onCareTeam) throw redirect(`/people/${found.person.id}`);
  return { person: found.person };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "people:read");
  const personId = idParam(params.personId, "Person");
  const parsed = await readForm(request, breakGlassSchema);
  if (!parsed.ok) return reply(parsed);
  return attempt(parsed, async () => {
    await breakGlass(context.db, { ...actorOf(guard), userId: guard.user.id }, personId, parsed.data.reason);
    return redirect(`/people/${personId}`);
  });
}

export default function BreakGlass() {
  const { person } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormReply<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading back={{ to: "/people", text: "Back to people" }} errors={errors}>
          Ask for access to this person’s record
        </PageHeading>
        <SummaryList>
          <SummaryRow label="Name">
            {person.givenName} {person.familyName}
          </SummaryRow>
          <SummaryRow label="Year of birth">{person.yearOfBirth}</SummaryRow>
          <SummaryRow label="District">{person.district ?? "Not recorded"}</SummaryRow>
        </SummaryList>
        <p>
          You are not on this person’s care team, so you cannot see their record. Someone on their care team can add
          you. If you need the record now, for example to support them today or to cover a colleague, say why below: you
          will join their care team straight away.
        </p>
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              This is recorded and reviewed
            </span>
          </h2>
          <p>
            Your name, the time and your reason are kept in the person’s access history, which they can ask to see, and
            an administrator reviews every request.
          </p>
        </div>
        <Form method="post" noValidate>
          <Textarea
            name="reason"
            label="Why do you need this person’s record?"
            hint={`At least ${BREAK_GLASS_REASON_MIN} characters, up to ${BREAK_GLASS_REASON_MAX.toLocaleString("en-GB")}. Do not include clinical details.`}
            rows={4}
            defaultValue={values.reason}
            error={errors?.reason}
          />
          <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={busy}>
            Join the care team and open the record
          </button>
        </Form>
      </div>
    </div>
  );
}
