import { describe, expect, it } from "vitest";
import { careTeamsAmong } from "~/care-team/access.server";
import { breakGlass, listBreakGlass, markBreakGlassReviewed } from "~/care-team/break-glass.server";
import { addCareTeamMember } from "~/care-team/members.server";
import { recordPerson } from "~/person-record/create.server";
import { searchPeople } from "~/person-search/search.server";
import { createReferral } from "~/referrals/referrals.server";
import { action as breakGlassAction, loader as breakGlassLoader } from "~/routes/people.$personId.access";
import { loader as personLoader } from "~/routes/people.$personId._index";
import { loader as triageLoader } from "~/routes/triage.$selfReferralId";
import { useTestDatabase, testDb } from "../../support/db";
import { context, makeUser, signedIn } from "../../support/factories";
import { makeReferral } from "../../support/measures-factories";
import { joinCareTeam, makeActivity, makePerson } from "../../support/people-factories";

useTestDatabase();

const onTeam = async (personId: string, userId: string) =>
  (await careTeamsAmong(testDb(), [personId], userId)).has(personId);
const actor = (userId: string, role = "prescriber") => ({ userId, role, requestId: "r-care-team" });

/** A person known to a colleague only, with everything a search could show. */
async function someoneElsesPerson(familyName: string, nhsNumber: string | null = "9434765919") {
  const colleague = await makeUser("coordinator");
  const district = await testDb().selectFrom("district").select(["code", "name"]).executeTakeFirstOrThrow();
  const person = await makePerson({
    given_name: "Edith",
    family_name: familyName,
    date_of_birth: "1941-03-17",
    nhs_number: nhsNumber,
    postcode: "LE1 6ZZ",
    address_line1: "1 Hidden Street",
    district_code: district.code,
    created_by: colleague.id,
  });
  await joinCareTeam(person.id, colleague.id);
  return { person, colleague, district };
}

async function auditRows(userId: string, action?: string) {
  let q = testDb()
    .selectFrom("audit_event")
    .select(["action", "person_id", "details", "outcome"])
    .where("actor_user_id", "=", userId);
  if (action) q = q.where("action", "=", action);
  return q.orderBy("id").execute();
}

function routeArgs(path: string, cookie: string, params: Record<string, string>, body?: Record<string, string>) {
  const headers = new Headers({ Cookie: cookie });
  const init: RequestInit = { method: body ? "POST" : "GET", headers };
  if (body) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    init.body = new URLSearchParams(body).toString();
  }
  return { request: new Request(`http://localhost${path}`, init), params, context: context() };
}

async function outcome(fn: () => Promise<unknown>) {
  try {
    const res = await fn();
    if (res instanceof Response) return { status: res.status, location: res.headers.get("Location"), body: null };
    const d = res as { init?: { status?: number }; data?: unknown } | null;
    return { status: d?.init?.status ?? 200, location: null, body: d?.data ?? res };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("Location"), body: null };
    const d = thrown as { init?: { status?: number }; data?: unknown };
    if (d?.init?.status) return { status: d.init.status, location: null, body: d.data };
    throw thrown;
  }
}

describe("search outside the care team", () => {
  it("finds everyone, but shows someone outside the searcher's care teams with name, year of birth and district only", async () => {
    const { person, district } = await someoneElsesPerson("Outsideteam");
    const own = await makeUser("prescriber");
    const mine = await makePerson({ given_name: "Mine", family_name: "Outsideteam", nhs_number: "9434765870" });
    await joinCareTeam(mine.id, own.id);

    const found = await searchPeople(testDb(), actor(own.id), "outsideteam");
    expect(found.rows).toHaveLength(2);
    const outside = found.rows.find((r) => r.id === person.id)!;
    expect(outside).toEqual({
      id: person.id,
      givenName: "Edith",
      familyName: "Outsideteam",
      yearOfBirth: 1941,
      district: district.name,
      onCareTeam: false,
    });
    const serialised = JSON.stringify(found);
    for (const secret of ["9434765919", "1941-03-17", "LE1 6ZZ", "Hidden Street"])
      expect(serialised).not.toContain(secret);
    const inside = found.rows.find((r) => r.id === mine.id)!;
    expect(inside).toMatchObject({ onCareTeam: true, nhsNumber: "9434765870", dateOfBirth: "1945-05-05" });

    const [searchRow] = await auditRows(own.id, "person.search");
    expect(searchRow.details).toMatchObject({ results: 2, outsideCareTeam: 1 });
    expect((await auditRows(own.id, "person.listed")).map((r) => r.person_id).sort()).toEqual(
      [person.id, mine.id].sort(),
    );
  });

  it("by NHS number still finds the person (so no duplicate is made) without echoing more", async () => {
    const { person } = await someoneElsesPerson("Bynumber");
    const own = await makeUser("coordinator");
    const found = await searchPeople(testDb(), actor(own.id, "coordinator"), "943 476 5919");
    expect(found.rows).toEqual([expect.objectContaining({ id: person.id, onCareTeam: false })]);
    expect(JSON.stringify(found)).not.toContain("9434765919");
  });

  it("possible duplicates while recording a person show the minimum for someone outside the care team", async () => {
    const { person } = await someoneElsesPerson("Duplicatecheck");
    const own = await makeUser("prescriber");
    const result = await recordPerson(testDb(), actor(own.id), {
      columns: {
        given_name: "Edith",
        family_name: "Duplicatecheck",
        date_of_birth: "1941-03-17",
      } as never,
      consents: { volunteer_contact: false, quote_in_reports: false },
      idempotencyKey: crypto.randomUUID(),
      confirmedNew: false,
    });
    expect(result.kind).toBe("matches");
    if (result.kind !== "matches") return;
    expect(result.matches).toEqual([
      expect.objectContaining({ id: person.id, onCareTeam: false, yearOfBirth: 1941, reason: "name_and_dob" }),
    ]);
    expect(JSON.stringify(result)).not.toMatch(/9434765919|LE1 6ZZ/);
  });
});

