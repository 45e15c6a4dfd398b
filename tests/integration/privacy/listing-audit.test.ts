import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { befriendingBoard } from "../../../app/attendance/befriending.server";
import { listInbound } from "../../../app/attendance/inbound.server";
import { loadRegister } from "../../../app/attendance/register.server";
import { recordPerson } from "../../../app/person-record/create.server";
import { searchPeople } from "../../../app/person-search/search.server";
import { listSuspectedDuplicates } from "../../../app/person-record/merge.server";
import { listCaseload } from "../../../app/referrals/caseload.server";
import { listTriageQueue, readSelfReferral } from "../../../app/triage/triage.server";
import { useTestDatabase, testDb } from "../../support/db";
import {
  makeActivity as makeLedActivity,
  makeLead,
  makeReferral as makeActivityReferral,
  makeSession,
} from "../../support/directory-factories";
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
    const found = await searchPeople(
      testDb(),
      { userId: user.id, role: "prescriber", requestId: "r-search" },
      "listedsmith",
    );
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
    await searchPeople(testDb(), { userId: user.id, role: "prescriber", requestId: "r" }, "nobody-by-this-name");
    expect((await listedRows(user.id)).map((r) => r.action)).toEqual(["person.search"]);
  });

  it("a caseload page writes a row per person, naming the referral shown", async () => {
    const user = await makeUser("prescriber");
    const one = await makeReferral({ caseworkerId: user.id });
    const two = await makeReferral({ caseworkerId: user.id });
    await makeReferral(); // someone else's caseload
    const page = await listCaseload(
      testDb(),
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
    const queue = await listTriageQueue(testDb(), { userId: user.id, role: "coordinator", requestId: "r" }, null);
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
    const pairs = await listSuspectedDuplicates(testDb(), { userId: user.id, role: "coordinator", requestId: "r" });
    expect(pairs).toHaveLength(3);
    const listed = (await listedRows(user.id)).filter((r) => r.action === "person.listed");
    expect(listed.map((r) => r.person_id).sort()).toEqual([a.id, b.id, c.id].sort());
  });

  // The lead's lists: who is on a register, on a befriending scheme, or waiting for an answer.

  async function ledActivity(format = "group") {
    const lead = await makeUser("activity_lead");
    const activity = await makeLedActivity({ format });
    await makeLead(activity.id, lead.id);
    const actor = { userId: lead.id, role: "activity_lead", requestId: `r-${randomUUID()}` };
    return { lead, activity, actor };
  }

  it("a session register writes its own row and a row per person shown, in the statement that reads it", async () => {
    const { lead, activity, actor } = await ledActivity();
    const a = await makeActivityReferral(activity.id, { status: "accepted" });
    const b = await makeActivityReferral(activity.id, { status: "attending" });
    await makeActivityReferral(activity.id, { status: "received" }); // not on the register
    const session = await makeSession(activity.id, { date: "2026-11-24" });
    const register = await loadRegister(testDb(), actor, activity.id, session.id);
    expect(register?.people).toHaveLength(2);
    const rows = await listedRows(lead.id);
    expect(rows.map((r) => r.action).sort()).toEqual(["person.listed", "person.listed", "register.view"]);
    const own = rows.find((r) => r.action === "register.view")!;
    expect(own).toMatchObject({ entity_type: "activity_session", entity_id: session.id, person_id: null });
    expect(own.details).toEqual({ activityId: activity.id, rows: 2 });
    const listed = rows.filter((r) => r.action === "person.listed");
    expect(listed.map((r) => [r.person_id, r.entity_type, r.entity_id]).sort()).toEqual(
      [
        [a.person_id, "referral", a.id],
        [b.person_id, "referral", b.id],
      ].sort(),
    );
    for (const r of listed) {
      expect(r.details).toEqual({ list: "register.view" });
      expect(r.request_id).toBe(actor.requestId);
    }
  });

  it("an empty register writes only its own row; another activity's session writes none", async () => {
    const { lead, activity, actor } = await ledActivity();
    const session = await makeSession(activity.id, { date: "2026-11-24" });
    expect((await loadRegister(testDb(), actor, activity.id, session.id))?.people).toEqual([]);
    const elsewhere = await makeSession((await makeLedActivity()).id, { date: "2026-11-24" });
    expect(await loadRegister(testDb(), actor, activity.id, elsewhere.id)).toBeNull();
    const rows = await listedRows(lead.id);
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([["register.view", session.id]]);
  });

  it("the befriending board writes its own row and a row per person on the scheme", async () => {
    const { lead, activity, actor } = await ledActivity("one_to_one");
    const a = await makeActivityReferral(activity.id, { status: "accepted" });
    const b = await makeActivityReferral(activity.id, { status: "attending" });
    await makeActivityReferral(activity.id, { status: "declined" }); // not on the board
    const board = await befriendingBoard(testDb(), actor, activity.id);
    expect(board).toHaveLength(2);
    const rows = await listedRows(lead.id);
    expect(rows.find((r) => r.action === "befriending.view")).toMatchObject({
      entity_type: "activity",
      entity_id: activity.id,
      person_id: null,
      details: { rows: 2 },
    });
    const listed = rows.filter((r) => r.action === "person.listed");
    expect(listed.map((r) => [r.person_id, r.entity_type, r.entity_id]).sort()).toEqual(
      [
        [a.person_id, "referral", a.id],
        [b.person_id, "referral", b.id],
      ].sort(),
    );
    expect(listed.every((r) => (r.details as { list: string }).list === "befriending.view")).toBe(true);
  });

  it("the lead's incoming referrals write their own row and a row per person waiting", async () => {
    const { lead, activity, actor } = await ledActivity();
    const waiting = await makeActivityReferral(activity.id, { status: "received" });
    await makeActivityReferral(activity.id, { status: "accepted" }); // already answered
    await makeActivityReferral((await makeLedActivity()).id, { status: "received" }); // another lead's
    const inbound = await listInbound(testDb(), actor, lead.id);
    expect(inbound.map((r) => r.id)).toEqual([waiting.id]);
    const rows = await listedRows(lead.id);
    expect(rows.map((r) => r.action).sort()).toEqual(["person.listed", "referral.inbound-list"]);
    expect(rows.find((r) => r.action === "person.listed")).toMatchObject({
      person_id: waiting.person_id,
      entity_type: "referral",
      entity_id: waiting.id,
      details: { list: "referral.inbound-list" },
    });
  });

  it("the possible duplicates shown while recording a person write a row per record shown", async () => {
    const user = await makeUser("prescriber");
    const a = await makePerson({ given_name: "Wilma", family_name: "Dupecheck", date_of_birth: "1951-03-04" });
    const b = await makePerson({ given_name: "Wilm", family_name: "Dupecheck", date_of_birth: "1951-03-04" });
    const result = await recordPerson(
      testDb(),
      { userId: user.id, role: "prescriber", requestId: "r" },
      {
        columns: { given_name: "Wilma", family_name: "Dupecheck", date_of_birth: "1951-03-04" } as never,
        consents: {} as never,
        idempotencyKey: randomUUID(),
        confirmedNew: false,
      },
    );
    expect(result.kind).toBe("matches");
    const listed = (await listedRows(user.id)).filter((r) => r.action === "person.listed");
    expect(listed.map((r) => r.person_id).sort()).toEqual([a.id, b.id].sort());
    expect(listed.every((r) => (r.details as { list: string }).list === "person.duplicate-check")).toBe(true);
  });

  it("a self-referral's possible matches write a row per record shown, beside the request's own row", async () => {
    const user = await makeUser("coordinator");
    const match = await makePerson({ given_name: "Tilda", family_name: "Matchfield", date_of_birth: "1949-07-08" });
    const sr = await testDb()
      .insertInto("self_referral")
      .values({
        given_name: "Tilda",
        family_name: "Matchfield",
        date_of_birth: "1949-07-08",
        client_key: `k-${randomUUID()}`,
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    const read = await readSelfReferral(
      testDb(),
      { userId: user.id, role: "coordinator", requestId: "r" },
      sr.id,
      null,
    );
    expect(read?.matches.map((m) => m.id)).toEqual([match.id]);
    const rows = await listedRows(user.id);
    expect(rows.map((r) => r.action).sort()).toEqual(["person.listed", "self-referral.read"]);
    expect(rows.find((r) => r.action === "person.listed")).toMatchObject({
      person_id: match.id,
      details: { list: "self-referral.read" },
    });
  });
});
