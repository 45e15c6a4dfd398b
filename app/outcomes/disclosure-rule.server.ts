// The disclosure rule every outcome figure is published under, kept in outcome_setting and chosen by an
// administrator (app/routes/admin.disclosure.tsx).
import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { DEFAULT_DISCLOSURE_RULE, disclosureRules, type DisclosureRuleCode } from "./disclosure";

function isDisclosureRuleCode(value: unknown): value is DisclosureRuleCode {
  return typeof value === "string" && Object.hasOwn(disclosureRules, value);
}

/**
 * The disclosure rule every outcome figure is published under: the one an administrator chose, or NHS England's
 * small-number rule when none has been chosen (docs/decisions/0700-outcome-summaries.md).
 */
export async function getDisclosureRule(db: Executor): Promise<DisclosureRuleCode> {
  const row = await db.selectFrom("outcome_setting").select("disclosure_rule").where("id", "=", 1).executeTakeFirst();
  return row && isDisclosureRuleCode(row.disclosure_rule) ? row.disclosure_rule : DEFAULT_DISCLOSURE_RULE;
}

/**
 * Sets the disclosure rule, switching it for every view, download and report from now on, with an audit row naming
 * the previous and the new rule in the same transaction. Returns the previous rule. Authorisation (administrators
 * only) is the caller's.
 * @throws RangeError for a code that is not a rule
 */
export async function setDisclosureRule(
  db: Kysely<DB>,
  actor: AuditActor,
  code: DisclosureRuleCode,
): Promise<DisclosureRuleCode> {
  if (!isDisclosureRuleCode(code)) throw new RangeError(`not a disclosure rule: ${String(code)}`);
  return db.transaction().execute(async (trx) => {
    const previous = await getDisclosureRule(trx);
    await trx
      .insertInto("outcome_setting")
      .values({ id: 1, disclosure_rule: code, updated_by: actor.userId })
      .onConflict((c) =>
        c.column("id").doUpdateSet({
          disclosure_rule: code,
          updated_by: actor.userId,
          updated_at: sql`now()`,
          version: sql`outcome_setting.version + 1`,
        }),
      )
      .execute();
    await audit(trx, actor, {
      action: "outcomes.disclosure_rule.set",
      entityType: "outcome_setting",
      details: { from: previous, to: code },
    });
    return previous;
  });
}
