// Coded values for directory listings, shared by forms, search filters, the listing pages and the public API.
// Stored as text / text[] on activity; labels are what people read.

export const providerKinds = {
  befriending_scheme: "Befriending scheme",
  charity: "Charity",
  social_enterprise: "Social enterprise",
  council: "Council service",
  nhs: "NHS service",
  parkrun: "parkrun event",
  community_group: "Community group",
  transport: "Community transport",
} as const;
export type ProviderKind = keyof typeof providerKinds;

export const activityFormats = {
  group: "Group",
  one_to_one: "One-to-one",
  event: "Event",
} as const;
export type ActivityFormat = keyof typeof activityFormats;

export const referralModes = {
  direct: "Takes direct referrals (the provider accepts or declines)",
  signpost: "Signposting only (the person gets in touch themselves)",
} as const;
export type ReferralMode = keyof typeof referralModes;

export const activityStatuses = { active: "Running", paused: "Paused", closed: "Closed" } as const;
export type ActivityStatus = keyof typeof activityStatuses;

export const accessibilityFeatures = {
  wheelchair: "Wheelchair accessible",
  seated: "Seated or chair-based",
  accessible_toilet: "Accessible toilet",
  hearing_loop: "Hearing loop",
  phone_based: "By phone",
  no_travel: "No travel needed",
  outdoor: "Outdoors",
  step_free: "Step-free access",
  quiet_space: "Quiet space available",
} as const;
export type AccessibilityFeature = keyof typeof accessibilityFeatures;

export const transportOptions = {
  fox_connect: "Fox Connect on-demand bus",
  bus: "Regular bus route",
  car_park: "Car park",
  community_car: "Community car scheme",
} as const;
export type TransportOption = keyof typeof transportOptions;

/** ISO weekday numbers, Monday = 1, as stored in activity_schedule.weekday. */
export const weekdays = {
  1: "Monday",
  2: "Tuesday",
  3: "Wednesday",
  4: "Thursday",
  5: "Friday",
  6: "Saturday",
  7: "Sunday",
} as const;
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A listing not checked for this many months is flagged as possibly out of date. */
export const STALE_AFTER_MONTHS = 6;

/**
 * What a prescriber is trying to help with, and the categories that usually help with it. Searching by need
 * widens to these categories, so a prescriber does not have to know how the directory is organised.
 */
export const needCategories: Record<string, readonly string[]> = {
  loneliness: ["befriending", "community_group", "arts_crafts", "physical_activity", "community_event"],
  social_isolation: ["befriending", "community_group", "arts_crafts", "community_event", "transport"],
  bereavement: ["bereavement", "befriending", "community_group"],
  low_mood: ["physical_activity", "walking_running", "arts_crafts", "community_group"],
  anxiety: ["arts_crafts", "walking_running", "community_group"],
  physical_inactivity: ["physical_activity", "walking_running"],
  carer_strain: ["carers", "befriending", "advice"],
  long_term_condition: ["physical_activity", "advice", "community_group"],
  money_worries: ["advice"],
  housing: ["advice"],
};
