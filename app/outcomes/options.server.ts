import type { Executor } from "~/audit/audit.server";
import { isUuid } from "~/params";
import { fixedOptions, type FilterOptions } from "./filters";

/** The values and names of every outcome filter, with each district's population (`loadFilterOptions`). */
export type FilterNames = FilterOptions & { population: Record<string, number> };

/**
 * The values every outcome filter may take, with names for the form and for table rows: districts (with their
 * Census 2021 population, from the district reference table), providers and activity categories from the
 * directory, and the fixed lists (sources, age bands, sex groups, ethnic groups, IMD quintiles). Activities are
 * never offered, only taken as a report's scope: the list holds `activityId` alone when it names an activity, and
 * is empty otherwise (nationally there are 2,000, read on every view for nothing). Organisation and activity
 * names are directory data, not personal data.
 */
export async function loadFilterOptions(db: Executor, activityId?: string | null): Promise<FilterNames> {
  const [districts, providers, categories, activities] = await Promise.all([
    db.selectFrom("district").select(["code", "name", "population"]).orderBy("name").execute(),
    db.selectFrom("provider").select(["id", "name"]).orderBy("name").orderBy("id").execute(),
    db.selectFrom("activity_category").select(["code", "label"]).orderBy("label").execute(),
    isUuid(activityId)
      ? db.selectFrom("activity").select(["id", "name"]).where("id", "=", activityId).execute()
      : Promise.resolve([]),
  ]);
  return {
    district: districts.map((d) => ({ value: d.code, label: d.name })),
    provider: providers.map((p) => ({ value: p.id, label: p.name })),
    category: categories.map((c) => ({ value: c.code, label: c.label })),
    activity: activities.map((a) => ({ value: a.id, label: a.name })),
    ...fixedOptions,
    population: Object.fromEntries(districts.map((d) => [d.code, d.population])),
  };
}
