import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requestContext } from "~/context";
import { listDistricts } from "~/people/people.server";
import {
  bestTimes,
  HONEYPOT_FIELD,
  SELF_REFERRAL_MESSAGE_MAX,
  selfReferralSchema,
  selfReferralTopics,
} from "~/referrals/self-referral";
import { submitSelfReferral } from "~/referrals/self-referral.server";
import { Checkboxes, DateInput, Radios } from "~/ui/choices";
import { ErrorSummary, Select, TextInput, Textarea } from "~/ui/form";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { PhoneInput, EmailInput, PostcodeInput } from "~/ui/fields";

export const meta: MetaFunction = () => [{ title: "Start a conversation – Connect Well" }];

// Public: no sign-in. Abuse is held back by a honeypot and an hourly limit per (hashed) address.
export async function loader({ context }: LoaderFunctionArgs) {
  return { districts: await listDistricts(context.db), idempotencyKey: crypto.randomUUID() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const districts = (await listDistricts(context.db)).map((d) => d.code);
  const parsed = await readForm(request, selfReferralSchema(districts), {
    omitFromEcho: [HONEYPOT_FIELD],
    lists: ["topics"],
  });
  if (!parsed.ok) return reply(parsed);
  const ctx = requestContext(context);
  const result = await submitSelfReferral(context.db, {
    data: parsed.data,
    clientIp: ctx.clientIp,
    requestId: ctx.requestId,
  });
  if (result === "rate_limited")
    return reply(
      {
        errors: {
          form: "We have had several requests from your connection in the last hour. Please try again later, or call your GP practice and ask for the social prescribing link worker.",
        },
        values: parsed.values,
        lists: parsed.lists,
      },
      { status: 429, headers: { "Retry-After": "3600" } },
    );
  return redirect("/start/thank-you");
}

export default function Start() {
  const { districts, idempotencyKey } = useLoaderData<typeof loader>();
  const { errors, values, lists, busy } = useFormReply<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1>Start a conversation</h1>
        <p className="nhsuk-lede-text">
          If you feel lonely, or would like to meet people near you, ask for a call back. A Local Area Coordinator will
          ring you for a friendly chat about what might help.
        </p>
        <p>
          This is not an emergency service. If you need help now, call 111, or 999 in an emergency. For support with how
          you feel, you can call Samaritans free on 116 123.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? idempotencyKey} />
          <TextInput
            name="givenName"
            label="First name"
            autoComplete="given-name"
            defaultValue={values.givenName}
            error={errors?.givenName}
          />
          <TextInput
            name="familyName"
            label="Last name"
            autoComplete="family-name"
            defaultValue={values.familyName}
            error={errors?.familyName}
          />
          <DateInput
            name="dob"
            legend="Date of birth"
            hint="For example, 27 3 1947. It helps us make sure we have the right person."
            autoCompleteBirthday
            value={{ day: values.dobDay, month: values.dobMonth, year: values.dobYear }}
            error={errors?.dob}
          />
          <PhoneInput
            name="phone"
            label="Phone number (optional)"
            hint="We will call you on this number. If you have no phone, give an email address instead."
            defaultValue={values.phone}
            error={errors?.phone}
            own
          />
          <EmailInput
            name="email"
            label="Email address (optional)"
            hint="We will email you if you have given no phone number."
            defaultValue={values.email}
            error={errors?.email}
            own
          />
          <PostcodeInput
            name="postcode"
            label="Postcode (optional)"
            defaultValue={values.postcode}
            error={errors?.postcode}
            own
          />
          <Select
            name="districtCode"
            label="Which area do you live in? (optional)"
            placeholder="Not sure"
            defaultValue={values.districtCode}
            error={errors?.districtCode}
            options={districts.map((d) => ({ value: d.code, label: d.name }))}
          />
          <Radios
            name="bestTime"
            legend="When is the best time to call you?"
            value={values.bestTime}
            error={errors?.bestTime}
            options={Object.entries(bestTimes).map(([value, label]) => ({ value, label }))}
          />
          <Checkboxes
            name="topics"
            legend="What would you like to talk about?"
            hint="Select all that apply."
            selected={lists.topics ?? []}
            error={errors?.topics}
            options={Object.entries(selfReferralTopics).map(([value, label]) => ({ value, label }))}
          />
          <Textarea
            name="message"
            label="Anything else you would like us to know? (optional)"
            hint={`Up to ${SELF_REFERRAL_MESSAGE_MAX.toLocaleString("en-GB")} characters.`}
            defaultValue={values.message}
            error={errors?.message}
          />
          {/* Hidden from people and from assistive technology; form-filling robots complete it. */}
          <div className="nhsuk-u-visually-hidden" aria-hidden="true">
            <label htmlFor={HONEYPOT_FIELD}>Leave this field empty</label>
            <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" />
          </div>
          <p>
            We use what you tell us only to get in touch and offer support. It is kept securely by the council and NHS
            services that work together on social prescribing. Our <Link to="/privacy">privacy notice</Link> says what
            we keep, for how long and what you can ask us to do; read also our{" "}
            <Link to="/accessibility">accessibility statement</Link> and <Link to="/cookies">cookies statement</Link>.
          </p>
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Ask for a call back
          </button>
        </Form>
      </div>
    </div>
  );
}
