import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { subjectAccessExport } from "../../../app/people/subject-access.server";
import { applyRetention, auditPseudonym, planRetention } from "../../../app/people/retention.server";
import { refreshOutcomeSummaries } from "../../../app/outcomes/summaries.server";
import { testDb, useTestDatabase } from "../../support/db";
import { makeUser } from "../../support/factories";
import { makeFullSubject, tableCounts } from "../../support/subject-factories";

useTestDatabase();

const KEY = "test retention key, thirty-two characters or more";
const CUTOFF = "2020-01-01";

/** Two people last contacted in 2016 (one with nothing the figures count), one in 2024, and old self-referrals. */
async function scenario() {
  const stale = await makeFullSubject({ at: "2016-03-04", dob: "1950-05-20" });
  const recent = await makeFullSubject({ at: "2024-03-04" });
  const db = testDb();
  // Known only from a note in 2012: nothing counted in the figures, so removed outright.
  const bare = await db
    .insertInto("person")
    .values({
      given_name: "Bare",
      family_name: "Record",
      date_of_birth: "1940-01-01",
      created_at: "2012-01-01T10:00:00Z",
      updated_at: "2012-01-01T10:00:00Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("case_note")
    .values({ person_id: bare.id, body: "Old note", created_at: "2012-02-01T10:00:00Z" })
    .execute();
  // Last contacted in 2016 by its referral, but with a consent recorded in 2021: kept.
  const consented = await makeFullSubject({ at: "2016-05-05" });
  await db
    .insertInto("person_consent")
    .values({ person_id: consented.personId, kind: "share_with_gp", given: true, recorded_at: "2021-06-01T10:00:00Z" })
    .execute();
  const selfReferral = (received: string, family: string) =>
    db
      .insertInto("self_referral")
      .values({ given_name: "Unlinked", family_name: family, client_key: family, received_at: received })
      .returning("id")
      .executeTakeFirstOrThrow();
  const oldSelf = await selfReferral("2015-01-01T10:00:00Z", "Oldself");
  const newSelf = await selfReferral("2024-01-01T10:00:00Z", "Newself");
  const staff = await makeUser("coordinator");
  await db
    .insertInto("audit_event")
    .values([
      // A refused look names the person only in its path.
      {
        actor_user_id: staff.id,
        action: "access.denied",
        outcome: "denied",
        details: JSON.stringify({ path: `/people/${stale.personId}` }),
        occurred_at: "2016-04-01T10:00:00Z",
      },
      { actor_user_id: staff.id, action: "triage.read", entity_type: "self_referral", entity_id: oldSelf.id },
      {
        actor_user_id: staff.id,
        action: "person.merge",
        entity_type: "person",
        entity_id: stale.personId,
        person_id: stale.personId,
        details: JSON.stringify({ kept: stale.personId, merged: stale.mergedId }),
      },
    ])
    .execute();
  return { stale, recent, bare: bare.id, consented, oldSelf: oldSelf.id, newSelf: newSelf.id };
}

async function auditText() {
  const { rows } = await sql<{ t: string }>`select coalesce(string_agg(to_jsonb(a)::text, E'\n' order by id), '') as t
    from audit_event a`.execute(testDb());
  return rows[0].t;
}

describe("retention schedule", () => {
  it("a dry run reports counts per table and changes nothing", async () => {
    await scenario();
    const before = await tableCounts();
    const audit = await auditText();
    const report = await planRetention(testDb(), CUTOFF);
    expect(await tableCounts()).toEqual(before);
    expect(await auditText()).toBe(audit);
    expect(report).toMatchObject({
      cutoff: CUTOFF,
      people: 2,
      records: 3,
      recordsDeleted: 1,
      recordsAnonymised: 2,
      unlinkedSelfReferrals: 1,
    });
    const rows = Object.fromEntries(report.tables.map((t) => [t.table, [t.action, t.rows]]));
    expect(rows).toEqual({
      person: ["anonymise", 3],
      care_team_member: ["delete", 1],
      break_glass_access: ["delete", 1],
      person_consent: ["delete", 1],
      case_note: ["delete", 2],
      self_referral: ["delete", 1],
      referral: ["anonymise", 2],
      referral_event: ["anonymise", 1],
      attendance: ["anonymise", 1],
      measure_response: ["anonymise", 1],
      measure_self_session: ["delete", 1],
      befriending_match: ["delete", 1],
      befriending_call: ["delete", 1],
    });
    // The stale person's read and listing, the refused look, the merge, and the unlinked self-referral's read.
    expect(report.auditRows).toBe(5);
    // The report says nothing about who.
    expect(JSON.stringify(report)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it("erases exactly the stale people: identifying rows deleted, counted facts kept anonymised, others untouched", async () => {
    const s = await scenario();
    const actor = { userId: null, role: null, requestId: "r-test" };
    const recentBefore = await subjectAccessExport(testDb(), actor, s.recent.personId, "json");
    const consentedBefore = await subjectAccessExport(testDb(), actor, s.consented.personId, "json");
    await applyRetention(testDb(), CUTOFF, KEY);
    const db = testDb();
    const people = await db
      .selectFrom("person")
      .selectAll()
      .where("id", "in", [s.stale.personId, s.stale.mergedId, s.bare])
      .orderBy("created_at")
      .execute();
    expect(people.map((p) => p.id)).toEqual([s.stale.mergedId, s.stale.personId]);
    for (const p of people) {
      expect(p).toMatchObject({
        given_name: "Erased",
        family_name: "Record",
        nhs_number: null,
        phone: null,
        postcode: null,
        access_needs: null,
        district_code: "melton",
        sex: "female",
        imd_quintile: 3,
      });
      expect(p.erased_at).not.toBeNull();
      // Age 65 at the 2016 referral (born 20 May 1950) whichever day of 1950 is kept.
      expect(p.date_of_birth).toBe("1950-07-01");
    }
    const after = await subjectAccessExport(testDb(), actor, s.stale.personId, "json");
    const count = Object.fromEntries(after!.tables.map((t) => [t.table, t.rows.length]));
    expect(count).toMatchObject({
      care_team_member: 0,
      break_glass_access: 0,
      person_consent: 0,
      case_note: 0,
      self_referral: 0,
      measure_self_session: 0,
      befriending_match: 0,
      befriending_call: 0,
      referral: 2,
      attendance: 1,
      measure_response: 1,
      referral_event: 1,
    });
    const referral = after!.tables.find((t) => t.table === "referral")!.rows.find((r) => r.id === s.stale.referralId)!;
    expect(referral).toMatchObject({ support_notes: null, caseworker_id: null, status: "attending" });
    const response = after!.tables.find((t) => t.table === "measure_response")!.rows[0];
    expect(response.answers).toEqual({});
    expect(response.scores).not.toEqual({});
    expect(await db.selectFrom("case_note").select("id").where("person_id", "=", s.bare).execute()).toEqual([]);
    const selfReferrals = await db.selectFrom("self_referral").select("id").where("person_id", "is", null).execute();
    expect(selfReferrals.map((r) => r.id)).toEqual([s.newSelf]);
    // Everyone else is as they were (the exports' own audit rows aside).
    const strip = (x: typeof recentBefore) => x!.tables;
    expect(strip(await subjectAccessExport(testDb(), actor, s.recent.personId, "json"))).toEqual(strip(recentBefore));
    expect(strip(await subjectAccessExport(testDb(), actor, s.consented.personId, "json"))).toEqual(
      strip(consentedBefore),
    );
  });

  it("keeps audit rows with the people's references pseudonymised, the same person always the same pseudonym", async () => {
    const s = await scenario();
    const recentAudit = await db()
      .selectFrom("audit_event")
      .selectAll()
      .where("person_id", "=", s.recent.personId)
      .orderBy("id")
      .execute();
    const total = (await db().selectFrom("audit_event").select("id").execute()).length;
    await applyRetention(db(), CUTOFF, KEY);
    const text = await auditText();
    for (const id of [s.stale.personId, s.stale.mergedId, s.oldSelf]) expect(text).not.toContain(id);
    const p = auditPseudonym(KEY, s.stale.personId);
    const m = auditPseudonym(KEY, s.stale.mergedId);
    const rows = await db().selectFrom("audit_event").selectAll().orderBy("id").execute();
    // Kept: every row, plus the run's own.
    expect(rows).toHaveLength(total + 1);
    const read = rows.find((r) => r.action === "person.read" && r.person_id === p)!;
    expect(read.entity_id).toBe(p);
    expect(rows.find((r) => r.action === "person.listed" && r.person_id === m)?.entity_id).toBe(m);
    expect(rows.find((r) => r.action === "access.denied")?.details).toEqual({ path: `/people/${p}` });
    expect(rows.find((r) => r.action === "person.merge")?.details).toEqual({ kept: p, merged: m });
    expect(rows.find((r) => r.action === "triage.read")?.entity_id).toBe(auditPseudonym(KEY, s.oldSelf));
    // Other people's rows are untouched.
    expect(rows.filter((r) => r.person_id === s.recent.personId)).toEqual(recentAudit);
    const run = rows.at(-1)!;
    expect(run).toMatchObject({ action: "retention.apply", person_id: null, entity_id: null });
    expect(run.details).toMatchObject({ cutoff: CUTOFF, people: 2, auditRows: 5 });
    // A second run finds nobody new and changes no pseudonym.
    const again = await applyRetention(db(), CUTOFF, KEY);
    expect(again).toMatchObject({ people: 0, records: 0, unlinkedSelfReferrals: 0 });
    expect(await auditText()).toBe(text);
    expect(auditPseudonym(KEY, s.stale.personId)).toBe(p);
    expect(auditPseudonym("another key of at least thirty-two characters", s.stale.personId)).not.toBe(p);
  });

  it("leaves the outcome figures exactly as they were", async () => {
    await scenario();
    const now = new Date("2025-01-15T12:00:00Z");
    const figures = async () => {
      await refreshOutcomeSummaries(db(), { now });
      return db().selectFrom("outcome_summary").selectAll().orderBy("period_key").orderBy("view_key").execute();
    };
    const before = await figures();
    expect(before.length).toBeGreaterThan(0);
    expect(JSON.stringify(before)).toContain('"2016');
    await applyRetention(db(), CUTOFF, KEY);
    expect(await figures()).toEqual(before);
  });

  it("the audit trail still refuses any other change, even to its owner asking for pseudonyms", async () => {
    const s = await scenario();
    const trail = await auditText();
    const attempt = (change: ReturnType<typeof sql>) =>
      db()
        .transaction()
        .execute(async (trx) => {
          await sql`select set_config('connect_well.pseudonymise_audit', 'on', true)`.execute(trx);
          await change.execute(trx);
        });
    await expect(attempt(sql`update audit_event set action = 'person.nothing'`)).rejects.toThrow(/append-only/);
    await expect(attempt(sql`delete from audit_event`)).rejects.toThrow(/append-only/);
    // Without asking, not even the person reference may change.
    await expect(
      sql`update audit_event set person_id = null where person_id = ${s.stale.personId}::uuid`.execute(db()),
    ).rejects.toThrow(/append-only/);
    // The app's role may not update audit rows at all.
    await expect(
      db()
        .connection()
        .execute(async (c) => {
          await sql`set role connect_well_app`.execute(c);
          try {
            await sql`select set_config('connect_well.pseudonymise_audit', 'on', false)`.execute(c);
            await sql`update audit_event set person_id = null where person_id = ${s.stale.personId}::uuid`.execute(c);
          } finally {
            await sql`reset role`.execute(c);
            await sql`select set_config('connect_well.pseudonymise_audit', 'off', false)`.execute(c);
          }
        }),
    ).rejects.toThrow(/permission denied/);
    expect(await auditText()).toBe(trail);
  });
});

function db() {
  return testDb();
}
