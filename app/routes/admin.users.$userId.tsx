import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { resetPasswordProblem, resetPasswordSchema, updateUserSchema } from "~/admin/user-forms";
import { getUser, listDistricts, resetPassword, StaleVersionError, updateUser } from "~/admin/users.server";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { PASSWORD_MIN } from "~/auth/password-policy";
import { roleLabels, roles } from "~/auth/roles";
import { confirmPassword, THROTTLE_WINDOW_SECONDS } from "~/auth/sign-in.server";
import { requestContext } from "~/context";
import { ErrorSummary, Select, TextInput } from "~/ui/form";
import { formatDate } from "~/ui/format";
import { formValues, parseForm } from "~/forms/parse";

export const meta: MetaFunction = () => [{ title: "User – Connect Well" }];

const uuid = z.string().uuid();
const CONFIRM_MESSAGE = "Enter your own password to change this user's role or to re-enable their account";

async function load(userId: string | undefined) {
  const id = uuid.safeParse(userId);
  const user = id.success ? await getUser(id.data) : undefined;
  if (!user) throw data({ message: "User not found" }, { status: 404 });
  return user;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "users:manage");
  const user = await load(params.userId);
  const url = new URL(request.url);
  return {
    user: {
      ...user,
      disabled: Boolean(user.disabled_at),
      created_at: user.created_at.toISOString(),
      disabled_at: undefined,
    },
    districts: await listDistricts(),
    created: url.searchParams.get("created") === "1",
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "users:manage");
  const user = await load(params.userId);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "reset-password") {
    const parsed = parseForm(resetPasswordSchema, form, { omitFromEcho: ["password"] });
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values, saved: null }, { status: 400 });
    const problem = resetPasswordProblem(parsed.data.password, user);
    if (problem) return data({ intent, errors: { password: problem }, values: null, saved: null }, { status: 400 });
    await resetPassword(actorOf(guard), user.id, parsed.data.password);
    return { intent, errors: null, values: null, saved: "The password has been reset and their sessions have ended." };
  }
  if (intent !== "update")
    return data({ intent, errors: { form: "Choose what to change" }, values: null, saved: null }, { status: 400 });
  const parsed = parseForm(updateUserSchema, form);
  if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values, saved: null }, { status: 400 });
  if (user.id === guard.user.id && (parsed.data.disabled || parsed.data.role !== "admin")) {
    return data(
      {
        intent,
        errors: { role: "You cannot remove your own administrator access or disable yourself" },
        values: formValues(form, ["currentPassword"]),
        saved: null,
      },
      { status: 400 },
    );
  }
  // Granting access (a new role, a re-enabled account) needs the administrator's own password again, so that a session
  // left open is not enough to hand someone more access.
  const grantsAccess = parsed.data.role !== user.role || (Boolean(user.disabled_at) && parsed.data.disabled !== "yes");
  if (grantsAccess) {
    const kept = formValues(form, ["currentPassword"]);
    const currentPassword = form.get("currentPassword");
    if (typeof currentPassword !== "string" || currentPassword === "") {
      return data({ intent, errors: { currentPassword: CONFIRM_MESSAGE }, values: kept, saved: null }, { status: 400 });
    }
    const { clientIp } = requestContext(context);
    const confirmed = await confirmPassword({
      userId: guard.user.id,
      email: guard.user.email,
      password: currentPassword,
      clientIp,
      requestId: guard.requestId,
    });
    if (confirmed === "throttled") {
      return data(
        {
          intent,
          errors: { currentPassword: "Too many wrong passwords. Wait 5 minutes and try again." },
          values: kept,
          saved: null,
        },
        { status: 429, headers: { "Retry-After": String(THROTTLE_WINDOW_SECONDS) } },
      );
    }
    if (confirmed === "wrong") {
      return data(
        { intent, errors: { currentPassword: "Your password is not correct" }, values: kept, saved: null },
        { status: 400 },
      );
    }
  }
  try {
    await updateUser(actorOf(guard), user.id, parsed.data.version, {
      ...parsed.data,
      disabled: parsed.data.disabled === "yes",
    });
  } catch (err) {
    if (err instanceof StaleVersionError) {
      return data(
        {
          intent,
          errors: {
            form: "Someone else changed this user while you were editing. Your changes are shown below: check them against the current details and save again.",
          },
          values: formValues(form, ["currentPassword"]),
          saved: null,
        },
        { status: 409 },
      );
    }
    throw err;
  }
  return { intent, errors: null, values: null, saved: "Changes saved." };
}

export default function EditUser() {
  const { user, districts, created } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? undefined) as Record<string, string> | undefined;
  const values = (result?.intent === "update" ? (result?.values ?? {}) : {}) as Record<string, string>;
  const pick = (k: string, fallback: string | undefined) => (k in values ? values[k] : fallback);
  const disabledChecked = result?.intent === "update" && result.values ? values.disabled === "yes" : user.disabled;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to="/admin/users">
          Back to users
        </Link>
        {created || result?.saved ? (
          <div
            className="nhsuk-notification-banner nhsuk-notification-banner--success"
            role="alert"
            aria-labelledby="saved-title"
          >
            <div className="nhsuk-notification-banner__header">
              <h2 className="nhsuk-notification-banner__title" id="saved-title">
                Success
              </h2>
            </div>
            <div className="nhsuk-notification-banner__content">
              <p className="nhsuk-notification-banner__heading">{result?.saved ?? "User added."}</p>
            </div>
          </div>
        ) : null}
        <ErrorSummary errors={errors} />
        <h1>{user.display_name}</h1>
        <p>
          {user.email} · added {formatDate(user.created_at)}
        </p>
        <Form method="post" noValidate key={`update-${user.version}`}>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="version" value={pick("version", String(user.version))} />
          <TextInput
            name="displayName"
            label="Full name"
            defaultValue={pick("displayName", user.display_name)}
            error={result?.intent === "update" ? errors?.displayName : undefined}
          />
          <Select
            name="role"
            label="Role"
            defaultValue={pick("role", user.role)}
            error={result?.intent === "update" ? errors?.role : undefined}
            options={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
          />
          <Select
            name="districtCode"
            label="Area (optional)"
            placeholder="No area"
            defaultValue={pick("districtCode", user.district_code ?? "")}
            options={districts.map((d) => ({ value: d.code, label: d.name }))}
          />
          <div className="nhsuk-form-group">
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="disabled"
                  name="disabled"
                  type="checkbox"
                  value="yes"
                  defaultChecked={disabledChecked}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="disabled">
                  Account disabled (ends their sessions at once)
                </label>
              </div>
            </div>
          </div>
          <TextInput
            name="currentPassword"
            label="Your password"
            type="password"
            autoComplete="current-password"
            hint="Needed only to change their role or to re-enable their account."
            error={result?.intent === "update" ? errors?.currentPassword : undefined}
          />
          <button className="nhsuk-button" type="submit">
            Save changes
          </button>
        </Form>
        <h2>Reset password</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="reset-password" />
          <TextInput
            name="password"
            label="New temporary password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN} characters.`}
            error={result?.intent === "reset-password" ? errors?.password : undefined}
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Reset password
          </button>
        </Form>
      </div>
    </div>
  );
}
