import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { preparedQuery } from "../../../db/prepared-query";
import { makeUser } from "../../support/factories";
import { testDb, useTestDatabase } from "../../support/db";

useTestDatabase();

describe("preparedQuery", () => {
  it("builds the SQL once and puts each call's values in place, beside the constants it was built with", async () => {
    const a = await makeUser("prescriber");
    const b = await makeUser("coordinator");
    let builds = 0;
    const usersBy = preparedQuery((db, p: { id: string; role: string }) => {
      builds += 1;
      return db
        .selectFrom("app_user")
        .select(["id", "role"])
        .select(sql<string>`${"constant"}::text`.as("fixed"))
        .where((eb) => eb.or([eb("id", "=", p.id), eb("role", "=", p.role)]))
        .where("disabled_at", "is", null)
        .orderBy("role");
    });
    expect(await usersBy(testDb(), { id: a.id, role: "nobody" })).toEqual([
      { id: a.id, role: "prescriber", fixed: "constant" },
    ]);
    expect(await usersBy(testDb(), { id: crypto.randomUUID(), role: "coordinator" })).toEqual([
      { id: b.id, role: "coordinator", fixed: "constant" },
    ]);
    expect(await usersBy(testDb(), { id: a.id, role: "coordinator" })).toEqual([
      { id: b.id, role: "coordinator", fixed: "constant" },
      { id: a.id, role: "prescriber", fixed: "constant" },
    ]);
    expect(builds).toBe(1);
  });

  it("runs a query marked to be planned for each call (the marker leads its SQL) with the same rows as one kept planned", async () => {
    const a = await makeUser("prescriber");
    const build = (db: Parameters<Parameters<typeof preparedQuery>[0]>[0], p: { id: string }) =>
      db.selectFrom("app_user").select("id").where("id", "=", p.id);
    const kept = preparedQuery(build);
    const planned = preparedQuery(build, { planEachCall: true });
    expect(await planned(testDb(), { id: a.id })).toEqual(await kept(testDb(), { id: a.id }));
    expect(await planned(testDb(), { id: a.id })).toEqual([{ id: a.id }]);
  });

  it("refuses a parameter used inside a string, which would have fixed its first value into the SQL", async () => {
    const byPrefix = preparedQuery((db, p: { name: string }) =>
      db.selectFrom("app_user").select("id").where("display_name", "like", `${p.name}%`),
    );
    await expect(byPrefix(testDb(), { name: "Ann" })).rejects.toThrow(/"name" was used inside a string/);
  });
});
