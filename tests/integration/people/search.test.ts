import { describe, expect, it } from "vitest";
import { action as searchAction } from "../../../app/routes/people._index";
import { searchPeople } from "../../../app/person-search/search.server";
import { useTestDatabase, testDb } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { call, formRequest } from "../../support/http";
import { makePerson } from "../../support/people-factories";

useTestDatabase();

const actor = { userId: null, role: "prescriber", requestId: "search-test" };
const names = (rows: { givenName: string; familyName: string }[]) => rows.map((r) => `${r.givenName} ${r.familyName}`);

describe("person search", () => {
  it("finds a surname prefix first and alphabetically, then the term anywhere in a name", async () => {
    await makePerson({ given_name: "Zoe", family_name: "Smith" });
    await makePerson({ given_name: "Alan", family_name: "Smithson" });
    await makePerson({ given_name: "Beth", family_name: "Smith" });
    await makePerson({ given_name: "Carl", family_name: "Goldsmith" });
    await makePerson({ given_name: "Smita", family_name: "Patel" });
    await makePerson({ given_name: "Dora", family_name: "Jones" });
    const found = await searchPeople(testDb(), actor, "  SMI ");
    expect(names(found.rows)).toEqual(["Beth Smith", "Zoe Smith", "Alan Smithson", "Carl Goldsmith", "Smita Patel"]);
    expect(found.more).toBe(false);
    expect(found.similar).toBe(false);
  });

  it("matches a first name with a surname, a preferred name, and an NHS number typed with spaces", async () => {
    await makePerson({
      given_name: "Margaret",
      family_name: "Okafor",
      preferred_name: "Peggy",
      nhs_number: "9434765919",
    });
    await makePerson({ given_name: "Margaret", family_name: "Oliver" });
    expect(names((await searchPeople(testDb(), actor, "margaret oka")).rows)).toEqual(["Margaret Okafor"]);
    expect(names((await searchPeople(testDb(), actor, "Peggy")).rows)).toEqual(["Margaret Okafor"]);
    expect(names((await searchPeople(testDb(), actor, "943 476 5919")).rows)).toEqual(["Margaret Okafor"]);
    expect((await searchPeople(testDb(), actor, "943 476 5918")).rows).toEqual([]);
  });

  it("says when more people match than it shows", async () => {
    for (let i = 0; i < 4; i++) await makePerson({ given_name: `Ann${i}`, family_name: "Baker" });
    const capped = await searchPeople(testDb(), actor, "baker", 3);
    expect(names(capped.rows)).toEqual(["Ann0 Baker", "Ann1 Baker", "Ann2 Baker"]);
    expect(capped.more).toBe(true);
    // A full first step still checks the wider ones: here a given name containing the term.
    await makePerson({ given_name: "Bakerina", family_name: "Zed" });
    const exact = await searchPeople(testDb(), actor, "baker", 4);
    expect(exact.rows).toHaveLength(4);
    expect(exact.more).toBe(true);
    expect((await searchPeople(testDb(), actor, "baker", 5)).more).toBe(false);
  });

  it("offers similar names only when nobody has the name typed, and never lists merged records", async () => {
    const kept = await makePerson({ given_name: "Jean", family_name: "Whitfield" });
    await makePerson({ given_name: "Jean", family_name: "Whitfield-Old", merged_into_id: kept.id });
    const typo = await searchPeople(testDb(), actor, "jean whitfeld");
    expect(names(typo.rows)).toEqual(["Jean Whitfield"]);
    expect(typo.similar).toBe(true);
    const exact = await searchPeople(testDb(), actor, "whitfield");
    expect(names(exact.rows)).toEqual(["Jean Whitfield"]);
    expect(exact.similar).toBe(false);
  });

  it("finds a misspelt surname inside a longer name", async () => {
    await makePerson({ given_name: "Sylvia", family_name: "Ward-Marchant" });
    const typo = await searchPeople(testDb(), actor, "marchnt");
    expect(names(typo.rows)).toEqual(["Sylvia Ward-Marchant"]);
    expect(typo.similar).toBe(true);
  });

  it("treats % and _ in a term as letters, not wildcards", async () => {
    await makePerson({ given_name: "Ann", family_name: "Lee" });
    expect((await searchPeople(testDb(), actor, "%")).rows).toEqual([]);
    expect((await searchPeople(testDb(), actor, "l_e")).rows).toEqual([]);
  });

  it("is a POST whose audit row records the count, never the term", async () => {
    await makePerson({ given_name: "Ruth", family_name: "Kowalski" });
    const { cookie } = await signedIn("prescriber");
    const res = await call(() =>
      searchAction({ request: formRequest("/people?index", { q: "kowal" }, cookie), params: {}, context: context() }),
    );
    expect(res.status).toBe(200);
    expect(names(res.body.rows)).toEqual(["Ruth Kowalski"]);
    const rows = await testDb()
      .selectFrom("audit_event")
      .select(["details", "person_id"])
      .where("action", "=", "person.search")
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toMatch(/kowal/i);
    expect(rows[0].details).toMatchObject({ by: "name", results: 1, more: false });
  });
});
