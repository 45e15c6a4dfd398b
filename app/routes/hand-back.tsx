import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { handBack } from "~/auth/hand-back.server";
import { roleHome } from "~/auth/roles";
import { questionnairePath } from "~/auth/session-scope";
import { THROTTLE_WINDOW_SECONDS } from "~/auth/sign-in.server";
import { requestContext } from "~/context";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { ErrorSummary, TextInput } from "~/ui/form";

// Shown on a device a person may still be holding: no name, no record data (docs/decisions/0820).
export const meta: MetaFunction = () => [{ title: "Hand the device back – Connect Well" }];

const schema = z.object({ password: z.string({ error: "Enter your password" }).min(1, "Enter your password") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, context, "measures:record");
  // Nothing to hand back: a staff session goes home.
  if (!user.restrictedTo) throw redirect(roleHome[user.role]);
  return { questions: questionnairePath(user.restrictedTo) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, requestId } = await requirePermission(request, context, "measures:record");
  if (!user.restrictedTo) throw redirect(roleHome[user.role]);
  const parsed = await readForm(request, schema, { omitFromEcho: ["password"] });
  if (!parsed.ok) return reply(parsed);
  const result = await handBack(context.db, user, {
    password: parsed.data.password,
    clientIp: requestContext(context).clientIp,
    requestId,
  });
  if (result.ok) {
    return redirect(result.personId ? `/people/${result.personId}/measures` : roleHome[user.role], {
      headers: { "Set-Cookie": result.setCookie },
    });
  }
  if (result.reason === "throttled") {
    return reply(
      { errors: { password: "Too many wrong passwords. Wait 5 minutes and try again." }, values: {} },
      { status: 429, headers: { "Retry-After": String(THROTTLE_WINDOW_SECONDS) } },
    );
  }
  return reply({ errors: { password: "The password is not correct" }, values: {} });
}

export default function HandBack() {
  const { questions } = useLoaderData<typeof loader>();
  const { errors, busy } = useFormReply<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1>Hand the device back</h1>
        <p>Member of staff: type your password to go back to your work.</p>
        <Form method="post" noValidate>
          <TextInput
            name="password"
            label="Your password"
            type="password"
            autoComplete="current-password"
            error={errors.password}
          />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Continue
          </button>
        </Form>
        <p>
          <Link to={questions}>Go back to the questions</Link>
        </p>
        <Form method="post" action="/sign-out">
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Sign out instead
          </button>
        </Form>
      </div>
    </div>
  );
}
