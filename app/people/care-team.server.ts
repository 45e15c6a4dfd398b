import type { AuditActor, Executor } from "~/audit/audit.server";
import { audit } from "~/audit/audit.server";
import type { CareTeamBasis } from "./care-team";

/**
 * Puts `userId` on the person's care team for the stated `basis`, with its own audit row
 * (`person.care_team.join`: who joined, why, who added them), so no one joins a care team silently. Joining a team
 * one is already on changes nothing and writes no row. Call it inside the transaction of the change it belongs to.
 */
export async function addToCareTeam(
  db: Executor,
  actor: AuditActor,
  personId: string,
  userId: string,
  basis: CareTeamBasis,
): Promise<boolean> {
  const inserted = await db
    .insertInto("care_team_member")
    .values({ person_id: personId, user_id: userId, basis, added_by: actor.userId })
    .onConflict((oc) => oc.doNothing())
    .returning("user_id")
    .executeTakeFirst();
  if (!inserted) return false;
  await audit(db, actor, {
    action: "person.care_team.join",
    entityType: "person",
    entityId: personId,
    personId,
    details: { member: userId, basis, addedBy: actor.userId },
  });
  return true;
}
