import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor } from "~/audit/audit.server";
import { londonToday } from "~/calendar";
import { outcomeFigures } from "./figures.server";
import { parseOutcomeFilters, type FilterErrors, type FilterOptions } from "./filters";
import type { OutcomeFilters, PublishedFigures } from "./model";
import { loadFilterOptions } from "./options.server";

export type OutcomeView =
  | { ok: true; filters: OutcomeFilters; figures: PublishedFigures; options: FilterOptions }
  | { ok: false; errors: FilterErrors; values: Record<string, string>; options: FilterOptions };

/**
 * A dashboard view from its URL parameters: filters parsed against the values that exist (unknown values and a
 * third filter come back as field errors with the user's input, never a crash), the published figures, and one
 * audit row naming the filters (and whether the view was withheld). Refused parses are audited too, as
 * `outcomes.view` with outcome "failed". Authorisation (`outcomes:view`) is the caller's.
 */
export async function viewOutcomes(
  db: Kysely<DB>,
  actor: AuditActor,
  params: URLSearchParams,
  now = new Date(),
): Promise<OutcomeView> {
  const names = await loadFilterOptions(db);
  const { population: _population, ...options } = names;
  const parsed = parseOutcomeFilters(params, options, londonToday(now));
  if (!parsed.ok) {
    await audit(db, actor, {
      action: "outcomes.view",
      outcome: "failed",
      details: { refused: Object.keys(parsed.errors) },
    });
    return { ok: false, errors: parsed.errors, values: parsed.values, options };
  }
  const figures = await outcomeFigures(db, parsed.filters, { now, names });
  await audit(db, actor, {
    action: "outcomes.view",
    details: { filters: parsed.filters, withheld: figures.withheld ? true : undefined },
  });
  return { ok: true, filters: parsed.filters, figures, options };
}
