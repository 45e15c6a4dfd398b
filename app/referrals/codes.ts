import { referralStatuses, type ReferralStatus } from "./lifecycle";

export function isReferralStatus(value: unknown): value is ReferralStatus {
  return typeof value === "string" && (referralStatuses as readonly string[]).includes(value);
}

// Coded lists recorded on a referral (stored as text[] of these codes, validated at the boundary).
export const needs = {
  loneliness: "Loneliness",
  social_isolation: "Social isolation",
  bereavement: "Bereavement",
  low_mood: "Low mood",
  anxiety: "Anxiety or stress",
  physical_inactivity: "Physical inactivity",
  carer_strain: "Carer strain",
  long_term_condition: "Living with a long-term condition",
  money_worries: "Money worries",
  housing: "Housing",
} as const;
export type Need = keyof typeof needs;

export const barriers = {
  transport: "Transport (for example, needs the on-demand bus)",
  mobility: "Mobility",
  cost: "Cost",
  confidence: "Confidence",
  language: "Language",
  caring_responsibilities: "Caring responsibilities",
  sensory: "Sight or hearing",
  digital: "No internet or phone access",
} as const;
export type Barrier = keyof typeof barriers;

/**
 * Needs an activity lead may see, because they describe what the person hopes to get from taking part. Health,
 * mood, bereavement, money and housing stay with the referrer (docs/decisions/0762-what-reaches-the-provider.md).
 */
const needsForTheProvider: readonly Need[] = ["loneliness", "social_isolation", "physical_inactivity", "carer_strain"];

/**
 * What the referrer recorded that helps the provider run the group, in plain words: the needs a lead may see and
 * every barrier (each says how to help the person take part). Unknown codes are dropped, never shown raw.
 */
export function forTheProvider(input: { needs: readonly string[]; barriers: readonly string[] }) {
  return {
    needs: input.needs
      .filter((n): n is Need => (needsForTheProvider as readonly string[]).includes(n))
      .map((n) => needs[n]),
    barriers: input.barriers.filter((b): b is Barrier => b in barriers).map((b) => barriers[b]),
  };
}

export const referralSources = {
  prescriber: "Social prescriber",
  coordinator: "Local Area Coordinator",
  gp_practice: "GP practice",
  self: "Self-referral",
  other: "Other",
} as const;
export type ReferralSource = keyof typeof referralSources;
