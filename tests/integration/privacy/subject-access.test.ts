import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { searchSubjects, subjectAccessExport } from "../../../app/people/subject-access.server";
import { subjectTables } from "../../../app/people/subject-tables.server";
import { testDb, useTestDatabase } from "../../support/db";
import { makeUser } from "../../support/factories";
import { makeFullSubject } from "../../support/subject-factories";

useTestDatabase();

/**
 * The tables whose rows are about a person, read from the schema: `person`, then every table with a foreign key to
 * a table already in the set (a referral is the person's, so its events, attendance and questionnaires are too).
 */
async function tablesReferringToPerson(): Promise<string[]> {
  const { rows } = await sql<{ child: string; parent: string }>`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'`.execute(testDb());
  const found = new Set(["person"]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (found.has(r.parent) && !found.has(r.child)) {
        found.add(r.child);
        grew = true;
      }
    }
  }
  return [...found].sort();
}

const admin = async () => {
  const u = await makeUser("admin");
  return { userId: u.id, role: "admin", requestId: "r-sar" };
};

describe("subject access export", () => {
  it("covers every table that refers to a person, by the schema's foreign keys", async () => {
    const schemaTables = await tablesReferringToPerson();
    // Sanity: the walk reaches tables only linked through a referral and a befriending match.
    expect(schemaTables).toEqual(expect.arrayContaining(["referral", "referral_event", "befriending_call"]));
    const covered: string[] = subjectTables.map((t) => t.table).sort();
    const missing = schemaTables.filter((t) => !covered.includes(t));
    expect(missing, `tables referring to a person but not in the export (app/people/subject-tables.server.ts)`).toEqual(
      [],
    );
    expect(covered.filter((t) => !schemaTables.includes(t))).toEqual([]);
  });

  it("exports every row held about the person and their merged record, and nobody else's", async () => {
    const subject = await makeFullSubject();
    const other = await makeFullSubject();
    const actor = await admin();
    // Asking by the merged record finds the survivor and everything of both.
    const out = await subjectAccessExport(testDb(), actor, subject.mergedId, "json");
    expect(out).not.toBeNull();
    expect(out!.subject).toEqual({
      personId: subject.personId,
      recordIds: [subject.personId, subject.mergedId],
    });
    for (const t of out!.tables) {
      expect(t.rows.length, `${t.table} rows`).toBeGreaterThan(0);
      expect(JSON.stringify(t.rows)).not.toContain(other.personId);
      expect(JSON.stringify(t.rows)).not.toContain(other.referralId);
    }
    const byTable = Object.fromEntries(out!.tables.map((t) => [t.table, t.rows]));
    expect(byTable.person.map((p) => p.id)).toEqual([subject.mergedId, subject.personId]);
    expect(byTable.referral).toHaveLength(2);
    expect(byTable.case_note[0].body).toMatch(/A private note/);
    // Every count the schema holds for the person, table by table.
    for (const t of subjectTables) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(t.table)} t where ${t.about([subject.personId, subject.mergedId])}`.execute(
        testDb(),
      );
      expect(byTable[t.table]).toHaveLength(Number(rows[0].n));
    }
  });

  it("includes the full access history, ending with the export itself, which is audited", async () => {
    const subject = await makeFullSubject();
    const actor = await admin();
    const out = await subjectAccessExport(testDb(), actor, subject.personId, "html");
    const actions = out!.accessHistory.map((h) => h.action);
    expect(actions).toEqual(["person.listed", "person.read", "person.export"]);
    expect(out!.accessHistory[0]).toMatchObject({
      actorUserId: subject.staffId,
      actorRole: "prescriber",
      entityId: subject.mergedId,
      details: { list: "person.search" },
    });
    expect(out!.accessHistory[0].actorName).toMatch(/Test prescriber/);
    const audit = await testDb()
      .selectFrom("audit_event")
      .selectAll()
      .where("action", "=", "person.export")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_user_id: actor.userId, person_id: subject.personId, request_id: "r-sar" });
    expect(audit.details).toMatchObject({ format: "html", records: 2, rows: { referral: 2, case_note: 1 } });
  });

  it("answers null and writes nothing for a person that does not exist", async () => {
    const actor = await admin();
    const out = await subjectAccessExport(testDb(), actor, "00000000-0000-4000-8000-000000000000", "json");
    expect(out).toBeNull();
    const rows = await testDb().selectFrom("audit_event").select("id").execute();
    expect(rows).toHaveLength(0);
  });

  it("finds the person by NHS number or by family name and date of birth, as the surviving record, audited", async () => {
    const subject = await makeFullSubject({ dob: "1951-02-03" });
    await testDb().updateTable("person").set({ nhs_number: "9434765919" }).where("id", "=", subject.mergedId).execute();
    const actor = await admin();
    const byNhs = await searchSubjects(testDb(), actor, { nhsNumber: "9434765919" });
    expect(byNhs.map((c) => c.id)).toEqual([subject.personId]);
    expect(byNhs[0].mergedRecords).toBe(1);
    const family = (
      await testDb()
        .selectFrom("person")
        .select("family_name")
        .where("id", "=", subject.personId)
        .executeTakeFirstOrThrow()
    ).family_name;
    const byName = await searchSubjects(testDb(), actor, {
      familyName: family.toUpperCase(),
      dateOfBirth: "1951-02-03",
    });
    expect(byName.map((c) => c.id)).toEqual([subject.personId]);
    expect(await searchSubjects(testDb(), actor, { familyName: family, dateOfBirth: "1951-02-04" })).toEqual([]);
    const rows = await testDb()
      .selectFrom("audit_event")
      .select(["action", "person_id", "details"])
      .where("actor_user_id", "=", actor.userId)
      .orderBy("id")
      .execute();
    expect(rows.filter((r) => r.action === "person.listed").map((r) => r.person_id)).toEqual([
      subject.personId,
      subject.personId,
    ]);
    // The search terms are never written down.
    expect(JSON.stringify(rows)).not.toContain("9434765919");
    expect(JSON.stringify(rows).toLowerCase()).not.toContain(family.toLowerCase());
  });
});
