import { z } from "zod";
import type { Role } from "~/auth/roles";

/** Where someone outside a person's care team asks for access, stating a reason (break glass). */
export function breakGlassPath(personId: string): string {
  return `/people/${personId}/access`;
}

/** Roles whose staff work with people's whole records and can be on a care team (docs/decisions/0800). */
export const CARE_TEAM_ROLES = ["prescriber", "coordinator"] as const satisfies readonly Role[];

/**
 * How a membership of a person's care team began: they recorded the person, handled the person's self-referral,
 * were added by a member, or broke glass (a care_team_member row each); or they are the caseworker of one of the
 * person's open referrals, which is membership without a row for as long as the referral is open.
 */
export const CARE_TEAM_BASES = ["recorded", "caseworker", "triage", "added", "break_glass"] as const;
export type CareTeamBasis = (typeof CARE_TEAM_BASES)[number];

/**
 * One way one member is on a person's care team, as the care team's statement gives it (`careTeamQuery`,
 * app/care-team/members.server.ts): the member (`id`, `name`, `role` as stored), the `basis`, who added them
 * (`addedBy`, a name, for "added"), the activity of the open referral (`activity`, for "caseworker"; null for a
 * referral to no activity) and `since` (ISO timestamp: when the row was added or the referral received).
 */
export interface CareTeamWay {
  id: string;
  name: string;
  role: string;
  basis: string | null;
  addedBy: string | null;
  activity: string | null;
  since: string;
}

/** A member of a person's care team with every way they are on it, in words ("recorded the person", …). */
export interface CareTeamMemberView {
  id: string;
  name: string;
  role: string;
  ways: string[];
}

/** One way of being on the care team in words, as the person page lists it. */
export function careTeamWayLabel(way: Pick<CareTeamWay, "basis" | "addedBy" | "activity">): string {
  switch (way.basis) {
    case "recorded":
      return "recorded the person";
    case "triage":
      return "handled their self-referral";
    case "added":
      return way.addedBy ? `added by ${way.addedBy}` : "added by the care team";
    case "break_glass":
      return "broke glass";
    case "caseworker":
      return way.activity ? `caseworker of an open referral to ${way.activity}` : "caseworker of an open referral";
    default:
      return "on the care team";
  }
}

/**
 * Folds the care team's ways (one per membership row and per open referral) into one entry per member, in the order
 * each first joined, their ways in the order they began; `roleLabel` words a stored role.
 */
export function careTeamMembers(
  ways: readonly CareTeamWay[],
  roleLabel: (role: string) => string,
): CareTeamMemberView[] {
  const members = new Map<string, CareTeamMemberView & { since: string }>();
  for (const way of [...ways].sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id))) {
    const label = careTeamWayLabel(way);
    const member = members.get(way.id);
    if (!member)
      members.set(way.id, { id: way.id, name: way.name, role: roleLabel(way.role), ways: [label], since: way.since });
    else if (!member.ways.includes(label)) member.ways.push(label);
  }
  return [...members.values()].map(({ since: _since, ...m }) => m);
}

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
