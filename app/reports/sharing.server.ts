// Sharing an archived report with named commissioner accounts. Only active commissioners can be chosen; each share
// and unshare writes its audit row in the same transaction.
import { type Kysely } from "kysely";
import type { DB } from "@db/types";
import { auditAll, type AuditActor, type Executor } from "~/audit/audit.server";
import { FieldError } from "~/errors";

export interface Commissioner {
  id: string;
  name: string;
  email: string;
}

export interface ShareState {
  /** Active commissioners, by name, with whether the report is shared with each. */
  commissioners: (Commissioner & { shared: boolean; sharedAt: Date | null })[];
}

/** Commissioners who can be given a report: role commissioner, not disabled. */
async function activeCommissioners(db: Executor): Promise<Commissioner[]> {
  const rows = await db
    .selectFrom("app_user")
    .select(["id", "display_name", "email"])
    .where("role", "=", "commissioner")
    .where("disabled_at", "is", null)
    .orderBy("display_name")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, email: r.email }));
}

/** Who the report is shared with, among the active commissioners. */
export async function shareState(db: Executor, reportId: string): Promise<ShareState> {
  const [people, shares] = await Promise.all([
    activeCommissioners(db),
    db.selectFrom("report_share").select(["user_id", "shared_at"]).where("report_id", "=", reportId).execute(),
  ]);
  const sharedAt = new Map(shares.map((s) => [s.user_id, s.shared_at]));
  return {
    commissioners: people.map((p) => ({ ...p, shared: sharedAt.has(p.id), sharedAt: sharedAt.get(p.id) ?? null })),
  };
}

/** The message when a chosen id is not an active commissioner's (a tampered form, or an account disabled since). */
export const CHOOSE_COMMISSIONERS = "Choose commissioners from the list";

/**
 * Makes the report shared with exactly `userIds` (each an active commissioner), adding and removing shares as
 * needed; each change is audited ("report.share" / "report.unshare", with the commissioner's id). Shares with
 * accounts since disabled are removed too when not chosen. Throws FieldError at "commissioner" for any other id.
 * Returns the ids added and removed.
 */
export async function setReportShares(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  reportId: string,
  userIds: readonly string[],
): Promise<{ added: string[]; removed: string[] }> {
  const wanted = new Set(userIds);
  return db.transaction().execute(async (trx) => {
    const allowed = new Set((await activeCommissioners(trx)).map((c) => c.id));
    for (const id of wanted) if (!allowed.has(id)) throw new FieldError("commissioner", CHOOSE_COMMISSIONERS);
    const current = await trx
      .selectFrom("report_share")
      .select("user_id")
      .where("report_id", "=", reportId)
      .forUpdate()
      .execute();
    const have = new Set(current.map((c) => c.user_id));
    const added = [...wanted].filter((id) => !have.has(id));
    const removed = [...have].filter((id) => !wanted.has(id));
    if (added.length) {
      await trx
        .insertInto("report_share")
        .values(added.map((user_id) => ({ report_id: reportId, user_id, shared_by: actor.userId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    if (removed.length) {
      await trx.deleteFrom("report_share").where("report_id", "=", reportId).where("user_id", "in", removed).execute();
    }
    await auditAll(trx, actor, [
      ...added.map((id) => ({
        action: "report.share" as const,
        entityType: "report",
        entityId: reportId,
        details: { commissionerId: id },
      })),
      ...removed.map((id) => ({
        action: "report.unshare" as const,
        entityType: "report",
        entityId: reportId,
        details: { commissionerId: id },
      })),
    ]);
    return { added, removed };
  });
}
