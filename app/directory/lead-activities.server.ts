import type { Executor } from "~/audit/audit.server";

/** The activities a lead runs, with how many people are currently taking part (accepted or attending). */
export async function listLedActivities(db: Executor, userId: string) {
  const rows = await db
    .selectFrom("activity as a")
    .innerJoin("activity_lead as l", "l.activity_id", "a.id")
    .innerJoin("provider as p", "p.id", "a.provider_id")
    .select(["a.id", "a.name", "a.format", "a.status", "a.provider_id", "p.name as provider_name"])
    .select((eb) =>
      eb
        .selectFrom("referral as r")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("r.activity_id", "=", "a.id")
        .where("r.status", "in", ["accepted", "attending"])
        .as("participants"),
    )
    .where("l.user_id", "=", userId)
    .orderBy("a.name")
    .execute();
  return rows.map((r) => ({ ...r, participants: Number(r.participants ?? 0) }));
}
