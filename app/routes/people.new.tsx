import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { recordPerson } from "~/person-record/create.server";
import { listDistricts } from "~/people/people.server";
import { personColumns, personConsents, personSchema } from "~/people/person-form";
import { PersonFields } from "~/people/PersonFields";
import { PossibleMatches } from "~/people/PossibleMatches";
import { PageHeading } from "~/ui/PageHeading";
import { readForm, type FieldErrors } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { nhsNumberPolicy } from "~/people/nhs-number-policy.server";
import { isUuid } from "~/params";

export const meta: MetaFunction = () => [{ title: "Record a person – Connect Well" }];

const extra = {
  idempotencyKey: z.uuid("The form has expired: reload the page and try again"),
  confirmNew: z.enum(["yes"]).optional(),
  activity: z
    .string()
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "people:write");
  const activity = new URL(request.url).searchParams.get("activity");
  return {
    districts: await listDistricts(context.db),
    idempotencyKey: crypto.randomUUID(),
    activity: isUuid(activity) ? activity : "",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "people:write");
  const districts = (await listDistricts(context.db)).map((d) => d.code);
  const parsed = await readForm(request, personSchema(districts, extra, nhsNumberPolicy()));
  if (!parsed.ok) return reply(parsed, { extra: { matches: null, nhsNumberTaken: false } });
  const d = parsed.data;
  const result = await recordPerson(
    context.db,
    { ...actorOf(guard), userId: guard.user.id },
    {
      columns: personColumns(d),
      consents: personConsents(d),
      idempotencyKey: d.idempotencyKey,
      confirmedNew: d.confirmNew === "yes",
    },
  );
  if (result.kind === "matches") {
    const errors: FieldErrors = result.nhsNumberTaken
      ? { nhsNumber: "A record with this NHS number already exists: use that record" }
      : {};
    return reply(
      { errors, values: parsed.values },
      { status: 409, extra: { matches: result.matches, nhsNumberTaken: result.nhsNumberTaken } },
    );
  }
  return redirect(d.activity ? `/people/${result.id}/refer?activity=${d.activity}` : `/people/${result.id}?created=1`);
}

export default function NewPerson() {
  const { districts, idempotencyKey, activity } = useLoaderData<typeof loader>();
  const { reply: result, values, errors, busy } = useFormReply<typeof action>();
  const matches = result?.matches ?? null;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading
          back={{ to: "/people", text: "Back to people" }}
          errors={errors}
          notice={
            matches && matches.length > 0 ? (
              <div className="nhsuk-warning-callout">
                <h2 className="nhsuk-warning-callout__label" id="matches-title">
                  <span role="text">
                    <span className="nhsuk-u-visually-hidden">Important: </span>This person may already have a record
                  </span>
                </h2>
                <p>
                  {result?.nhsNumberTaken
                    ? "A record with this NHS number already exists. Use that record instead of making a second one."
                    : "We found records with a similar name and the same date of birth. Use the existing record if it is the same person."}
                </p>
                <PossibleMatches
                  matches={matches}
                  hrefFor={(id) => (activity ? `/people/${id}/refer?activity=${activity}` : `/people/${id}`)}
                  actionLabel="Use this record"
                />
                {!result?.nhsNumberTaken ? (
                  <p>If none of these is the person, check the details below and choose “Record as a new person”.</p>
                ) : null}
              </div>
            ) : null
          }
        >
          Record a person
        </PageHeading>
        <Form method="post" noValidate>
          <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? idempotencyKey} />
          <input type="hidden" name="activity" value={values.activity ?? activity} />
          {matches && matches.length > 0 && !result?.nhsNumberTaken ? (
            <input type="hidden" name="confirmNew" value="yes" />
          ) : null}
          <PersonFields values={values} errors={errors} districts={districts} />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            {matches && matches.length > 0 && !result?.nhsNumberTaken ? "Record as a new person" : "Save and continue"}
          </button>
        </Form>
      </div>
    </div>
  );
}
