// The quotes a report may carry: case notes of kind 'quote' recorded in the period, for people in the report's
// scope whose latest consent to be quoted in reports is "given". Names never leave this function: they are only
// used to leave out a quote that contains one.
import { sql } from "kysely";
import type { Executor } from "~/audit/audit.server";
import type { Period } from "~/outcomes/model";
import type { ReportQuote, ReportScope } from "./model";
import { MAX_QUOTES, selectQuotes } from "./quotes";

/**
 * Up to MAX_QUOTES publishable quotes (see quotes.ts), newest first. A person is in scope through a referral to an
 * activity of the provider, to the activity, or by living in the district; for the whole service, anyone
 * referred. The context is the activity category of their newest referral in scope.
 */
export async function reportQuotes(db: Executor, scope: ReportScope, period: Period): Promise<ReportQuote[]> {
  const rows = await db
    .selectFrom("case_note as n")
    .innerJoin("person as p", "p.id", "n.person_id")
    .select((eb) => [
      "n.person_id",
      "n.body",
      "p.given_name",
      "p.family_name",
      "p.preferred_name",
      eb
        .selectFrom("referral as r")
        .leftJoin("activity as a", "a.id", "r.activity_id")
        .leftJoin("activity_category as c", "c.code", "a.category_code")
        .select("c.label")
        .whereRef("r.person_id", "=", "p.id")
        .$call((q) =>
          scope.kind === "provider"
            ? q.where("a.provider_id", "=", scope.id!)
            : scope.kind === "activity"
              ? q.where("r.activity_id", "=", scope.id!)
              : q,
        )
        .orderBy("r.received_at", "desc")
        .limit(1)
        .as("category"),
    ])
    .where("n.kind", "=", "quote")
    .where("p.merged_into_id", "is", null)
    .where(
      sql<boolean>`(n.created_at at time zone 'Europe/London')::date between ${period.from}::date and ${period.to}::date`,
    )
    .where((eb) =>
      eb(
        eb
          .selectFrom("person_consent as pc")
          .select("pc.given")
          .whereRef("pc.person_id", "=", "p.id")
          .where("pc.kind", "=", "quote_in_reports")
          .orderBy("pc.recorded_at", "desc")
          .orderBy("pc.id", "desc")
          .limit(1),
        "=",
        true,
      ),
    )
    .$call((q) => {
      if (scope.kind === "district") return q.where("p.district_code", "=", scope.id!);
      if (scope.kind === "service")
        return q.where((eb) =>
          eb.exists(eb.selectFrom("referral as r").select("r.id").whereRef("r.person_id", "=", "p.id")),
        );
      return q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("referral as r")
            .innerJoin("activity as a", "a.id", "r.activity_id")
            .select("r.id")
            .whereRef("r.person_id", "=", "p.id")
            .where(scope.kind === "provider" ? "a.provider_id" : "a.id", "=", scope.id!),
        ),
      );
    })
    .orderBy("n.created_at", "desc")
    .orderBy("n.id", "desc")
    .limit(MAX_QUOTES * 5)
    .execute();
  return selectQuotes(
    rows.map((r) => ({
      personId: r.person_id,
      text: r.body,
      names: [r.given_name, r.family_name, r.preferred_name],
      category: r.category ?? null,
    })),
  );
}
