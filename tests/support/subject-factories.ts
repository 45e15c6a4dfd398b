import { sql } from "kysely";
import { testDb } from "./db";
import { makeUser } from "./factories";
import {
  outcomeActivity,
  outcomePerson,
  outcomeReferral,
  outcomeResponse,
  outcomeSession,
  ucla,
} from "./outcome-factories";

// A person with at least one row in every table that refers to a person (directly or through a referral), plus a
// record merged into them, for the subject access and retention tests. `at` dates every fact ('YYYY-MM-DD').

let n = 0;

export interface FullSubject {
  personId: string;
  mergedId: string;
  referralId: string;
  staffId: string;
}

export async function makeFullSubject(
  opts: { at?: string; district?: string; dob?: string } = {},
): Promise<FullSubject> {
  n += 1;
  const at = opts.at ?? "2024-03-04";
  const db = testDb();
  const staff = await makeUser("prescriber");
  const person = await outcomePerson({ district: opts.district ?? "melton", dob: opts.dob ?? "1950-05-20" });
  await db
    .updateTable("person")
    .set({
      nhs_number: null,
      phone: "07700 900123",
      postcode: "LE13 1AA",
      created_at: `${at}T09:00:00Z`,
      updated_at: `${at}T09:00:00Z`,
    })
    .where("id", "=", person.id)
    .execute();
  const merged = await outcomePerson({ district: opts.district ?? "melton", dob: opts.dob ?? "1950-05-20" });
  await db
    .updateTable("person")
    .set({
      merged_into_id: person.id,
      merged_at: `${at}T09:30:00Z`,
      created_at: `${at}T08:00:00Z`,
      updated_at: `${at}T09:30:00Z`,
    })
    .where("id", "=", merged.id)
    .execute();
  const activity = await outcomeActivity({ category: "befriending" });
  const referralId = await outcomeReferral(person.id, {
    activityId: activity.id,
    received: `${at}T10:00:00Z`,
    status: "attending",
    contactedAt: `${at}T11:00:00Z`,
    respondedAt: `${at}T12:00:00Z`,
    firstAttendedOn: at,
    acceptedEvent: true,
    needs: ["loneliness"],
  });
  // A referral of the merged record, as merges leave them.
  await outcomeReferral(merged.id, { received: `${at}T09:15:00Z`, status: "received" });
  await db
    .updateTable("referral")
    .set({ support_notes: `Support notes ${n}`, caseworker_id: staff.id, created_at: `${at}T10:00:00Z` })
    .where("id", "=", referralId)
    .execute();
  await db
    .updateTable("referral")
    .set({ updated_at: `${at}T16:00:00Z` })
    .where("person_id", "in", [person.id, merged.id])
    .execute();
  await db.insertInto("care_team_member").values({ person_id: person.id, user_id: staff.id }).execute();
  await db
    .insertInto("break_glass_access")
    .values({ person_id: person.id, user_id: staff.id, reason: "Covering a colleague's caseload this week" })
    .execute();
  await db
    .insertInto("person_consent")
    .values({ person_id: person.id, kind: "volunteer_contact", given: true, recorded_at: `${at}T10:05:00Z` })
    .execute();
  await db
    .insertInto("case_note")
    .values({ person_id: person.id, body: `A private note ${n}`, author_id: staff.id, created_at: `${at}T10:10:00Z` })
    .execute();
  await db
    .insertInto("self_referral")
    .values({
      given_name: "Self",
      family_name: `Referrer${n}`,
      client_key: `client-${n}`,
      status: "linked",
      person_id: person.id,
      received_at: `${at}T08:30:00Z`,
    })
    .execute();
  await outcomeSession(activity.id, at, [{ referralId, personId: person.id, status: "present" }]);
  await db
    .updateTable("attendance")
    .set({ recorded_at: `${at}T13:00:00Z` })
    .where("referral_id", "=", referralId)
    .execute();
  await outcomeResponse(person.id, referralId, "ucla3", "baseline", at, ucla(7));
  await db
    .updateTable("measure_response")
    .set({ recorded_at: `${at}T13:30:00Z`, recorded_by: staff.id })
    .where("referral_id", "=", referralId)
    .execute();
  await db
    .insertInto("measure_self_session")
    .values({
      person_id: person.id,
      referral_id: referralId,
      instrument_codes: ["ucla3"],
      time_point: "baseline",
      created_by: staff.id,
      created_at: `${at}T13:40:00Z`,
      expires_at: `${at}T14:40:00Z`,
    })
    .execute();
  const volunteer = await db
    .insertInto("volunteer")
    .values({ provider_id: activity.providerId, name: `Volunteer ${n}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const match = await db
    .insertInto("befriending_match")
    .values({ referral_id: referralId, volunteer_id: volunteer.id, started_on: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("befriending_call")
    .values({ match_id: match.id, call_date: at, outcome: "done", recorded_at: `${at}T15:00:00Z` })
    .execute();
  // Something staff did with the record, in its access history.
  await db
    .insertInto("audit_event")
    .values([
      {
        actor_user_id: staff.id,
        actor_role: "prescriber",
        action: "person.read",
        entity_type: "person",
        entity_id: person.id,
        person_id: person.id,
        occurred_at: `${at}T10:20:00Z`,
      },
      {
        actor_user_id: staff.id,
        actor_role: "prescriber",
        action: "person.listed",
        entity_type: "person",
        entity_id: merged.id,
        person_id: merged.id,
        details: JSON.stringify({ list: "person.search" }),
        occurred_at: `${at}T08:45:00Z`,
      },
    ])
    .execute();
  return { personId: person.id, mergedId: merged.id, referralId, staffId: staff.id };
}

/** Row counts of every table in the public schema, for "changed nothing" checks. */
export async function tableCounts(): Promise<Record<string, number>> {
  const db = testDb();
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = 'public' order by tablename`.execute(db);
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const c = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(r.tablename)}`.execute(db);
    counts[r.tablename] = Number(c.rows[0].n);
  }
  return counts;
}
