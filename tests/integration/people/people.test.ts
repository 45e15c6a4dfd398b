import { describe, expect, it } from "vitest";
import { action as personAction, loader as personLoader } from "../../../app/routes/people.$personId._index";
import { action as newPersonAction } from "../../../app/routes/people.new";
import { action as referralAction } from "../../../app/routes/referrals.$referralId._index";
import { action as startAction } from "../../../app/routes/start._index";
import { loader as referPage } from "../../../app/routes/people.$personId.refer";
import { mergePeople } from "../../../app/person-record/merge.server";
import { createReferral, readReferral } from "../../../app/referrals/referrals.server";
import { createPersonFromSelfReferral } from "../../../app/triage/triage.server";
import { readPersonRecord } from "../../../app/person-record/read.server";
import { useTestDatabase, testDb } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { call, formRequest, getRequest } from "../../support/http";
import { joinCareTeam, makeActivity, makePerson } from "../../support/people-factories";

useTestDatabase();

const personForm = (over: Record<string, string> = {}) => ({
  givenName: "Arthur",
  familyName: "Whitfield",
  dobDay: "14",
  dobMonth: "3",
  dobYear: "1941",
  nhsNumber: "943 476 5919",
  consentVolunteer: "yes",
  consentQuote: "no",
  idempotencyKey: crypto.randomUUID(),
  ...over,
});

const audits = (action: string) =>
  testDb().selectFrom("audit_event").selectAll().where("action", "=", action).execute();