describe("triage's possible matches", () => {
  async function requestFrom(givenName: string, familyName: string, dateOfBirth: string) {
    return testDb()
      .insertInto("self_referral")
      .values({
        given_name: givenName,
        family_name: familyName,
        date_of_birth: dateOfBirth,
        client_key: crypto.randomUUID(),
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  it("show a coordinator outside a match's care team its name, year of birth and district only", async () => {
    const { person, district } = await someoneElsesPerson("Triagematch");
    const coordinator = await signedIn("coordinator");
    const sr = await requestFrom("Edith", "Triagematch", "1941-03-17");
    const page = await triageLoader(
      routeArgs(`/triage/${sr.id}`, coordinator.cookie, { selfReferralId: sr.id }) as never,
    );
    expect(page.matches).toEqual([
      {
        id: person.id,
        givenName: "Edith",
        familyName: "Triagematch",
        yearOfBirth: 1941,
        district: district.name,
        onCareTeam: false,
        reason: "name_and_dob",
      },
    ]);
    // The request's own details are the requester's, so the match's identifiers are what must not appear.
    expect(JSON.stringify(page.matches)).not.toMatch(/9434765919|1941-03-17|LE1 6ZZ|Hidden Street/);
  });

  it("show a coordinator on a match's care team the match's details", async () => {
    const { person } = await someoneElsesPerson("Triageteam");
    const coordinator = await signedIn("coordinator");
    await joinCareTeam(person.id, coordinator.user.id);
    const sr = await requestFrom("Edith", "Triageteam", "1941-03-17");
    const page = await triageLoader(
      routeArgs(`/triage/${sr.id}`, coordinator.cookie, { selfReferralId: sr.id }) as never,
    );
    expect(page.matches).toEqual([
      expect.objectContaining({
        id: person.id,
        onCareTeam: true,
        dateOfBirth: "1941-03-17",
        nhsNumber: "9434765919",
        postcode: "LE1 6ZZ",
      }),
    ]);
  });
});

describe("break glass", () => {
  it("the person page answers 403 with the break-glass link, which shows only the minimum", async () => {
    const { person } = await someoneElsesPerson("Pageoutside");
    const { user, cookie } = await signedIn("prescriber");
    const refused = await outcome(() =>
      personLoader(routeArgs(`/people/${person.id}`, cookie, { personId: person.id }) as never),
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ breakGlass: `/people/${person.id}/access` });
    expect(JSON.stringify(refused.body)).not.toContain("Edith");

    const page = await outcome(() =>
      breakGlassLoader(routeArgs(`/people/${person.id}/access`, cookie, { personId: person.id }) as never),
    );
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      person: {
        id: person.id,
        givenName: "Edith",
        familyName: "Pageoutside",
        yearOfBirth: 1941,
        district: expect.any(String),
      },
    });
    const reads = await auditRows(user.id, "person.read");
    expect(reads).toEqual([
      expect.objectContaining({ person_id: person.id, details: { view: "minimal", careTeam: false } }),
    ]);
  });

  it("needs a reason of at least 20 characters, told at the field with the input kept", async () => {
    const { person } = await someoneElsesPerson("Shortreason");
    const { user, cookie } = await signedIn("coordinator");
    for (const [reason, message] of [
      ["", "Enter why you need this person’s record"],
      ["   cover   ", "Give more detail"],
    ]) {
      const res = await outcome(() =>
        breakGlassAction(
          routeArgs(`/people/${person.id}/access`, cookie, { personId: person.id }, { reason }) as never,
        ),
      );
      expect(res.status).toBe(400);
      const body = res.body as { errors: Record<string, string>; values: Record<string, string> };
      expect(body.errors.reason).toContain(message);
      expect(body.values.reason).toBe(reason);
    }
    expect(await onTeam(person.id, user.id)).toBe(false);
    expect(await auditRows(user.id, "person.break_glass")).toEqual([]);
  });

  it("joins the care team, is audited with its reason, is in the access history and in the administrators' review list", async () => {
    const { person } = await someoneElsesPerson("Brokeglass");
    const { user, cookie } = await signedIn("prescriber");
    const reason = "Covering Callum's caseload while he is on leave this week";
    const res = await outcome(() =>
      breakGlassAction(routeArgs(`/people/${person.id}/access`, cookie, { personId: person.id }, { reason }) as never),
    );
    expect(res).toMatchObject({ status: 302, location: `/people/${person.id}` });
    expect(await onTeam(person.id, user.id)).toBe(true);
    const member = await testDb()
      .selectFrom("care_team_member")
      .select(["basis", "added_by"])
      .where("person_id", "=", person.id)
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ basis: "break_glass", added_by: user.id });

    // The person's access history: every audit row naming them.
    const history = await testDb()
      .selectFrom("audit_event")
      .select(["action", "actor_user_id", "details"])
      .where("person_id", "=", person.id)
      .where("action", "=", "person.break_glass")
      .execute();
    expect(history).toEqual([
      { action: "person.break_glass", actor_user_id: user.id, details: expect.objectContaining({ reason }) },
    ]);

    // Now the record opens.
    const page = await outcome(() =>
      personLoader(routeArgs(`/people/${person.id}`, cookie, { personId: person.id }) as never),
    );
    expect(page.status).toBe(200);

    // A second submit (double click) joins once.
    await breakGlass(testDb(), actor(user.id), person.id, reason);
    expect(
      await testDb().selectFrom("break_glass_access").select("id").where("person_id", "=", person.id).execute(),
    ).toHaveLength(1);

    const admin = await makeUser("admin");
    const listed = await listBreakGlass(testDb(), actor(admin.id, "admin"), "unreviewed");
    const entry = listed.find((r) => r.personName === "Edith Brokeglass")!;
    expect(entry).toMatchObject({ reason, reviewedAt: null, userRole: "prescriber" });
    expect((await auditRows(admin.id, "person.listed")).map((r) => r.person_id)).toContain(person.id);

    await markBreakGlassReviewed(testDb(), actor(admin.id, "admin"), entry.id);
    expect((await listBreakGlass(testDb(), actor(admin.id, "admin"), "unreviewed")).map((r) => r.id)).not.toContain(
      entry.id,
    );
    const all = await listBreakGlass(testDb(), actor(admin.id, "admin"), "all");
    expect(all.find((r) => r.id === entry.id)).toMatchObject({ reviewedAt: expect.any(String) });
    expect(await auditRows(admin.id, "person.break_glass.reviewed")).toEqual([
      expect.objectContaining({ person_id: person.id }),
    ]);
    await expect(markBreakGlassReviewed(testDb(), actor(admin.id, "admin"), entry.id)).rejects.toThrow(/already/);
  });

  it("lists newest first", async () => {
    const { person: first } = await someoneElsesPerson("Orderfirst", null);
    const { person: second } = await someoneElsesPerson("Ordersecond", null);
    const user = await makeUser("prescriber");
    await breakGlass(testDb(), actor(user.id), first.id, "Covering a colleague's caseload this week");
    await breakGlass(testDb(), actor(user.id), second.id, "Covering a colleague's caseload this week");
    const admin = await makeUser("admin");
    const names = (await listBreakGlass(testDb(), actor(admin.id, "admin"), "all")).map((r) => r.personName);
    expect(names.indexOf("Edith Ordersecond")).toBeLessThan(names.indexOf("Edith Orderfirst"));
  });
});

