// The data sets of scale-and-performance.md. People, referrals and activities are produced exactly; sessions follow
// from weekly schedules sized to the target (within a few percent); attendances and responses are calibrated to
// land close, since they depend on who is still engaged when the data set ends.

export interface Scale {
  name: ScaleName;
  /** Days of history up to the as-of date. */
  spanDays: number;
  people: number;
  referrals: number;
  activities: number;
  /** Sessions from the start of the span to four weeks after the as-of date (the weeks ahead are scheduled). */
  sessions: number;
  attendances: number;
  responses: number;
  /** Follow-up weeks asked after the first session, besides the baseline and exit. */
  followUpWeeks: readonly number[];
}

export const scaleNames = ["smoke", "county", "national"] as const;
export type ScaleName = (typeof scaleNames)[number];

export const scales: Record<ScaleName, Scale> = {
  // A few hundred rows per table: enough for every distribution to show, small enough for CI on PGlite.
  smoke: {
    name: "smoke",
    spanDays: 365,
    people: 400,
    referrals: 600,
    activities: 12,
    sessions: 900,
    attendances: 4_000,
    responses: 1_200,
    followUpWeeks: [6, 12],
  },
  // Five years of one county.
  county: {
    name: "county",
    spanDays: 1826,
    people: 25_000,
    referrals: 120_000,
    activities: 150,
    sessions: 45_000,
    attendances: 600_000,
    responses: 400_000,
    followUpWeeks: [6, 12, 26],
  },
  // About a year of England.
  national: {
    name: "national",
    spanDays: 365,
    people: 1_000_000,
    referrals: 1_000_000,
    activities: 2_000,
    sessions: 200_000,
    attendances: 10_000_000,
    responses: 3_000_000,
    followUpWeeks: [6, 12],
  },
};

export function isScaleName(value: string): value is ScaleName {
  return (scaleNames as readonly string[]).includes(value);
}
