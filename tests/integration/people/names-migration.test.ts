import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { down, up } from "../../../migrations/20261129T1600_name_keys";
import { searchPeople } from "../../../app/person-search/search.server";
import { useTestDatabase, testDb } from "../../support/db";
import { makeUser } from "../../support/factories";

// The migration that stores names composed (NFC) and keys them (docs/decisions/0840, 0841), run over rows written
// before it: names typed decomposed are rewritten composed, and every person gets their keys.

useTestDatabase();

const DECOMPOSED = "Mu\u0308ller";
const COMPOSED = "M\u00fcller";

describe("the name keys migration", () => {
  it("rewrites names already stored decomposed in the composed form, and keys every person", async () => {
    const db = testDb();
    await down(db);
    const user = await makeUser("prescriber");
    await db
      .updateTable("app_user")
      .set({ display_name: `Zoe\u0308 ${DECOMPOSED}` })
      .where("id", "=", user.id)
      .execute();
    const { id } = await db
      .insertInto("person")
      .values({
        given_name: "Sea\u0301n",
        family_name: DECOMPOSED,
        preferred_name: "Zoe\u0308",
        date_of_birth: "1950-02-03",
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("self_referral")
      .values({ given_name: "Sea\u0301n", family_name: DECOMPOSED, client_key: "migration" } as never)
      .execute();
    await db
      .insertInto("person")
      .values({ given_name: "Ann", family_name: "O’Connor", date_of_birth: "1950-02-03" } as never)
      .execute();

    await up(db);

    const person = await sql<Record<string, string>>`
      select given_name, family_name, preferred_name, family_name_key, full_name_key, full_name_fold, preferred_name_key
      from person where id = ${id}`.execute(db);
    expect(person.rows[0]).toEqual({
      given_name: "Se\u00e1n",
      family_name: COMPOSED,
      preferred_name: "Zo\u00eb",
      family_name_key: "muller",
      full_name_key: "seanmuller",
      full_name_fold: "sean muller",
      preferred_name_key: "zoe",
    });
    const sr = await db.selectFrom("self_referral").select(["given_name", "family_name"]).executeTakeFirstOrThrow();
    expect(sr).toEqual({ given_name: "Se\u00e1n", family_name: COMPOSED });
    const u = await db
      .selectFrom("app_user")
      .select("display_name")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(u.display_name).toBe(`Zo\u00eb ${COMPOSED}`);

    const actor = { userId: null, role: "prescriber", requestId: "migration-test" };
    expect((await searchPeople(testDb(), actor, "muller")).rows.map((r) => r.id)).toEqual([id]);
    expect((await searchPeople(testDb(), actor, "O'Connor")).rows.map((r) => r.familyName)).toEqual(["O’Connor"]);
  });
});