describe("joining the care team", () => {
  it("a member adds a colleague, audited; someone outside the team cannot", async () => {
    const { person, colleague } = await someoneElsesPerson("Addmember");
    const newcomer = await makeUser("prescriber");
    const outsider = await makeUser("prescriber");
    await expect(addCareTeamMember(testDb(), actor(outsider.id), person.id, newcomer.id)).rejects.toThrow(
      /Only members/,
    );
    const lead = await makeUser("activity_lead");
    await expect(addCareTeamMember(testDb(), actor(colleague.id, "coordinator"), person.id, lead.id)).rejects.toThrow(
      /social prescriber or Local Area Coordinator/,
    );
    await addCareTeamMember(testDb(), actor(colleague.id, "coordinator"), person.id, newcomer.id);
    expect(await onTeam(person.id, newcomer.id)).toBe(true);
    expect(await auditRows(colleague.id, "person.care_team.join")).toEqual([
      expect.objectContaining({
        person_id: person.id,
        details: { member: newcomer.id, basis: "added", addedBy: colleague.id },
      }),
    ]);
  });

  it("making a signposting referral adds no one to the care team", async () => {
    const { person, colleague } = await someoneElsesPerson("Signposted");
    const activity = await makeActivity("signpost");
    const id = await createReferral(testDb(), actor(colleague.id, "coordinator"), person.id, {
      kind: "signpost",
      activityId: activity.id,
      source: "coordinator",
      needs: ["loneliness"],
      barriers: [],
      idempotencyKey: crypto.randomUUID(),
    } as never);
    expect(id).toBeTruthy();
    expect(await auditRows(colleague.id, "person.care_team.join")).toEqual([]);
    const rows = await testDb()
      .selectFrom("care_team_member")
      .select("user_id")
      .where("person_id", "=", person.id)
      .execute();
    expect(rows.map((r) => r.user_id)).toEqual([colleague.id]);
  });

  it("the caseworker of an open referral is on the team only while it is open", async () => {
    const worker = await makeUser("prescriber");
    const ref = await makeReferral({ caseworkerId: worker.id, status: "accepted" });
    expect(await onTeam(ref.personId, worker.id)).toBe(true);
    await testDb().updateTable("referral").set({ status: "ended" }).where("id", "=", ref.referralId).execute();
    expect(await onTeam(ref.personId, worker.id)).toBe(false);
  });
});

