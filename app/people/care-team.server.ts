import type { Executor } from "~/audit/audit.server";

/** Staff on a person's care team may read their safeguarding concerns. */
export async function isOnCareTeam(db: Executor, personId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("care_team_member")
    .select("user_id")
    .where("person_id", "=", personId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function addToCareTeam(db: Executor, personId: string, userId: string): Promise<void> {
  await db
    .insertInto("care_team_member")
    .values({ person_id: personId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
