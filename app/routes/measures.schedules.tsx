import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { httpStatusOf, notFound } from "~/errors";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { listFollowUpSchedules, setFollowUpSchedule } from "~/measures/follow-up-schedules.server";
import { parseFollowUpWeeks } from "~/measures/time-points";
import { ErrorSummary } from "~/ui/form";
import { version } from "~/forms/fields";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";

export const meta: MetaFunction = () => [{ title: "Follow-up measure schedules – Connect Well" }];

const scheduleSchema = z.object({
  activityId: z.uuid({ error: "Choose an activity" }),
  version,
  weeks: z.string({ error: "Enter at least one follow-up week, for example 6, 12" }),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  return { rows: await listFollowUpSchedules(guard.user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const parsed = await readForm(request, scheduleSchema);
  if (!parsed.ok) return reply(parsed);
  const weeks = parseFollowUpWeeks(parsed.data.weeks);
  // One form per activity on the page: the message goes to that activity's weeks field.
  const field = `weeks-${parsed.data.activityId}`;
  if (!weeks.ok) return reply({ errors: { [field]: weeks.message }, values: parsed.values });
  const result = await setFollowUpSchedule(actorOf(guard), guard.user, {
    activityId: parsed.data.activityId,
    weeks: weeks.weeks,
    expectedVersion: parsed.data.version,
  });
  if (result === "not_found") notFound("Activity");
  if (result === "stale")
    return reply(
      {
        errors: {
          [field]: "Someone else changed this schedule while you were editing: check the weeks shown and save again",
        },
        values: parsed.values,
      },
      { status: httpStatusOf.conflict },
    );
  return redirect(`/measures/schedules?saved=${parsed.data.activityId}`);
}

export default function Schedules() {
  const { rows } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormReply<typeof action>();
  const [search] = useSearchParams();
  const saved = rows.find((r) => r.activityId === search.get("saved"));
  return (
    <>
      <ErrorSummary errors={errors} />
      {saved ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Follow-up schedule saved for {saved.activityName}.</p>
        </div>
      ) : null}
      <h1>Follow-up measure schedules</h1>
      <p>
        Follow-up measures are due the given number of weeks after a person's first session. Activities without their
        own schedule use 6 and 12 weeks.
      </p>
      {rows.length === 0 ? <p>There are no activities you can change.</p> : null}
      {rows.map((r) => {
        const id = `weeks-${r.activityId}`;
        const error = errors?.[id];
        const mine = values.activityId === r.activityId;
        return (
          <Form method="post" noValidate key={r.activityId} className="nhsuk-u-margin-bottom-5">
            <input type="hidden" name="activityId" value={r.activityId} />
            <input type="hidden" name="version" value={r.version} />
            <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
              <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
                {r.activityName} <span className="nhsuk-u-font-weight-normal">({r.providerName})</span>
              </label>
              <div className="nhsuk-hint" id={`${id}-hint`}>
                Weeks after the first session, separated by commas{r.isDefault ? " (using the default)" : ""}
              </div>
              {error ? (
                <span className="nhsuk-error-message" id={`${id}-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {error}
                </span>
              ) : null}
              <input
                className={`nhsuk-input nhsuk-input--width-10${error ? " nhsuk-input--error" : ""}`}
                id={id}
                name="weeks"
                type="text"
                inputMode="numeric"
                defaultValue={mine ? values.weeks : r.weeks.join(", ")}
                aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
              />
            </div>
            <button
              className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
              type="submit"
              disabled={busy}
            >
              Save<span className="nhsuk-u-visually-hidden"> schedule for {r.activityName}</span>
            </button>
          </Form>
        );
      })}
    </>
  );
}
