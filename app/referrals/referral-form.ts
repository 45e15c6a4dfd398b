import { z } from "zod";
import { withChecks } from "~/forms/checks";
import { choices, version } from "~/forms/fields";
import { barriers, needs, referralSources, type ReferralSource } from "./codes";
import { referralKinds, type ReferralKind } from "./lifecycle";

export const SUPPORT_NOTES_MAX = 2000;

const referralFields = {
  kind: z.enum(referralKinds, { error: "Select a direct referral or signposting only" }),
  activityId: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  source: z.enum(Object.keys(referralSources) as [ReferralSource, ...ReferralSource[]], {
    error: "Select who referred them",
  }),
  sourceDetail: z
    .string()
    .trim()
    .max(200, "Referrer details must be 200 characters or fewer")
    .optional()
    .transform((v) => (v ? v : undefined)),
  needs: choices(needs, "Select needs from the list", "Select at least one need or reason for the referral"),
  barriers: choices(barriers, "Select barriers from the list"),
  supportNotes: z
    .string()
    .trim()
    .max(
      SUPPORT_NOTES_MAX,
      `Notes for the provider must be ${SUPPORT_NOTES_MAX.toLocaleString("en-GB")} characters or fewer`,
    )
    .optional()
    .transform((v) => (v ? v : undefined)),
  idempotencyKey: z.uuid("The form has expired: reload the page and try again"),
  selfReferralId: z
    .string()
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
};

/** A referral form, checked against the activities it may name (`listReferableActivities`). */
export function referralSchema(activities: { id: string; referralMode: "direct" | "signpost" }[]) {
  return withChecks(z.object(referralFields), (v): Record<string, string> => {
    if (!v.kind || !("activityId" in v)) return {};
    const problem = activityProblem({ kind: v.kind, activityId: v.activityId }, activities);
    return problem ? { activityId: problem } : {};
  });
}
export type ReferralFormData = z.output<ReturnType<typeof referralSchema>>;

/** Checks the chosen activity against the directory: a direct referral needs an activity that takes them. */
function activityProblem(
  data: { kind: ReferralKind; activityId?: string },
  activities: { id: string; referralMode: "direct" | "signpost" }[],
): string | null {
  if (!data.activityId) return data.kind === "direct" ? "Select the activity you are referring them to" : null;
  const activity = activities.find((a) => a.id === data.activityId);
  if (!activity) return "Select an activity from the list: that one is not in the directory or is no longer running";
  if (data.kind === "direct" && activity.referralMode !== "direct") {
    return "That activity takes no direct referrals: choose signposting only, or another activity";
  }
  return null;
}

/** The edit form for a referral's details (not its status, which moves only through the lifecycle). */
export const referralDetailsSchema = z.object({
  needs: referralFields.needs,
  barriers: referralFields.barriers,
  supportNotes: referralFields.supportNotes,
  version,
});
