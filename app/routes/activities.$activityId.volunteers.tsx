import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { addVolunteer, listVolunteers, updateVolunteer } from "~/attendance/befriending.server";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { editVolunteerSchema, newVolunteerSchema } from "~/directory/forms";
import { newIdempotencyKey } from "~/directory/keys.server";
import { londonToday } from "~/calendar";
import { requireActivityAccess } from "~/directory/scope.server";
import { SuccessBanner, Tag } from "~/ui/Banner";
import { dbsStatusColours, dbsStatusLabels, renewalDue } from "~/directory/volunteers";
import { TableHead } from "~/ui/Table";
import { TextInput } from "~/ui/form";
import { formatIsoDate } from "~/ui/format";
import { readIntent } from "~/forms/intent";
import { parseForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { EmailInput, IsoDateInput, PhoneInput } from "~/ui/fields";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Volunteers – Connect Well" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "activities:lead");
  const activity = await requireActivityAccess(context.db, guard, params.activityId, "volunteer.list");
  const volunteers = await listVolunteers(context.db, activity.provider_id, londonToday());
  return {
    activity,
    volunteers: volunteers.map((v) => ({
      ...v,
      label: dbsStatusLabels[v.dbs],
      due: renewalDue(v.dbs_checked_on, v.dbs_renewal_due_on),
    })),
    key: newIdempotencyKey(),
  };
}

// Two forms on one page: each reply names its form (`intent`).
export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "activities:lead");
  const activity = await requireActivityAccess(context.db, guard, params.activityId, "volunteer.change");
  const form = await request.formData();
  const intent = readIntent(form, ["add", "update"] as const);
  const today = londonToday();
  const extra = { intent, done: null as string | null };
  const done = (message: string) => ({ intent, errors: null, values: null, done: message });
  if (intent === "add") {
    const p = parseForm(newVolunteerSchema, form);
    if (!p.ok) return reply(p, { extra });
    const { idempotencyKey, ...v } = p.data;
    return attempt(
      p,
      async () => {
        await addVolunteer(context.db, actorOf(guard), activity.provider_id, v, idempotencyKey, today);
        return done("Volunteer added.");
      },
      { extra },
    );
  }
  // intent === "update"
  const p = parseForm(editVolunteerSchema, form);
  if (!p.ok) return reply(p, { extra });
  const { volunteerId, version, active, ...v } = p.data;
  return attempt(
    p,
    async () => {
      await updateVolunteer(
        context.db,
        actorOf(guard),
        activity.provider_id,
        volunteerId,
        version,
        { ...v, active: active === "yes" },
        today,
      );
      return done("Volunteer updated.");
    },
    {
      conflict:
        "Someone else updated this volunteer while you were editing. Reload the page and enter your change again.",
      extra,
    },
  );
}

