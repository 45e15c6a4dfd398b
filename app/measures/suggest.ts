// The time point a new measure most likely belongs to, so the form can preselect it. Pure.

import type { ScheduledMeasure } from "./due";
import { encodeTimePoint, type TimePointRef } from "./time-points";

/** Overdue before due, then the earliest; failing that, the next upcoming one; baseline when nothing is scheduled. */
export function suggestedTimePoint(schedule: readonly ScheduledMeasure[] | undefined): string {
  const open = (schedule ?? []).filter((m) => m.status === "overdue" || m.status === "due");
  const pick =
    open.find((m) => m.status === "overdue") ?? open[0] ?? (schedule ?? []).find((m) => m.status === "upcoming");
  return pick ? encodeTimePoint(pick) : "baseline";
}

/** Every time point a referral offers: baseline, its follow-up weeks, exit. */
export function timePointChoices(followUpWeeks: readonly number[]): TimePointRef[] {
  return [
    { timePoint: "baseline", followUpWeek: null },
    ...[...followUpWeeks].sort((a, b) => a - b).map((w) => ({ timePoint: "follow_up" as const, followUpWeek: w })),
    { timePoint: "exit", followUpWeek: null },
  ];
}
