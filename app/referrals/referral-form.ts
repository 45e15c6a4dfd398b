import { z } from "zod";
import { barriers, needs, referralSources, type Barrier, type Need, type ReferralSource } from "./codes";
import { referralKinds, type ReferralKind } from "./lifecycle";

export const SUPPORT_NOTES_MAX = 2000;

const codeList = <K extends string>(codes: readonly K[], message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(codes as [K, ...K[]], { error: message })));

export const referralSchema = z.object({
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
  needs: codeList(Object.keys(needs) as Need[], "Select needs from the list").refine(
    (v) => v.length > 0,
    "Select at least one need or reason for the referral",
  ),
  barriers: codeList(Object.keys(barriers) as Barrier[], "Select barriers from the list"),
  supportNotes: z
    .string()
    .trim()
    .max(
      SUPPORT_NOTES_MAX,
      `Notes for the provider must be ${SUPPORT_NOTES_MAX.toLocaleString("en-GB")} characters or fewer`,
    )
    .optional()
    .transform((v) => (v ? v : undefined)),
  idempotencyKey: z.string().uuid("The form has expired: reload the page and try again"),
  selfReferralId: z
    .string()
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type ReferralFormData = z.infer<typeof referralSchema>;

/** Checks the chosen activity against the directory: a direct referral needs an activity that takes them. */
export function checkActivity(
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
  needs: referralSchema.shape.needs,
  barriers: referralSchema.shape.barriers,
  supportNotes: referralSchema.shape.supportNotes,
  version: z.coerce.number().int().min(1),
});
