import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { notFound } from "~/errors";
import { readIntent } from "~/forms/intent";
import { requiredText, version } from "~/forms/fields";
import { formValues, parseForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { idParam } from "~/params";
import { breakGlassPath } from "~/people/care-team";
import { formatNhsNumber } from "~/forms/nhs-number";
import { bestTimes, selfReferralTopics } from "~/referrals/self-referral";
import {
  closeSelfReferral,
  createPersonFromSelfReferral,
  linkSelfReferral,
  readSelfReferral,
} from "~/triage/triage.server";
import { TextInput } from "~/ui/form";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";
import { formatDateTime, formatIsoDate } from "~/ui/format";
import { labelOf, labelsOf } from "~/labels";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Self-referral – Connect Well" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "triage:manage");
  const found = await readSelfReferral(
    context.db,
    actorOf(guard),
    idParam(params.selfReferralId, "Self-referral"),
    guard.user.districtCode ?? null,
  );
  if (!found) notFound("Self-referral");
  const s = found.selfReferral;
  return {
    sr: {
      id: s.id,
      version: s.version,
      status: s.status,
      name: `${s.given_name} ${s.family_name}`,
      dateOfBirth: s.date_of_birth,
      phone: s.phone,
      email: s.email,
      postcode: s.postcode,
      district: s.district,
      bestTime: s.best_time ? labelOf(bestTimes, s.best_time) : null,
      topics: labelsOf(selfReferralTopics, s.topics),
      message: s.message,
      receivedAt: s.received_at.toISOString(),
      personId: s.person_id,
      referralId: s.referral_id,
    },
    matches: found.matches,
  };
}

const linkSchema = z.object({ personId: z.uuid("Choose a record"), version });
const createSchema = z.object({ version });
const closeSchema = z.object({
  version,
  reason: requiredText(500, "Enter why you are closing this request", "The reason"),
});

const HANDLED_FIRST = "Someone else has already dealt with this request. Check the queue before doing anything more.";

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "triage:manage");
  const id = idParam(params.selfReferralId, "Self-referral");
  const form = await request.formData();
  const intent = readIntent(form, ["close", "link", "create"] as const);
  const actor = { ...actorOf(guard), userId: guard.user.id };
  // Acting on a request is area-checked as listing and opening it are (docs/decisions/0782).
  const area = guard.user.districtCode ?? null;
  const unclear = () => reply({ errors: { form: "Choose what to do with this request" }, values: formValues(form) });
  // What the user chose is not kept after someone else has dealt with the request: the page says to check the queue.
  const nothing = { values: {} };
  if (intent === "close") {
    const p = parseForm(closeSchema, form);
    if (!p.ok) return p.errors.reason ? reply({ errors: { reason: p.errors.reason }, values: p.values }) : unclear();
    return attempt(
      nothing,
      async () => {
        if (!(await closeSelfReferral(context.db, actor, area, id, p.data.version, p.data.reason)))
          notFound("Self-referral");
        return redirect("/triage");
      },
      { conflict: HANDLED_FIRST },
    );
  }
  const link = parseForm(linkSchema, form);
  const create = parseForm(createSchema, form);
  if (intent === "link" ? !link.ok : !create.ok) return unclear();
  return attempt(
    nothing,
    async () => {
      const personId =
        intent === "link" && link.ok
          ? await linkSelfReferral(context.db, actor, area, id, link.data.version, link.data.personId)
          : create.ok
            ? await createPersonFromSelfReferral(context.db, actor, area, id, create.data.version)
            : null;
      if (!personId) notFound("Self-referral");
      return redirect(`/people/${personId}/refer?selfReferral=${id}`);
    },
    { conflict: HANDLED_FIRST },
  );
}

export default function TriageItem() {
  const { sr, matches } = useLoaderData<typeof loader>();
  const { errors, values } = useFormReply<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading back={{ to: "/triage", text: "Back to self-referrals" }} errors={errors}>
          Request from {sr.name}
        </PageHeading>
        <SummaryList>
          {/* An empty value (no topics chosen, no phone) reads "Not given": SummaryRow says so for every row. */}
          {(
            [
              ["Date of birth", sr.dateOfBirth ? formatIsoDate(sr.dateOfBirth) : null],
              ["Phone", sr.phone],
              ["Email", sr.email],
              ["Postcode", sr.postcode],
              ["Area", sr.district ?? "Not sure"],
              ["Best time to call", sr.bestTime],
              ["Wants to talk about", sr.topics.join(", ")],
              ["Their message", sr.message ?? "None"],
              ["Received", formatDateTime(sr.receivedAt)],
            ] as const
          ).map(([k, v]) => (
            <SummaryRow key={k} label={k}>
              {v}
            </SummaryRow>
          ))}
        </SummaryList>
        {sr.status !== "new" ? (
          <p>
            This request has been dealt with.
            {sr.personId ? (
              <>
                {" "}
                <Link to={`/people/${sr.personId}`}>Open their record</Link>.
              </>
            ) : null}
            {sr.personId && !sr.referralId ? (
              <>
                {" "}
                <Link to={`/people/${sr.personId}/refer?selfReferral=${sr.id}`}>Make the referral</Link>.
              </>
            ) : null}
          </p>
        ) : (
          <>
            <h2>Is this someone we already know?</h2>
            {matches.length === 0 ? (
              <p>No existing record has a similar name and the same date of birth.</p>
            ) : (
              <>
                <p>
                  These records have a similar name and the same date of birth. Check the details with them when you
                  call.
                </p>
                <ul className="nhsuk-list">
                  {matches.map((m) => (
                    <li key={m.id} className="nhsuk-u-margin-bottom-4">
                      <Form method="post">
                        <input type="hidden" name="intent" value="link" />
                        <input type="hidden" name="version" value={sr.version} />
                        <input type="hidden" name="personId" value={m.id} />
                        <p className="nhsuk-u-margin-bottom-2">
                          <Link to={m.onCareTeam ? `/people/${m.id}` : breakGlassPath(m.id)}>
                            {m.givenName} {m.familyName}
                          </Link>
                          {m.onCareTeam ? (
                            <>
                              , born {formatIsoDate(m.dateOfBirth)}
                              {m.nhsNumber ? `, NHS number ${formatNhsNumber(m.nhsNumber)}` : ""}
                              {m.postcode ? `, ${m.postcode}` : ""}
                            </>
                          ) : (
                            // Outside the coordinator's care teams: only what recognises them (docs/decisions/0803).
                            <>
                              , born {m.yearOfBirth}, {m.district ?? "district not recorded"}. Not on your care team.
                            </>
                          )}
                        </p>
                        <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
                          Link to this record
                          <span className="nhsuk-u-visually-hidden">
                            : {m.givenName} {m.familyName}
                          </span>
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <Form method="post">
              <input type="hidden" name="intent" value="create" />
              <input type="hidden" name="version" value={sr.version} />
              <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                {matches.length ? "None of these: create a new person" : "Create a new person"}
              </button>
            </Form>
            <h2>Not for this service</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="close" />
              <input type="hidden" name="version" value={sr.version} />
              <TextInput
                name="reason"
                label="Why are you closing this request?"
                hint="For example, a test entry or they asked us not to call"
                defaultValue={values.reason}
                error={errors.reason}
              />
              <button className="nhsuk-button nhsuk-button--warning" type="submit">
                Close request
              </button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
