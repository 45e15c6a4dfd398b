// The period and scope choices the report and cost forms offer, as option groups. Pure.
import { recentPeriods } from "../params";
import type { OptionGroup } from "~/ui/form";

/** Months (the last 12), quarters (the last 8) and financial years (the last 5), newest first; the current ones marked "so far". */
export function periodGroups(today: string): OptionGroup[] {
  const label = (p: { label: string; to: string }) => (p.to >= today ? `${p.label} (so far)` : p.label);
  return [
    { label: "Quarters", options: recentPeriods("quarter", today, 8).map((p) => ({ value: p.key, label: label(p) })) },
    { label: "Months", options: recentPeriods("month", today, 12).map((p) => ({ value: p.key, label: label(p) })) },
    {
      label: "Financial years",
      options: recentPeriods("year", today, 5).map((p) => ({ value: p.key, label: label(p) })),
    },
  ];
}

export function scopeGroups(choices: {
  providers: { id: string; name: string }[];
  activities: { id: string; name: string }[];
  districts: { id: string; name: string }[];
}): OptionGroup[] {
  return [
    { label: "Districts", options: choices.districts.map((d) => ({ value: `district:${d.id}`, label: d.name })) },
    { label: "Providers", options: choices.providers.map((p) => ({ value: `provider:${p.id}`, label: p.name })) },
    { label: "Activities", options: choices.activities.map((a) => ({ value: `activity:${a.id}`, label: a.name })) },
  ];
}
