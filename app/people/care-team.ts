import { z } from "zod";
import type { Role } from "~/auth/roles";

/** Where someone outside a person's care team asks for access, stating a reason (break glass). */
export function breakGlassPath(personId: string): string {
  return `/people/${personId}/access`;
}

/**
 * The referral statuses in which the referral's caseworker is on the person's care team: the open ones
 * (`OPEN_STATUSES` in app/referrals/lifecycle.ts). Written out here because referrals read people, never the
 * reverse (docs/decisions/0860); tests/unit/people/care-team.test.ts keeps the two lists equal.
 */
export const CASEWORK_STATUSES = ["received", "contacted", "accepted", "attending"] as const;

/** Roles whose staff work with people's whole records and can be on a care team (docs/decisions/0800). */
export const CARE_TEAM_ROLES = ["prescriber", "coordinator"] as const satisfies readonly Role[];

/**
 * How a membership of a person's care team began: they recorded the person, handled the person's self-referral,
 * were added by a member, or broke glass. (Being the caseworker of an open referral is membership without a row.)
 */
export type CareTeamBasis = "recorded" | "caseworker" | "triage" | "added" | "break_glass";

export const careTeamBasisLabels: Record<CareTeamBasis, string> = {
  recorded: "recorded the person",
  caseworker: "caseworker",
  triage: "handled their self-referral",
  added: "added by the care team",
  break_glass: "joined by break glass",
};

/** A break-glass reason must say enough for an administrator to judge it later. */
export const BREAK_GLASS_REASON_MIN = 20;
export const BREAK_GLASS_REASON_MAX = 1000;

export const breakGlassSchema = z.object({
  reason: z
    .string({ error: "Enter why you need this person’s record" })
    .trim()
    .min(1, "Enter why you need this person’s record")
    .min(
      BREAK_GLASS_REASON_MIN,
      `Give more detail: the reason must be at least ${BREAK_GLASS_REASON_MIN} characters, for example “Covering Priya’s caseload while she is on leave”`,
    )
    .max(
      BREAK_GLASS_REASON_MAX,
      `The reason must be ${BREAK_GLASS_REASON_MAX.toLocaleString("en-GB")} characters or fewer`,
    ),
});

export const addCareTeamMemberSchema = z.object({
  userId: z.string({ error: "Select who to add" }).uuid("Select who to add"),
});

export const breakGlassReviewSchema = z.object({
  id: z.string({ error: "Select a record to mark reviewed" }).uuid("Select a record to mark reviewed"),
});
