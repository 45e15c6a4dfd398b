import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { StaleRecordError } from "~/people/errors";
import { formatNhsNumber } from "~/forms/nhs-number";
import { bestTimes, selfReferralTopics, type SelfReferralTopic } from "~/referrals/self-referral";
import {
  closeSelfReferral,
  createPersonFromSelfReferral,
  linkSelfReferral,
  readSelfReferral,
  TriageHandledError,
} from "~/referrals/triage.server";
import { ErrorSummary, TextInput } from "~/ui/form";
import { formatDateTime, formatIsoDate } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Self-referral – Connect Well" }];

function idOf(raw: string | undefined) {
  const id = z.string().uuid().safeParse(raw);
  if (!id.success) throw data({ message: "Self-referral not found" }, { status: 404 });
  return id.data;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "triage:manage");
  const found = await readSelfReferral(actorOf(guard), idOf(params.selfReferralId), guard.user.districtCode ?? null);
  if (!found) throw data({ message: "Self-referral not found" }, { status: 404 });
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
      bestTime: s.best_time ? (bestTimes[s.best_time as keyof typeof bestTimes] ?? s.best_time) : null,
      topics: s.topics.map((t) => selfReferralTopics[t as SelfReferralTopic] ?? t),
      message: s.message,
      receivedAt: s.received_at.toISOString(),
      personId: s.person_id,
      referralId: s.referral_id,
    },
    matches: found.matches,
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("link"),
    personId: z.string().uuid("Choose a record"),
    version: z.coerce.number().int(),
  }),
  z.object({ intent: z.literal("create"), version: z.coerce.number().int() }),
  z.object({
    intent: z.literal("close"),
    version: z.coerce.number().int(),
    reason: z
      .string()
      .trim()
      .min(1, "Enter why you are closing this request")
      .max(500, "The reason must be 500 characters or fewer"),
  }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "triage:manage");
  const id = idOf(params.selfReferralId);
  const form = await request.formData();
  const parsed = actionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data(
      {
        errors: {
          [issue.path[0] === "reason" ? "reason" : "form"]:
            issue.path[0] === "reason" ? issue.message : "Choose what to do with this request",
        } as Record<string, string>,
        values: Object.fromEntries(form) as Record<string, string>,
      },
      { status: 400 },
    );
  }
  const actor = { ...actorOf(guard), userId: guard.user.id };
  const input = parsed.data;
  try {
    if (input.intent === "close") {
      if (!(await closeSelfReferral(actor, id, input.version, input.reason)))
        throw data({ message: "Self-referral not found" }, { status: 404 });
      return redirect("/triage");
    }
    const personId =
      input.intent === "link"
        ? await linkSelfReferral(actor, id, input.version, input.personId)
        : await createPersonFromSelfReferral(actor, id, input.version);
    if (!personId) throw data({ message: "Self-referral not found" }, { status: 404 });
    return redirect(`/people/${personId}/refer?selfReferral=${id}`);
  } catch (err) {
    if (err instanceof StaleRecordError || err instanceof TriageHandledError) {
      return data(
        {
          errors: {
            form: "Someone else has already dealt with this request. Check the queue before doing anything more.",
          } as Record<string, string>,
          values: {} as Record<string, string>,
        },
        { status: 409 },
      );
    }
    throw err;
  }
}

export default function TriageItem() {
  const { sr, matches } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to="/triage">
          Back to self-referrals
        </Link>
        <ErrorSummary errors={result?.errors} />
        <h1>Request from {sr.name}</h1>
        <dl className="nhsuk-summary-list">
          {[
            ["Date of birth", sr.dateOfBirth ? formatIsoDate(sr.dateOfBirth) : "Not given"],
            ["Phone", sr.phone ?? "Not given"],
            ["Email", sr.email ?? "Not given"],
            ["Postcode", sr.postcode ?? "Not given"],
            ["Area", sr.district ?? "Not sure"],
            ["Best time to call", sr.bestTime ?? "Not given"],
            ["Wants to talk about", sr.topics.join(", ")],
            ["Their message", sr.message ?? "None"],
            ["Received", formatDateTime(sr.receivedAt)],
          ].map(([k, v]) => (
            <div key={k} className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">{k}</dt>
              <dd className="nhsuk-summary-list__value">{v}</dd>
            </div>
          ))}
        </dl>
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
                          <Link to={`/people/${m.id}`}>
                            {m.givenName} {m.familyName}
                          </Link>
                          , born {formatIsoDate(m.dateOfBirth)}
                          {m.nhsNumber ? `, NHS number ${formatNhsNumber(m.nhsNumber)}` : ""}
                          {m.postcode ? `, ${m.postcode}` : ""}
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
                defaultValue={result?.values?.reason}
                error={result?.errors?.reason}
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
