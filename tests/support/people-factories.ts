import { testDb } from "./db";

let n = 0;

/** A person row with sensible defaults; override any column. */
export async function makePerson(overrides: Record<string, unknown> = {}) {
  n += 1;
  return testDb()
    .insertInto("person")
    .values({ given_name: "Test", family_name: `Person-${n}`, date_of_birth: "1945-05-05", ...overrides } as never)
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

/** An active activity (and its provider): a community group unless another category is asked for (a befriending
 * scheme's direct referrals need the person's consent to contact by a volunteer). */
export async function makeActivity(mode: "direct" | "signpost" = "direct", category = "community_group") {
  const db = testDb();
  const p = await db
    .insertInto("provider")
    .values({ name: `Provider ${++n}`, kind: "community_group" } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
  return db
    .insertInto("activity")
    .values({ provider_id: p.id, name: `Activity ${n}`, category_code: category, referral_mode: mode } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Puts a user on a person's care team, as recording the person would (tests that use a person-level page). */
export async function joinCareTeam(personId: string, userId: string) {
  await testDb()
    .insertInto("care_team_member")
    .values({ person_id: personId, user_id: userId, basis: "recorded", added_by: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
