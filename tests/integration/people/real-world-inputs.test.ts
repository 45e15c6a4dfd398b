import { afterEach, describe, expect, it, vi } from "vitest";
import { matchVolunteer } from "../../../app/attendance/befriending.server";
import { action as referAction } from "../../../app/routes/people.$personId.refer";
import { loader as trailLoader } from "../../../app/routes/admin.audit";
import { action as newPersonAction } from "../../../app/routes/people.new";
import { action as startAction } from "../../../app/routes/start._index";
import { testDb, useTestDatabase } from "../../support/db";
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
  nhsNumber: "",
  consentVolunteer: "yes",
  consentQuote: "no",
  idempotencyKey: crypto.randomUUID(),
  ...over,
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function record(cookie: string, over: Record<string, string>) {
  return call(() =>
    newPersonAction({ request: formRequest("/people/new", personForm(over), cookie), params: {}, context: context() }),
  );
}

describe("NHS numbers that are never issued", () => {
  it("refuses 999 999 9999 and the test range outside demo mode, saying to leave the field blank", async () => {
    vi.stubEnv("DEMO", "0");
    const { cookie } = await signedIn("prescriber");
    for (const nhsNumber of ["999 999 9999", "000 000 0000", "999 100 0003"]) {
      const res = await record(cookie, { nhsNumber });
      expect(res.status, nhsNumber).toBe(400);
      expect(res.body.errors.nhsNumber).toMatch(/leave this blank/);
      expect(res.body.values.nhsNumber).toBe(nhsNumber);
    }
    expect(await testDb().selectFrom("person").select("id").execute()).toHaveLength(0);
    expect((await record(cookie, { nhsNumber: "943 476 5919" })).status).toBe(302);
  });

  it("a second person given the placeholder is never steered to the first one's record", async () => {
    vi.stubEnv("DEMO", "1");
    const { cookie } = await signedIn("prescriber");
    const first = await record(cookie, { nhsNumber: "999 999 9999" });
    expect(first.status).toBe(400);
    const second = await record(cookie, { givenName: "Joan", familyName: "Pegg", nhsNumber: "999 999 9999" });
    expect(second.status).toBe(400);
    expect(second.body.errors.nhsNumber).not.toMatch(/use that record/);
    // Demo mode still takes the seed's 999-range test numbers.
    expect((await record(cookie, { nhsNumber: "999 100 0003" })).status).toBe(302);
  });
});

describe("consent to contact by a volunteer", () => {
  const referForm = (activityId: string) => ({
    kind: "direct",
    activityId,
    source: "prescriber",
    needs: "loneliness",
    idempotencyKey: crypto.randomUUID(),
  });
  const consent = (personId: string, given: boolean) =>
    testDb().insertInto("person_consent").values({ person_id: personId, kind: "volunteer_contact", given }).execute();

  it("a direct referral to a befriending scheme needs it recorded as given, with a message saying what to record", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const befriending = await makeActivity("direct", "befriending");
    const group = await makeActivity("direct", "community_group");
    const person = await makePerson();
    await joinCareTeam(person.id, user.id);
    const refer = (activityId: string) =>
      call(() =>
        referAction({
          request: formRequest(`/people/${person.id}/refer`, referForm(activityId), cookie),
          params: { personId: person.id },
          context: context(),
        }),
      );

    const notAsked = await refer(befriending.id);
    expect(notAsked.status).toBe(409);
    expect(notAsked.body.errors.activityId).toMatch(/consent to contact by a volunteer.*record their answer/);
    expect(notAsked.body.values.activityId).toBe(befriending.id);

    await consent(person.id, false);
    const notGiven = await refer(befriending.id);
    expect(notGiven.status).toBe(409);
    expect(notGiven.body.errors.activityId).toMatch(/have not given their consent to contact by a volunteer/);
    expect(await testDb().selectFrom("referral").select("id").execute()).toHaveLength(0);

    // Other activities do not need it; and once it is given, the referral goes through.
    expect((await refer(group.id)).status).toBe(302);
    await consent(person.id, true);
    expect((await refer(befriending.id)).status).toBe(302);
  });

  it("a volunteer match needs it too, and a consent withdrawn after the referral stops the match", async () => {
    const activity = await makeActivity("direct", "befriending");
    const person = await makePerson();
    await consent(person.id, true);
    const referral = await testDb()
      .insertInto("referral")
      .values({
        person_id: person.id,
        activity_id: activity.id,
        kind: "direct",
        source: "prescriber",
        status: "accepted",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const provider = await testDb()
      .selectFrom("activity")
      .select("provider_id")
      .where("id", "=", activity.id)
      .executeTakeFirstOrThrow();
    const volunteer = await testDb()
      .insertInto("volunteer")
      .values({ provider_id: provider.provider_id, name: "Sue Helper", dbs_checked_on: "2026-01-01" } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    await consent(person.id, false);
    const actor = { userId: null, role: "activity_lead", requestId: "t" };
    const act = { id: activity.id, provider_id: provider.provider_id };
    await expect(matchVolunteer(testDb(), actor, act, referral.id, volunteer.id, "2026-11-25")).rejects.toMatchObject({
      field: "referralId",
      message: expect.stringMatching(/cannot be matched with a volunteer.*record their consent/),
    });
    expect(await testDb().selectFrom("befriending_match").select("id").execute()).toHaveLength(0);
    await consent(person.id, true);
    await expect(matchVolunteer(testDb(), actor, act, referral.id, volunteer.id, "2026-11-25")).resolves.toBeTypeOf(
      "string",
    );
  });
});

describe("dates a user or a URL gives", () => {
  it("/start refuses a 6-year-old at the date of birth, keeps what was typed and stores nothing", async () => {
    const year = String(Number(new Date().getFullYear()) - 6);
    const res = await call(() =>
      startAction({
        request: formRequest("/start", {
          givenName: "Tom",
          familyName: "Small",
          dobDay: "1",
          dobMonth: "1",
          dobYear: year,
          phone: "07700 900123",
          bestTime: "any",
          topics: "lonely",
          idempotencyKey: crypto.randomUUID(),
        }),
        params: {},
        context: { ...context(), clientIp: "203.0.113.77" },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.dob).toMatch(/for adults aged 18 and over/);
    expect(res.body.values.dobYear).toBe(year);
    expect(await testDb().selectFrom("self_referral").select("id").execute()).toHaveLength(0);
  });

  it("an audit trail URL with year 0000 gets a message, never a database error", async () => {
    const { cookie } = await signedIn("admin");
    for (const from of ["0000-01-01", "0001-01-01", "2026-02-31"]) {
      const res = await call(() =>
        trailLoader({
          request: getRequest(`/admin/audit?from=${from}`, cookie),
          context: context(),
          params: {},
        } as never),
      );
      expect(res.status, from).toBe(200);
      expect(res.body.dateErrors.from, from).toMatch(/Enter a real date/);
      expect(res.body.typed.from).toBe(from);
    }
  });
});