describe("recording a person", () => {
  it("refuses an invalid NHS number and an impossible date at the field, keeping the input", async () => {
    const { cookie } = await signedIn("prescriber");
    const res = await call(() =>
      newPersonAction({
        request: formRequest(
          "/people/new",
          personForm({ nhsNumber: "9434765918", dobDay: "31", dobMonth: "2" }),
          cookie,
        ),
        params: {},
        context: context(),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.nhsNumber).toMatch(/not a valid NHS number/);
    expect(res.body.values.nhsNumber).toBe("9434765918");
    const again = await call(() =>
      newPersonAction({
        request: formRequest("/people/new", personForm({ dobDay: "31", dobMonth: "2" }), cookie),
        params: {},
        context: context(),
      }),
    );
    expect(again.body.errors.dob).toMatch(/real date/);
    expect(await testDb().selectFrom("person").select("id").execute()).toHaveLength(0);
  });

  it("a double submit creates one person, on the creator's care team, with an audit row naming fields only", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const form = personForm();
    const first = await call(() =>
      newPersonAction({ request: formRequest("/people/new", form, cookie), params: {}, context: context() }),
    );
    const second = await call(() =>
      newPersonAction({ request: formRequest("/people/new", form, cookie), params: {}, context: context() }),
    );
    expect(first.status).toBe(302);
    expect(second.location).toBe(first.location);
    const people = await testDb().selectFrom("person").select("id").execute();
    expect(people).toHaveLength(1);
    const team = await testDb().selectFrom("care_team_member").selectAll().execute();
    expect(team).toEqual([expect.objectContaining({ person_id: people[0].id, user_id: user.id })]);
    const [row] = await audits("person.create");
    expect(JSON.stringify(row.details)).not.toMatch(/Arthur|9434765919/);
  });

  it("shows an exact NHS number match and a close name with the same date of birth before creating", async () => {
    const { cookie } = await signedIn("coordinator");
    const known = await makePerson({
      given_name: "Arthur",
      family_name: "Whitfield",
      date_of_birth: "1941-03-14",
      nhs_number: "9434765919",
    });
    const byNhs = await call(() =>
      newPersonAction({
        request: formRequest(
          "/people/new",
          personForm({ givenName: "Someone", familyName: "Else", dobYear: "1960" }),
          cookie,
        ),
        params: {},
        context: context(),
      }),
    );
    expect(byNhs.status).toBe(409);
    expect(byNhs.body.matches.map((m: { id: string }) => m.id)).toEqual([known.id]);
    expect(byNhs.body.nhsNumberTaken).toBe(true);

    const byName = personForm({ givenName: "Arther", familyName: "Whitfeild", nhsNumber: "" });
    const warned = await call(() =>
      newPersonAction({ request: formRequest("/people/new", byName, cookie), params: {}, context: context() }),
    );
    expect(warned.status).toBe(409);
    expect(warned.body.matches[0]).toMatchObject({ id: known.id, reason: "name_and_dob" });
    const confirmed = await call(() =>
      newPersonAction({
        request: formRequest("/people/new", { ...byName, confirmNew: "yes" }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(confirmed.status).toBe(302);
    expect(await testDb().selectFrom("person").select("id").execute()).toHaveLength(2);
  });
});

describe("the person page", () => {
  it("every read writes an audit row; the record, safeguarding notes and all, is for the care team only", async () => {
    const member = await signedIn("prescriber");
    const outsider = await signedIn("prescriber");
    const person = await makePerson();
    await testDb().insertInto("care_team_member").values({ person_id: person.id, user_id: member.user.id }).execute();
    await call(() =>
      personAction({
        request: formRequest(
          `/people/${person.id}`,
          { kind: "safeguarding", body: "Concern noted", idempotencyKey: crypto.randomUUID() },
          member.cookie,
        ),
        params: { personId: person.id },
        context: context(),
      }),
    );
    const mine = await call(() =>
      personLoader({
        request: getRequest(`/people/${person.id}`, member.cookie),
        params: { personId: person.id },
        context: context(),
      }),
    );
    const theirs = await call(() =>
      personLoader({
        request: getRequest(`/people/${person.id}`, outsider.cookie),
        params: { personId: person.id },
        context: context(),
      }),
    );
    expect(mine.body.timeline.some((t: { kind: string }) => t.kind === "safeguarding")).toBe(true);
    expect(theirs.status).toBe(403);
    expect(theirs.body).toEqual({
      message: "You are not on this person’s care team",
      breakGlass: `/people/${person.id}/access`,
    });
    const reads = await audits("person.read");
    expect(
      reads.map((r) => [r.actor_user_id, r.person_id, (r.details as { safeguardingShown: boolean }).safeguardingShown]),
    ).toEqual([[member.user.id, person.id, true]]);
    const denied = await audits("access.denied");
    expect(denied.map((r) => [r.actor_user_id, r.person_id])).toEqual([[outsider.user.id, person.id]]);
  });

  it("refuses an oversized note at the field, keeping it", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const person = await makePerson();
    await joinCareTeam(person.id, user.id);
    const body = "x".repeat(5001);
    const res = await call(() =>
      personAction({
        request: formRequest(
          `/people/${person.id}`,
          { kind: "note", body, idempotencyKey: crypto.randomUUID() },
          cookie,
        ),
        params: { personId: person.id },
        context: context(),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.body).toMatch(/5,000 characters or fewer/);
    expect(res.body.values.body).toBe(body);
  });

  it("activity leads are refused (403); analysts and commissioners are told there is no such page (404)", async () => {
    const person = await makePerson();
    for (const [role, status] of [
      ["activity_lead", 403],
      ["analyst", 404],
      ["commissioner", 404],
    ] as const) {
      const { cookie } = await signedIn(role);
      const res = await call(() =>
        personLoader({
          request: getRequest(`/people/${person.id}`, cookie),
          params: { personId: person.id },
          context: context(),
        }),
      );
      expect(res.status).toBe(status);
    }
  });
});

describe("referral lifecycle through the referral page", () => {
  async function referral() {
    const worker = await signedIn("prescriber");
    const person = await makePerson();
    const activity = await makeActivity("direct");
    const id = await createReferral(
      testDb(),
      { userId: worker.user.id, role: "prescriber", requestId: "t" },
      person.id,
      {
        kind: "direct",
        activityId: activity.id,
        source: "prescriber",
        needs: ["loneliness"],
        barriers: ["transport"],
        idempotencyKey: crypto.randomUUID(),
      },
    );
    return { ...worker, id: id!, personId: person.id };
  }

  it("moves received → contacted → ended with history, audit rows and a stamped actor", async () => {
    const r = await referral();
    const go = (fields: Record<string, string>) =>
      call(() =>
        referralAction({
          request: formRequest(`/referrals/${r.id}`, fields, r.cookie),
          params: { referralId: r.id },
          context: context(),
        }),
      );
    expect((await go({ to: "contacted", version: "1" })).status).toBe(302);
    expect((await go({ to: "ended", endReason: "completed", version: "2" })).status).toBe(302);
    const events = await testDb()
      .selectFrom("referral_event")
      .select(["from_status", "to_status", "actor_id"])
      .where("referral_id", "=", r.id)
      .orderBy("id")
      .execute();
    expect(events).toEqual([
      { from_status: null, to_status: "received", actor_id: r.user.id },
      { from_status: "received", to_status: "contacted", actor_id: r.user.id },
      { from_status: "contacted", to_status: "ended", actor_id: r.user.id },
    ]);
    expect(await audits("referral.transition")).toHaveLength(2);
  });

  it("refuses a disallowed move at the field and a stale save with 409, keeping the input", async () => {
    const r = await referral();
    const go = (fields: Record<string, string>) =>
      call(() =>
        referralAction({
          request: formRequest(`/referrals/${r.id}`, fields, r.cookie),
          params: { referralId: r.id },
          context: context(),
        }),
      );
    const bad = await go({ to: "attending", version: "1" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.to).toBeTruthy();
    expect((await go({ to: "contacted", version: "1" })).status).toBe(302);
    const stale = await go({ to: "declined", declinedBy: "person", reason: "Changed their mind", version: "1" });
    expect(stale.status).toBe(409);
    expect(stale.body.values.reason).toBe("Changed their mind");
    const row = await testDb()
      .selectFrom("referral")
      .select(["status", "version"])
      .where("id", "=", r.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "contacted", version: 2 });
  });
});

describe("merging two records", () => {
  it("moves everything that hung off the merged record and audits the merge", async () => {
    const { user } = await signedIn("coordinator");
    const actor = { userId: user.id, role: "coordinator", requestId: "t" };
    const keep = await makePerson({ given_name: "Joan", family_name: "Hollis", date_of_birth: "1952-04-03" });
    const dup = await makePerson({
      given_name: "Joan",
      family_name: "Hollis",
      date_of_birth: "1952-04-03",
      nhs_number: "9434765919",
      phone: "07700 900000",
    });
    await testDb().insertInto("case_note").values({ person_id: dup.id, body: "note", kind: "note" }).execute();
    await testDb()
      .insertInto("care_team_member")
      .values([
        { person_id: dup.id, user_id: user.id },
        { person_id: keep.id, user_id: user.id },
      ])
      .execute();
    await createReferral(testDb(), actor, dup.id, {
      kind: "signpost",
      source: "self",
      needs: ["loneliness"],
      barriers: [],
      idempotencyKey: crypto.randomUUID(),
    });
    const result = await mergePeople(testDb(), actor, {
      keepId: keep.id,
      mergeId: dup.id,
      keepVersion: keep.version,
      mergeVersion: dup.version,
    });
    expect(result?.filled).toEqual(expect.arrayContaining(["nhs_number", "phone"]));
    const db = testDb();
    expect(await db.selectFrom("referral").select("person_id").execute()).toEqual([{ person_id: keep.id }]);
    expect(await db.selectFrom("case_note").select("person_id").execute()).toEqual([{ person_id: keep.id }]);
    expect(await db.selectFrom("care_team_member").select("person_id").execute()).toEqual([{ person_id: keep.id }]);
    expect(
      await db
        .selectFrom("person")
        .select(["merged_into_id", "nhs_number"])
        .where("id", "=", dup.id)
        .executeTakeFirst(),
    ).toMatchObject({ merged_into_id: keep.id });
    expect(await audits("person.merge")).toHaveLength(1);
    await expect(
      mergePeople(testDb(), actor, {
        keepId: keep.id,
        mergeId: dup.id,
        keepVersion: keep.version + 1,
        mergeVersion: dup.version + 1,
      }),
    ).rejects.toThrow(/already been merged/);
  });

  it("refuses to merge records that carry different NHS numbers", async () => {
    const { user } = await signedIn("admin");
    const a = await makePerson({ nhs_number: "9434765919" });
    const b = await makePerson({ nhs_number: "9991000003" });
    await expect(
      mergePeople(
        testDb(),
        { userId: user.id, role: "admin", requestId: "t" },
        { keepId: a.id, mergeId: b.id, keepVersion: 1, mergeVersion: 1 },
      ),
    ).rejects.toThrow(/different NHS numbers/);
  });
});

describe("public self-referral", () => {
  const form = (over: Record<string, string> = {}) => ({
    givenName: "Brian",
    familyName: "Castle",
    dobDay: "22",
    dobMonth: "9",
    dobYear: "1951",
    phone: "07700 900999",
    bestTime: "any",
    topics: "lonely",
    idempotencyKey: crypto.randomUUID(),
    ...over,
  });
  const submit = (fields: Record<string, string>, ip = "203.0.113.9") =>
    call(() =>
      startAction({ request: formRequest("/start", fields), params: {}, context: { ...context(), clientIp: ip } }),
    );

  it("stores a request with only a hashed address; a filled honeypot looks the same but stores nothing", async () => {
    expect((await submit(form())).location).toBe("/start/thank-you");
    expect((await submit(form({ website: "http://spam.example" }))).location).toBe("/start/thank-you");
    const rows = await testDb().selectFrom("self_referral").select(["client_key", "status"]).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].client_key).not.toContain("203.0.113.9");
  });

  it("allows 5 an hour from one address, then refuses with 429", async () => {
    for (let i = 0; i < 5; i++) expect((await submit(form())).status).toBe(302);
    expect((await submit(form())).status).toBe(429);
    expect((await submit(form(), "198.51.100.1")).status).toBe(302);
  });

  it("refuses a future date of birth at the field", async () => {
    const res = await submit(form({ dobYear: "2999" }));
    expect(res.status).toBe(400);
    expect(res.body.errors.dob).toMatch(/in the past/);
  });
});

describe("what a person wrote at /start reaches their record and their referral", () => {
  it("puts their topics, best time and message on the timeline, and on the referral triage gives them", async () => {
    const coordinator = await signedIn("coordinator");
    const actor = { userId: coordinator.user.id, role: "coordinator", requestId: "t" };
    const fields = {
      givenName: "Maud",
      familyName: "Carryover",
      dobDay: "3",
      dobMonth: "4",
      dobYear: "1944",
      phone: "07700 900321",
      bestTime: "morning",
      topics: "meet_people",
      message: "I go to the library on Tuesdays and would like company.",
      idempotencyKey: crypto.randomUUID(),
    };
    await call(() =>
      startAction({
        request: formRequest("/start", fields),
        params: {},
        context: { ...context(), clientIp: "203.0.113.77" },
      }),
    );
    const sr = await testDb().selectFrom("self_referral").select(["id", "version"]).executeTakeFirstOrThrow();
    const personId = (await createPersonFromSelfReferral(testDb(), actor, null, sr.id, sr.version))!;
    const activity = await makeActivity("direct");
    const referralId = (await createReferral(testDb(), actor, personId, {
      kind: "direct",
      activityId: activity.id,
      source: "self",
      needs: ["social_isolation"],
      barriers: [],
      idempotencyKey: crypto.randomUUID(),
      selfReferralId: sr.id,
    }))!;

    const record = await readPersonRecord(testDb(), actor, personId);
    if (!record || "mergedInto" in record) throw new Error("no record");
    const item = record.timeline.find((t) => t.kind === "self_referral");
    expect(item).toMatchObject({ href: `/referrals/${referralId}` });
    expect(item?.detail).toContain("Wants to talk about: I would like to meet people.");
    expect(item?.detail).toContain("Best time to call: Morning.");
    expect(item?.detail).toContain("I go to the library on Tuesdays and would like company.");

    const referral = await readReferral(testDb(), actor, referralId);
    expect(referral?.request).toMatchObject({
      message: "I go to the library on Tuesdays and would like company.",
      topics: ["meet_people"],
      best_time: "morning",
    });
  });

  it("starts the referral form from the request triage linked: needs from their topics, how to reach them, who asked", async () => {
    const coordinator = await signedIn("coordinator");
    const actor = { userId: coordinator.user.id, role: "coordinator", requestId: "t" };
    await call(() =>
      startAction({
        request: formRequest("/start", {
          givenName: "Edna",
          familyName: "Prefill",
          dobDay: "9",
          dobMonth: "10",
          dobYear: "1941",
          phone: "07700 900654",
          bestTime: "afternoon",
          topics: ["lonely", "meet_people", "get_active"],
          message: "Since my husband died I hardly see anyone.",
          idempotencyKey: crypto.randomUUID(),
        }),
        params: {},
        context: { ...context(), clientIp: "203.0.113.78" },
      }),
    );
    const sr = await testDb().selectFrom("self_referral").select(["id", "version"]).executeTakeFirstOrThrow();
    const personId = (await createPersonFromSelfReferral(testDb(), actor, null, sr.id, sr.version))!;
    const open = (selfReferral: string) =>
      call(() =>
        referPage({
          request: getRequest(`/people/${personId}/refer?selfReferral=${selfReferral}`, coordinator.cookie),
          params: { personId },
          context: context(),
        } as never),
      );
    const page = (await open(sr.id)).body;
    expect(page.suggestedNeeds).toEqual(["loneliness", "social_isolation", "physical_inactivity"]);
    expect(page.defaults).toMatchObject({ source: "self", selfReferralId: sr.id });
    expect(page.defaults.sourceDetail).toMatch(/Start a conversation/);
    expect(page.defaults.supportNotes).toBe("Asked to be contacted by phone; best time to call: afternoon.");
    // Their own words are shown to the caseworker, not copied into the notes the provider reads.
    expect(page.request.summary).toContain("Since my husband died I hardly see anyone.");
    expect(page.defaults.supportNotes).not.toContain("husband");
    const read = await testDb()
      .selectFrom("audit_event")
      .select(["person_id", "entity_id"])
      .where("action", "=", "self-referral.read")
      .where("actor_user_id", "=", coordinator.user.id)
      .execute();
    expect(read).toContainEqual({ person_id: personId, entity_id: sr.id });

    // Another person's request, or an unknown one, fills nothing in and links nothing.
    const other = await makePerson();
    await joinCareTeam(other.id, coordinator.user.id);
    const elsewhere = (
      await call(() =>
        referPage({
          request: getRequest(`/people/${other.id}/refer?selfReferral=${sr.id}`, coordinator.cookie),
          params: { personId: other.id },
          context: context(),
        } as never),
      )
    ).body;
    expect(elsewhere.request).toBeNull();
    expect(elsewhere.suggestedNeeds).toEqual([]);
    expect(elsewhere.defaults).toMatchObject({ selfReferralId: "", supportNotes: "" });
    expect(elsewhere.defaults.source).not.toBe("self");
    expect((await open(crypto.randomUUID())).body.request).toBeNull();
  });
});
