import { describe, expect, it } from "vitest";
import { searchPeople } from "../../../app/people/people.server";
import { listSuspectedDuplicates } from "../../../app/person-record/merge.server";
import { listCaseload } from "../../../app/referrals/caseload.server";
import { listTriageQueue } from "../../../app/referrals/triage.server";
import { useTestDatabase, testDb } from "../../support/db";
import { makeUser } from "../../support/factories";
import { makeReferral } from "../../support/measures-factories";
import { makePerson } from "../../support/people-factories";

useTestDatabase();

// Every list that shows a person leaves a row in that person's access history, written with the list's own row.

async function listedRows(userId: string) {
  return testDb()
    .selectFrom("audit_event")
    .select(["action", "person_id", "entity_type", "entity_id", "details", "request_id"])
    .where("actor_user_id", "=", userId)
    .orderBy("id")
    .execute();
}

describe("lists that show people", () => {
  it("a search writes one person.listed row per person found, beside its own row", async () => {
    const user = await makeUser("prescriber");
    const a = await makePerson({ given_name: "Ada", family_name: "Listedsmith" });
    const b = await makePerson({ given_name: "Bea", family_name: "Listedsmith" });
    await makePerson({ given_name: "Cy", family_name: "Elsewhere" });
    const found = await searchPeople({ userId: user.id, role: "prescriber", requestId: "r-search" }, "listedsmith");
    expect(found.rows).toHaveLength(2);
    const rows = await listedRows(user.id);
    expect(rows.map((r) => r.action).sort()).toEqual(["person.listed", "person.listed", "person.search"]);
    const listed = rows.filter((r) => r.action === "person.listed");
    expect(listed.map((r) => r.person_id).sort()).toEqual([a.id, b.id].sort());
    for (const r of listed) {
      expect(r.details).toEqual({ list: "person.search" });
      expect(r.request_id).toBe("r-search");
    }
  });

  it("a search that finds nobody writes only its own row", async () => {
    const user = await makeUser("prescriber");
    await searchPeople({ userId: user.id, role: "prescriber", requestId: "r" }, "nobody-by-this-name");
    expect((await listedRows(user.id)).map((r) => r.action)).toEqual(["person.search"]);
  });

  it("a caseload page writes a row per person, naming the referral shown", async () => {
    const user = await makeUser("prescriber");
    const one = await makeReferral({ caseworkerId: user.id });
    const two = await makeReferral({ caseworkerId: user.id });
    await makeReferral(); // someone else's caseload
    const page = await listCaseload(
      { userId: user.id, role: "prescriber", requestId: "r" },
      { sort: "received_at", dir: "asc", page: 1, pageSize: 25 } as never,
      {},
    );
    expect(page.rows).toHaveLength(2);
    const listed = (await listedRows(user.id)).filter((r) => r.action === "person.listed");
    expect(listed.map((r) => [r.person_id, r.entity_type, r.entity_id]).sort()).toEqual(
      [
        [one.personId, "referral", one.referralId],
        [two.personId, "referral", two.referralId],
      ].sort(),
    );
    expect(listed.every((r) => (r.details as { list: string }).list === "caseload.read")).toBe(true);
  });

  it("the triage queue writes a row per self-referral shown, with the person when one is linked", async () => {
    const user = await makeUser("coordinator");
    const person = await makePerson();
    const linked = await testDb()
      .insertInto("self_referral")
      .values({ given_name: "Linked", family_name: "Demo", client_key: "k1", person_id: person.id } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    const unlinked = await testDb()
      .insertInto("self_referral")
      .values({ given_name: "New", family_name: "Demo", client_key: "k2" } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    const queue = await listTriageQueue({ userId: user.id, role: "coordinator", requestId: "r" }, null);
    expect(queue).toHaveLength(2);
    expect(queue[0]).not.toHaveProperty("person_id");
    const listed = (await listedRows(user.id)).filter((r) => r.action === "person.listed");
    expect(listed.map((r) => [r.entity_id, r.person_id]).sort()).toEqual(
      [
        [linked.id, person.id],
        [unlinked.id, null],
      ].sort(),
    );
  });

  it("the duplicate pairs write a row for each person in each pair, once per person", async () => {
    const user = await makeUser("coordinator");
    const a = await makePerson({ given_name: "Dup", family_name: "Twinley", date_of_birth: "1950-01-01" });
    const b = await makePerson({ given_name: "Dupp", family_name: "Twinley", date_of_birth: "1950-01-01" });
    const c = await makePerson({ given_name: "Duppy", family_name: "Twinley", date_of_birth: "1950-01-01" });
    const pairs = await listSuspectedDuplicates({ userId: user.id, role: "coordinator", requestId: "r" });
    expect(pairs).toHaveLength(3);
    const listed = (await listedRows(user.id)).filter((r) => r.action === "person.listed");
    expect(listed.map((r) => r.person_id).sort()).toEqual([a.id, b.id, c.id].sort());
  });
});
