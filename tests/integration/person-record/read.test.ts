import { describe, expect, it } from "vitest";
import { readPersonRecord } from "~/person-record/read.server";
import { recordMeasure } from "~/measures/record.server";
import { addDays, londonDate } from "~/calendar";
import { useTestDatabase, testDb } from "../../support/db";
import { makeUser } from "../../support/factories";
import { actor, makeReferral, UCLA_LONELY } from "../../support/measures-factories";

useTestDatabase();

const today = londonDate(new Date());
const at = (iso: string) => new Date(iso);

/** One person with something in every list the person page shows. */
async function personWithHistory() {
  const db = testDb();
  const worker = await makeUser("prescriber");
  const outsider = await makeUser("prescriber");
  const ref = await makeReferral({
    receivedAt: at("2026-09-01T09:15:00.123Z"),
    firstAttendedOn: addDays(today, -50),
    caseworkerId: worker.id,
  });
  await db
    .updateTable("referral")
    .set({ needs: ["loneliness", "transport"] })
    .where("id", "=", ref.referralId)
    .execute();
  await db
    .insertInto("care_team_member")
    .values({ person_id: ref.personId, user_id: worker.id, added_at: at("2026-09-02T10:00:00Z") })
    .execute();
  await db
    .insertInto("person_consent")
    .values([
      { person_id: ref.personId, kind: "volunteer_contact", given: false, recorded_at: at("2026-09-01T09:00:00Z") },
      { person_id: ref.personId, kind: "volunteer_contact", given: true, recorded_at: at("2026-09-03T11:30:00Z") },
    ])
    .execute();
  await db
    .insertInto("referral_event")
    .values({
      referral_id: ref.referralId,
      from_status: null,
      to_status: "sent",
      actor_id: worker.id,
      occurred_at: at("2026-09-01T09:15:00.5Z"),
    })
    .execute();
  const session = await db
    .insertInto("activity_session")
    .values({
      activity_id: ref.activityId,
      session_date: addDays(today, -50),
      start_time: "10:00",
      end_time: "11:00",
      status: "held",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("attendance")
    .values({ session_id: session.id, referral_id: ref.referralId, person_id: ref.personId, status: "present" })
    .execute();
  await db
    .insertInto("case_note")
    .values([
      {
        person_id: ref.personId,
        kind: "note",
        body: "Enjoys gardening",
        author_id: worker.id,
        created_at: at("2026-09-04T08:00:00Z"),
      },
      {
        person_id: ref.personId,
        kind: "safeguarding",
        body: "Concern",
        author_id: worker.id,
        created_at: at("2026-09-05T08:00:00Z"),
      },
    ])
    .execute();
  await recordMeasure(db, actor(worker.id), {
    personId: ref.personId,
    referralId: ref.referralId,
    instrumentCode: "ucla3",
    timePoint: "baseline",
    followUpWeek: null,
    administeredOn: addDays(today, -52),
    mode: "staff",
    answers: UCLA_LONELY,
    idempotencyKey: crypto.randomUUID(),
    wemwbsLicensed: false,
  });
  return { ref, worker, outsider, sessionDate: addDays(today, -50) };
}

describe("the person record read", () => {
  it("returns every list beside the person, with dates as dates and each value intact", async () => {
    const { ref, worker, sessionDate } = await personWithHistory();
    const record = await readPersonRecord(testDb(), { ...actor(worker.id), userId: worker.id }, ref.personId);
    if (!record || "mergedInto" in record) throw new Error("expected a record");

    expect(record.person.id).toBe(ref.personId);
    expect(record.onCareTeam).toBe(true);
    // The latest answer to each consent question, as a date.
    expect(record.consents.volunteer_contact).toEqual({ given: true, recordedAt: at("2026-09-03T11:30:00Z") });
    // Every way each member is on the team (the page folds them into one entry a member): here the worker's
    // care team row and their open referral as its caseworker. The statement sets no order: sort by when.
    expect([...record.careTeam].sort((a, b) => a.since.localeCompare(b.since))).toEqual([
      {
        id: worker.id,
        name: expect.any(String),
        role: "prescriber",
        basis: "caseworker",
        addedBy: null,
        activity: expect.any(String),
        since: "2026-09-01T09:15:00.123Z",
      },
      {
        id: worker.id,
        name: expect.any(String),
        role: "prescriber",
        basis: null,
        addedBy: null,
        activity: null,
        since: "2026-09-02T10:00:00.000Z",
      },
    ]);
    expect(record.referrals).toEqual([
      expect.objectContaining({
        id: ref.referralId,
        status: "accepted",
        receivedAt: "2026-09-01T09:15:00.123Z",
        needs: ["loneliness", "transport"],
        caseworker: expect.any(String),
      }),
    ]);

    const byKind = (kind: string) => record.timeline.filter((t) => t.kind === kind);
    expect(byKind("referral")).toEqual([
      expect.objectContaining({ at: "2026-09-01T09:15:00.500Z", href: `/referrals/${ref.referralId}` }),
    ]);
    expect(byKind("attendance")).toEqual([
      expect.objectContaining({ at: sessionDate, title: expect.stringMatching(/^Attended /) }),
    ]);
    expect(byKind("note")).toEqual([
      expect.objectContaining({ at: "2026-09-04T08:00:00.000Z", detail: "Enjoys gardening" }),
    ]);
    expect(byKind("safeguarding")).toHaveLength(1);

    // Measures: the baseline is on the timeline and in the summary, scored.
    expect(record.measureItems).toHaveLength(1);
    expect(JSON.stringify(record.measures)).toContain("ucla3");
    const audit = await testDb().selectFrom("audit_event").selectAll().where("action", "=", "person.read").execute();
    expect(audit).toEqual([
      expect.objectContaining({
        person_id: ref.personId,
        actor_user_id: worker.id,
        actor_role: "prescriber",
        request_id: actor(worker.id).requestId,
        outcome: "ok",
        entity_type: "person",
        entity_id: ref.personId,
        details: { view: "record", careTeam: true, safeguardingShown: true },
      }),
    ]);
  });

  it("leaves safeguarding concerns out for a reader who is not on the care team", async () => {
    const { ref, outsider } = await personWithHistory();
    const record = await readPersonRecord(testDb(), { ...actor(outsider.id), userId: outsider.id }, ref.personId);
    if (!record || "mergedInto" in record) throw new Error("expected a record");
    expect(record.onCareTeam).toBe(false);
    expect(record.timeline.map((t) => t.kind)).not.toContain("safeguarding");
    expect(record.timeline.map((t) => t.kind)).toContain("note");
    const audit = await testDb()
      .selectFrom("audit_event")
      .select(["actor_user_id", "details"])
      .where("action", "=", "person.read")
      .where("person_id", "=", ref.personId)
      .execute();
    expect(audit).toEqual([
      { actor_user_id: outsider.id, details: { view: "record", careTeam: false, safeguardingShown: false } },
    ]);
  });

  it("answers null for nobody, and the surviving record for a merged one", async () => {
    const reader = await makeUser("prescriber");
    expect(
      await readPersonRecord(testDb(), { ...actor(reader.id), userId: reader.id }, crypto.randomUUID()),
    ).toBeNull();
    const kept = await makeReferral();
    const gone = await makeReferral();
    await testDb()
      .updateTable("person")
      .set({ merged_into_id: kept.personId })
      .where("id", "=", gone.personId)
      .execute();
    expect(await readPersonRecord(testDb(), { ...actor(reader.id), userId: reader.id }, gone.personId)).toEqual({
      mergedInto: kept.personId,
    });
    // Neither was a read of a record: no audit row (the merged one's reader is sent on to the surviving record).
    expect(
      await testDb()
        .selectFrom("audit_event")
        .select("id")
        .where("action", "=", "person.read")
        .where("actor_user_id", "=", reader.id)
        .execute(),
    ).toEqual([]);
  });
});