describe("the person page's care team", () => {
  it("lists every member once with each way they are on the team, caseworkers of open referrals included", async () => {
    const { user: worker, cookie } = await signedIn("prescriber");
    const ref = await makeReferral({ caseworkerId: worker.id, status: "accepted" });
    const named = async (id: string, name: string) => {
      await testDb().updateTable("activity").set({ name }).where("id", "=", id).execute();
      return { id, name };
    };
    const activity = await named(ref.activityId, "Knit and Natter at Braunstone");
    const recorder = await makeUser("coordinator");
    await joinCareTeam(ref.personId, recorder.id);
    const added = await makeUser("prescriber");
    await addCareTeamMember(testDb(), actor(recorder.id, "coordinator"), ref.personId, added.id);
    const glass = await makeUser("prescriber");
    await breakGlass(testDb(), actor(glass.id), ref.personId, "Covering a colleague's caseload this week");
    // The recorder is also the caseworker of a second open referral; a closed one's caseworker is not on the team.
    const second = await named((await makeActivity("direct")).id, "Walking Football in Wigston");
    await testDb()
      .insertInto("referral")
      .values([
        {
          person_id: ref.personId,
          activity_id: second.id,
          kind: "direct",
          source: "prescriber",
          status: "received",
          caseworker_id: recorder.id,
        },
        {
          person_id: ref.personId,
          activity_id: second.id,
          kind: "direct",
          source: "prescriber",
          status: "ended",
          caseworker_id: (await makeUser("prescriber")).id,
        },
      ])
      .execute();

    const nameOf = async (id: string) =>
      (await testDb().selectFrom("app_user").select("display_name").where("id", "=", id).executeTakeFirstOrThrow())
        .display_name;

    // The caseworker, on the team only through the referral, opens the page.
    const page = await outcome(() =>
      personLoader(routeArgs(`/people/${ref.personId}`, cookie, { personId: ref.personId }) as never),
    );
    expect(page.status).toBe(200);
    const { careTeam } = page.body as { careTeam: { id: string; name: string; role: string; ways: string[] }[] };
    const byId = Object.fromEntries(careTeam.map((m) => [m.id, m.ways]));
    expect(careTeam).toHaveLength(4);
    expect(byId[worker.id]).toEqual([`caseworker of an open referral to ${activity.name}`]);
    expect(byId[recorder.id]).toEqual(["recorded the person", `caseworker of an open referral to ${second.name}`]);
    expect(byId[added.id]).toEqual([`added by ${await nameOf(recorder.id)}`]);
    expect(byId[glass.id]).toEqual(["broke glass"]);
    expect(careTeam.find((m) => m.id === worker.id)).toMatchObject({
      name: await nameOf(worker.id),
      role: "Social prescriber",
    });
  });
});