export default function Volunteers() {
  const { activity, volunteers, key } = useLoaderData<typeof loader>();
  const { reply: result, errors } = useFormReply<typeof action>();
  const addValues = (result?.intent === "add" ? result.values : null) ?? {};
  const addErrors = result?.intent === "add" ? errors : undefined;
  const editing = result?.intent === "update" && result.values ? result.values.volunteerId : null;
  const requested = new URLSearchParams(useLocation().search).get("edit");
  const editId = editing ?? (result?.done ? null : requested);
  const editingVolunteer = volunteers.find((v) => v.id === editId) ?? null;
  return (
    <>
      <PageHeading
        back={{ to: "/my-activities", text: "Back to your activities" }}
        errors={errors}
        notice={result?.done ? <SuccessBanner>{result.done}</SuccessBanner> : null}
        caption={activity.provider_name}
      >
        Volunteers
      </PageHeading>
      <p>
        A volunteer can be matched with someone only while their DBS check is current. Checks are due for renewal three
        years after the check unless you record another date.
      </p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Volunteers and their DBS checks</caption>
        <TableHead headings={["Volunteer", "DBS check", <span className="nhsuk-u-visually-hidden">Action</span>]} />
        <tbody className="nhsuk-table__body">
          {volunteers.length === 0 ? (
            <tr className="nhsuk-table__row">
              <td className="nhsuk-table__cell" colSpan={3}>
                No volunteers yet.
              </td>
            </tr>
          ) : null}
          {volunteers.map((v) => (
            <tr key={v.id} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">
                {v.name}
                {v.active ? "" : " (no longer volunteering)"}
              </td>
              <td className="nhsuk-table__cell">
                <Tag colour={dbsStatusColours[v.dbs]}>{v.label}</Tag>
                {v.due ? ` Renewal ${formatIsoDate(v.due)}.` : ""}
              </td>
              <td className="nhsuk-table__cell">
                <Link to={`?edit=${v.id}`}>
                  Update<span className="nhsuk-u-visually-hidden"> {v.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editingVolunteer ? (
        (() => {
          const v = editingVolunteer;
          const vals = editing === v.id ? (result?.values ?? {}) : {};
          const e = editing === v.id ? errors : undefined;
          return (
            <>
              <h2>Update {v.name}</h2>
              <Form method="post" noValidate key={v.id}>
                <input type="hidden" name="intent" value="update" />
                <input type="hidden" name="volunteerId" value={v.id} />
                <input type="hidden" name="version" value={v.version} />
                <VolunteerFields
                  values={{
                    name: vals.name ?? v.name,
                    phone: vals.phone ?? v.phone ?? "",
                    email: vals.email ?? v.email ?? "",
                    dbsRenewalDueOn: vals.dbsRenewalDueOn ?? v.dbs_renewal_due_on ?? "",
                  }}
                  errors={e}
                  checkedOn={
                    <IsoDateInput
                      name="dbsCheckedOn"
                      label="DBS check date"
                      defaultValue={vals.dbsCheckedOn ?? v.dbs_checked_on ?? ""}
                      error={e?.dbsCheckedOn}
                    />
                  }
                />
                <div className="nhsuk-form-group">
                  <div className="nhsuk-checkboxes">
                    <div className="nhsuk-checkboxes__item">
                      <input
                        className="nhsuk-checkboxes__input"
                        id="active"
                        name="active"
                        type="checkbox"
                        value="yes"
                        defaultChecked={v.active}
                      />
                      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="active">
                        Still volunteering
                      </label>
                    </div>
                  </div>
                </div>
                <button className="nhsuk-button" type="submit">
                  Save changes
                </button>
              </Form>
              <p>
                <Link to="?">Add a different volunteer instead</Link>
              </p>
            </>
          );
        })()
      ) : (
        <>
          <h2>Add a volunteer</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add" />
            <input type="hidden" name="idempotencyKey" value={addValues.idempotencyKey ?? key} />
            <VolunteerFields
              values={addValues}
              errors={addErrors}
              checkedOn={
                <IsoDateInput
                  name="dbsCheckedOn"
                  label="DBS check date (optional)"
                  defaultValue={addValues.dbsCheckedOn}
                  error={addErrors?.dbsCheckedOn}
                />
              }
            />
            <button className="nhsuk-button" type="submit">
              Add volunteer
            </button>
          </Form>
        </>
      )}
    </>
  );
}

/**
 * The volunteer's details and DBS check, as both the add and the update form ask for them. The date of the check is
 * the form's own (`checkedOn`): only the add form calls it optional.
 */
function VolunteerFields({
  values,
  errors,
  checkedOn,
}: {
  values: Record<string, string | undefined>;
  errors?: Record<string, string | undefined>;
  checkedOn: ReactNode;
}) {
  return (
    <>
      <TextInput name="name" label="Name" defaultValue={values.name} error={errors?.name} />
      <PhoneInput name="phone" label="Phone (optional)" defaultValue={values.phone} error={errors?.phone} />
      <EmailInput name="email" label="Email (optional)" defaultValue={values.email} error={errors?.email} />
      {checkedOn}
      <IsoDateInput
        name="dbsRenewalDueOn"
        label="Renewal due (optional)"
        defaultValue={values.dbsRenewalDueOn}
        error={errors?.dbsRenewalDueOn}
      />
    </>
  );
}
