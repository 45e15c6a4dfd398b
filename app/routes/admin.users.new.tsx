import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { createUserSchema } from "~/admin/user-forms";
import { createUser, listDistricts } from "~/admin/users.server";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { PASSWORD_MIN } from "~/auth/password-policy";
import { roleLabels, roles } from "~/auth/roles";
import { Select, TextInput } from "~/ui/form";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { EmailInput } from "~/ui/fields";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Add a user – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "users:manage");
  return { districts: await listDistricts(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "users:manage");
  const parsed = await readForm(request, createUserSchema, { omitFromEcho: ["password"] });
  if (!parsed.ok) return reply(parsed);
  return attempt(parsed, async () => {
    const id = await createUser(context.db, actorOf(guard), parsed.data);
    return redirect(`/admin/users/${id}?created=1`);
  });
}

export default function NewUser() {
  const { districts } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormReply<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading back={{ to: "/admin/users", text: "Back to users" }} errors={errors}>
          Add a user
        </PageHeading>
        <Form method="post" noValidate>
          <TextInput
            name="displayName"
            label="Full name"
            autoComplete="off"
            defaultValue={values.displayName}
            error={errors?.displayName}
          />
          <EmailInput name="email" label="Work email address" defaultValue={values.email} error={errors?.email} />
          <Select
            name="role"
            label="Role"
            placeholder="Select a role"
            defaultValue={values.role}
            error={errors?.role}
            options={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
          />
          <Select
            name="districtCode"
            label="Area (optional)"
            hint="Coordinators see the self-referral queue for their area."
            placeholder="No area"
            defaultValue={values.districtCode}
            error={errors?.districtCode}
            options={districts.map((d) => ({ value: d.code, label: d.name }))}
          />
          <TextInput
            name="password"
            label="Temporary password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN} characters. Three random words work well. Give it to them in person or by phone.`}
            error={errors?.password}
          />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Add user
          </button>
        </Form>
      </div>
    </div>
  );
}
