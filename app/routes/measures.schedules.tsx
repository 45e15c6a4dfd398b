import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { httpStatusOf, notFound } from "~/errors";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { listFollowUpSchedules, setFollowUpSchedule } from "~/measures/follow-up-schedules.server";
import { MIN_FOLLOW_UP_DAYS, parseMinFollowUpDays } from "~/measures/follow-up-interval";
import { parseFollowUpWeeks } from "~/measures/time-points";
import { ErrorSummary } from "~/ui/form";
import { version } from "~/forms/fields";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { RowActionButton } from "~/ui/RowActionButton";

export const meta: MetaFunction = () => [{ title: "Follow-up measure schedules – Connect Well" }];

const scheduleSchema = z.object({
  activityId: z.uuid({ error: "Choose an activity" }),
  version,
  weeks: z.string({ error: "Enter at least one follow-up week, for example 6, 12" }),
  minDays: z.string().optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  return { rows: await listFollowUpSchedules(context.db, guard.user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:edit");
  const parsed = await readForm(request, scheduleSchema);
  if (!parsed.ok) return reply(parsed);
  const weeks = parseFollowUpWeeks(parsed.data.weeks);
  // One form per activity on the page: each message goes to that activity's own field.
  const field = `weeks-${parsed.data.activityId}`;
  const daysField = `minDays-${parsed.data.activityId}`;
  const minDays = parseMinFollowUpDays(parsed.data.minDays ?? "", weeks.ok ? weeks.weeks[0] : undefined);
  const errors: Record<string, string> = {};
  if (!weeks.ok) errors[field] = weeks.message;
  if (!minDays.ok) errors[daysField] = minDays.message;
  if (!weeks.ok || !minDays.ok) return reply({ errors, values: parsed.values });
  const result = await setFollowUpSchedule(context.db, actorOf(guard), guard.user, {
    activityId: parsed.data.activityId,
    weeks: weeks.weeks,
    minFollowUpDays: minDays.days,
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
      <p>
        A follow-up counts as change only when it is answered at least the given number of days after the baseline (by
        default {MIN_FOLLOW_UP_DAYS}: six weeks, less two weeks' tolerance). One answered sooner, or when there is no
        baseline, is saved as an extra baseline-window response and is not compared with the baseline.
      </p>
      {rows.length === 0 ? <p>There are no activities you can change.</p> : null}
      {rows.map((r) => {
        const id = `weeks-${r.activityId}`;
        const error = errors?.[id];
        const daysId = `minDays-${r.activityId}`;
        const daysError = errors?.[daysId];
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
            <div className={`nhsuk-form-group${daysError ? " nhsuk-form-group--error" : ""}`}>
              <label className="nhsuk-label" htmlFor={daysId}>
                Days after the baseline before a follow-up counts
                <span className="nhsuk-u-visually-hidden"> for {r.activityName}</span>
              </label>
              <div className="nhsuk-hint" id={`${daysId}-hint`}>
                At least {MIN_FOLLOW_UP_DAYS}, and no later than the first follow-up
              </div>
              {daysError ? (
                <span className="nhsuk-error-message" id={`${daysId}-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {daysError}
                </span>
              ) : null}
              <input
                className={`nhsuk-input nhsuk-input--width-3${daysError ? " nhsuk-input--error" : ""}`}
                id={daysId}
                name="minDays"
                type="text"
                inputMode="numeric"
                defaultValue={mine ? values.minDays : String(r.minFollowUpDays)}
                aria-describedby={`${daysId}-hint${daysError ? ` ${daysId}-error` : ""}`}
              />
            </div>
            <RowActionButton label="Save" about={` schedule for ${r.activityName}`} disabled={busy} />
          </Form>
        );
      })}
    </>
  );
}
