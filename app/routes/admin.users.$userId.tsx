import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { resetPasswordSchema, updateUserSchema } from "~/admin/user-forms";
import { getUser, listDistricts, resetPassword, updateUser } from "~/admin/users.server";
import type { Executor } from "~/audit/audit.server";
import { notFound } from "~/errors";
import { idParam } from "~/params";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { PASSWORD_MIN } from "~/auth/password-policy";
import { roleLabels, roles } from "~/auth/roles";
import { confirmPassword, THROTTLE_WINDOW_SECONDS } from "~/auth/sign-in.server";
import { requestContext } from "~/context";
import { ErrorSummary, Select, TextInput } from "~/ui/form";
import { formatDate } from "~/ui/format";
import { readIntent } from "~/forms/intent";
import { parseForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { SuccessBanner } from "~/ui/Banner";

export const meta: MetaFunction = () => [{ title: "User – Connect Well" }];

const CONFIRM_MESSAGE = "Enter your own password to change this user's role or to re-enable their account";

async function load(db: Executor, userId: string | undefined) {
  const user = await getUser(db, idParam(userId, "User"));
  if (!user) notFound("User");
  return user;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "users:manage");
  const user = await load(context.db, params.userId);
  const url = new URL(request.url);
  return {
    user: {
      ...user,
      disabled: Boolean(user.disabled_at),
      created_at: user.created_at.toISOString(),
      disabled_at: undefined,
    },
    districts: await listDistricts(context.db),
    created: url.searchParams.get("created") === "1",
  };
}

// Two forms on one page: each reply names its form (`intent`).
export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "users:manage");
  const user = await load(context.db, params.userId);
  const form = await request.formData();
  const intent = readIntent(form, ["reset-password", "update"] as const);
  const extra = { intent, saved: null as string | null };
  const saved = (message: string) => ({ intent, errors: null, values: null, saved: message });
  if (intent === "reset-password") {
    const parsed = parseForm(resetPasswordSchema(user), form, { omitFromEcho: ["password"] });
    if (!parsed.ok) return reply(parsed, { extra });
    await resetPassword(context.db, actorOf(guard), user.id, parsed.data.password);
    return saved("The password has been reset and their sessions have ended.");
  }
  const parsed = parseForm(updateUserSchema, form, { omitFromEcho: ["currentPassword"] });
  if (!parsed.ok) return reply(parsed, { extra });
  // Granting access (a new role, a re-enabled account) needs the administrator's own password again, so that a session
  // left open is not enough to hand someone more access.
  const grantsAccess = parsed.data.role !== user.role || (Boolean(user.disabled_at) && parsed.data.disabled !== "yes");
  if (grantsAccess) {
    const refuse = (message: string, status = 400, headers?: Record<string, string>) =>
      reply({ errors: { currentPassword: message }, values: parsed.values }, { status, headers, extra });
    const currentPassword = parsed.data.currentPassword;
    if (!currentPassword) return refuse(CONFIRM_MESSAGE);
    const { clientIp } = requestContext(context);
    const confirmed = await confirmPassword(context.db, {
      userId: guard.user.id,
      email: guard.user.email,
      password: currentPassword,
      clientIp,
      requestId: guard.requestId,
    });
    if (confirmed === "throttled")
      return refuse("Too many wrong passwords. Wait 5 minutes and try again.", 429, {
        "Retry-After": String(THROTTLE_WINDOW_SECONDS),
      });
    if (confirmed === "wrong") return refuse("Your password is not correct");
  }
  return attempt(
    parsed,
    async () => {
      const { currentPassword: _currentPassword, ...fields } = parsed.data;
      await updateUser(context.db, actorOf(guard), user.id, parsed.data.version, {
        ...fields,
        disabled: fields.disabled === "yes",
      });
      // Whether they can work is what an administrator most needs confirmed, in words, not only as a ticked box.
      const disabling = fields.disabled === "yes";
      if (disabling === Boolean(user.disabled_at)) return saved("Changes saved.");
      return saved(
        disabling
          ? "Changes saved. Their account is disabled and their sessions have ended."
          : "Changes saved. Their account is enabled again: they can sign in.",
      );
    },
    {
      conflict:
        "Someone else changed this user while you were editing. Your changes are shown below: check them against the current details and save again.",
      extra,
    },
  );
}

export default function EditUser() {
  const { user, districts, created } = useLoaderData<typeof loader>();
  const { reply: result, errors, values: typed } = useFormReply<typeof action>();
  const values = result?.intent === "update" ? typed : {};
  const pick = (k: string, fallback: string | undefined) => (k in values ? values[k] : fallback);
  const disabledChecked = result?.intent === "update" && result.values ? values.disabled === "yes" : user.disabled;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Link className="nhsuk-back-link" to="/admin/users">
          Back to users
        </Link>
        {created || result?.saved ? <SuccessBanner>{result?.saved ?? "User added."}</SuccessBanner> : null}
        <ErrorSummary errors={errors} />
        <h1>{user.display_name}</h1>
        <p>
          {user.email} · added {formatDate(user.created_at)}
          {user.disabled ? (
            <>
              {" "}
              <strong className="nhsuk-tag nhsuk-tag--grey">Account disabled</strong>
            </>
          ) : null}
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
