import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { safeReturnTo } from "~/auth/return-to";
import { roleHome, isRole } from "~/auth/roles";
import { currentUser, hashSessionId, readSessionId } from "~/auth/session.server";
import { signIn } from "~/auth/sign-in.server";
import { requestContext } from "~/context";
import { ErrorSummary, TextInput } from "~/ui/form";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";

export const meta: MetaFunction = () => [{ title: "Sign in – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await currentUser(request, { context });
  const url = new URL(request.url);
  if (user) return redirect(safeReturnTo(url.searchParams.get("returnTo")) ?? roleHome[user.role]);
  return {
    expired: url.searchParams.get("reason") === "expired",
    signedOut: url.searchParams.get("reason") === "signed-out",
    // Set by the guard when the session's account was disabled (app/auth/guards.server.ts); saying so to whoever
    // opens this address tells them nothing about any account.
    disabled: url.searchParams.get("reason") === "disabled",
    returnTo: safeReturnTo(url.searchParams.get("returnTo")) ?? "",
  };
}

const schema = z.object({
  email: z
    .string({ error: "Enter your email address" })
    .trim()
    .min(1, "Enter your email address")
    .max(254, "Enter a valid email address"),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "Enter your password"),
  // A bad returnTo never blocks signing in: it is ignored (safeReturnTo) and the user lands on their home page.
  returnTo: z.string().optional().catch(undefined),
});

const INVALID = "Enter a correct email address and password";

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await readForm(request, schema, { omitFromEcho: ["password"] });
  if (!parsed.ok) return reply(parsed);
  const { requestId, clientIp } = requestContext(context);
  const previous = await readSessionId(request);
  const result = await signIn(context.db, {
    email: parsed.data.email,
    password: parsed.data.password,
    clientIp,
    requestId,
    previousSessionHash: previous ? hashSessionId(previous) : null,
  });
  const values = { email: parsed.data.email };
  if (!result.ok && result.reason === "throttled") {
    return reply(
      { errors: { form: "Too many attempts to sign in. Wait 5 minutes and try again." }, values },
      { status: 429, headers: { "Retry-After": "300" } },
    );
  }
  if (!result.ok) return reply({ errors: { email: INVALID }, values }, { status: 401 });
  const home = isRole(result.role) ? roleHome[result.role] : "/";
  return redirect(safeReturnTo(parsed.data.returnTo) ?? home, { headers: { "Set-Cookie": result.setCookie } });
}

export default function SignIn() {
  const { expired, signedOut, disabled, returnTo } = useLoaderData<typeof loader>();
  const { reply: refused, errors, values, busy } = useFormReply<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-one-half">
        {expired && !refused ? (
          <div className="nhsuk-inset-text">
            <p>You were signed out because you had not done anything for a while. Sign in again to carry on.</p>
          </div>
        ) : null}
        {disabled && !refused ? (
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>Your account has been disabled
              </span>
            </h2>
            <p>
              An administrator has disabled your account, so you have been signed out. If you think this is a mistake,
              ask your service administrator to enable it again.
            </p>
          </div>
        ) : null}
        {signedOut && !refused ? (
          <div className="nhsuk-inset-text">
            <p>You have signed out.</p>
          </div>
        ) : null}
        <ErrorSummary errors={errors} />
        <h1>Sign in</h1>
        <p>
          For staff of the social prescribing service. If you would like help for yourself,{" "}
          <a href="/start">start a conversation</a> instead.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="returnTo" value={returnTo} />
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            defaultValue={values.email}
            error={errors.email}
          />
          <TextInput
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            error={errors.password}
          />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Sign in
          </button>
        </Form>
      </div>
    </div>
  );
}
