// The administrator's choice of disclosure rule, as the admin page calls it (app/routes/admin.disclosure.tsx).
// The setting itself lives in app/outcomes/settings.server.ts, which audits every change.
import { getDb } from "@db/index";
import type { AuditActor } from "~/audit/audit.server";
import type { DisclosureRuleCode } from "./disclosure";
import { getDisclosureRule, setDisclosureRule } from "./settings.server";

/** The rule every published figure uses now. */
export async function disclosureSetting(): Promise<DisclosureRuleCode> {
  return getDisclosureRule(await getDb());
}

/** Switches the rule for every view, download and report from now on (audited by setDisclosureRule). */
export async function changeDisclosureRule(actor: AuditActor, code: DisclosureRuleCode): Promise<void> {
  await setDisclosureRule(await getDb(), actor, code);
}
