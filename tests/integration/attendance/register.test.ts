import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { saveRegister } from "../../../app/attendance/register.server";
import { ConflictError, RefusedError } from "~/errors";
import {
  action as registerAction,
  loader as registerLoader,
} from "../../../app/routes/activities.$activityId.sessions.$sessionId";
import { useTestDatabase, testDb } from "../../support/db";
import { makeActivity, makeLead, makeReferral, makeSession } from "../../support/directory-factories";
import { context, signedIn } from "../../support/factories";

useTestDatabase();

const actor = (userId: string) => ({ userId, role: "activity_lead", requestId: "test" });
const TODAY = "2026-11-25";

async function setup() {
  const lead = await signedIn("activity_lead");
  const activity = await makeActivity();
  await makeLead(activity.id, lead.user.id);
  const a = await makeReferral(activity.id, { status: "accepted" });
  const b = await makeReferral(activity.id, { status: "attending" });
  const session = await makeSession(activity.id, { date: "2026-11-24" });
  return { lead, activity, a, b, session };
}

const attendanceRows = (sessionId: string) =>
  testDb().selectFrom("attendance").selectAll().where("session_id", "=", sessionId).orderBy("referral_id").execute();

describe("saving a register", () => {
  it("saves marks and drop-ins all at once, bumps the version and moves a first attendance to attending", async () => {
    const { lead, activity, a, b, session } = await setup();
    const out = await saveRegister(
      testDb(),
      actor(lead.user.id),
      activity.id,
      session.id,
      {
        marks: { [a.id]: "present", [b.id]: "absent" },
        otherAttendees: 6,
        registerVersion: 0,
        idempotencyKey: randomUUID(),
      },
      TODAY,
    );
    expect(out).toMatchObject({
      kind: "saved",
      registerVersion: 1,
      counts: { present: 1, absent: 1, excused: 0 },
      otherAttendees: 6,
    });
    expect((await attendanceRows(session.id)).map((r) => [r.referral_id, r.status]).sort()).toEqual(
      [
        [a.id, "present"],
        [b.id, "absent"],
      ].sort(),
    );
    const s = await testDb()
      .selectFrom("activity_session")
      .selectAll()
      .where("id", "=", session.id)
      .executeTakeFirstOrThrow();
    expect(s).toMatchObject({ other_attendees: 6, register_version: 1, status: "held" });
    const ref = await testDb()
      .selectFrom("referral")
      .select(["status", "first_attended_on"])
      .where("id", "=", a.id)
      .executeTakeFirstOrThrow();
    expect(ref).toEqual({ status: "attending", first_attended_on: "2026-11-24" });
    const audits = await testDb()
      .selectFrom("audit_event")
      .select(["action", "details"])
      .where("action", "=", "register.save")
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0].details)).not.toMatch(/Given|Family/);
  });

  it("lets exactly one of two concurrent saves of the same version win; the other gets a conflict and nothing is mixed", async () => {
    const { lead, activity, a, b, session } = await setup();
    const results = await Promise.allSettled([
      saveRegister(
        testDb(),
        actor(lead.user.id),
        activity.id,
        session.id,
        {
          marks: { [a.id]: "present", [b.id]: "present" },
          otherAttendees: 5,
          registerVersion: 0,
          idempotencyKey: randomUUID(),
        },
        TODAY,
      ),
      saveRegister(
        testDb(),
        actor(lead.user.id),
        activity.id,
        session.id,
        {
          marks: { [a.id]: "absent", [b.id]: "excused" },
          otherAttendees: 40,
          registerVersion: 0,
          idempotencyKey: randomUUID(),
        },
        TODAY,
      ),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const s = await testDb()
      .selectFrom("activity_session")
      .select(["register_version", "other_attendees"])
      .where("id", "=", session.id)
      .executeTakeFirstOrThrow();
    expect(s.register_version).toBe(1);
    const rows = await attendanceRows(session.id);
    const statuses = rows.map((r) => r.status).sort();
    // The winner's register, whole: either both present with 5 others, or absent+excused with 40.
    expect(s.other_attendees === 5 ? ["present", "present"] : ["absent", "excused"]).toEqual(statuses);
  });

  it("records a double submit once: the same key again is answered as saved without a second write", async () => {
    const { lead, activity, a, session } = await setup();
    const key = randomUUID();
    const input = { marks: { [a.id]: "present" as const }, otherAttendees: 2, registerVersion: 0, idempotencyKey: key };
    await saveRegister(testDb(), actor(lead.user.id), activity.id, session.id, input, TODAY);
    const again = await saveRegister(testDb(), actor(lead.user.id), activity.id, session.id, input, TODAY);
    expect(again.kind).toBe("already-saved");
    const s = await testDb()
      .selectFrom("activity_session")
      .select("register_version")
      .where("id", "=", session.id)
      .executeTakeFirstOrThrow();
    expect(s.register_version).toBe(1);
    expect(
      await testDb().selectFrom("audit_event").select("id").where("action", "=", "register.save").execute(),
    ).toHaveLength(1);
  });

  it("refuses a cancelled session, a future session and a person not referred to the activity, saving nothing", async () => {
    const { lead, activity, a, session } = await setup();
    const other = await makeActivity();
    const stranger = await makeReferral(other.id, { status: "accepted" });
    const cancelled = await makeSession(activity.id, { date: "2026-11-20", status: "cancelled" });
    const future = await makeSession(activity.id, { date: "2026-12-01" });
    const save = (sessionId: string, marks: Record<string, "present">) =>
      saveRegister(
        testDb(),
        actor(lead.user.id),
        activity.id,
        sessionId,
        { marks, otherAttendees: 0, registerVersion: 0, idempotencyKey: randomUUID() },
        TODAY,
      );
    await expect(save(cancelled.id, { [a.id]: "present" })).rejects.toThrow(/cancelled/);
    await expect(save(future.id, { [a.id]: "present" })).rejects.toThrow(/not happened yet/);
    await expect(save(session.id, { [a.id]: "present", [stranger.id]: "present" })).rejects.toBeInstanceOf(
      RefusedError,
    );
    expect(await testDb().selectFrom("attendance").select("session_id").execute()).toHaveLength(0);
    const ref = await testDb().selectFrom("referral").select("status").where("id", "=", a.id).executeTakeFirstOrThrow();
    expect(ref.status).toBe("accepted");
  });
});

describe("the register page", () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it("answers a stale save with 409 and the submitted marks kept", async () => {
    const { lead, activity, a, session } = await setup();
    await saveRegister(
      testDb(),
      actor(lead.user.id),
      activity.id,
      session.id,
      { marks: { [a.id]: "present" }, otherAttendees: 1, registerVersion: 0, idempotencyKey: randomUUID() },
      "2099-01-01",
    );
    const request = new Request(`http://localhost/activities/${activity.id}/sessions/${session.id}`, {
      method: "POST",
      headers: { Cookie: lead.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: form({
        registerVersion: "0",
        idempotencyKey: randomUUID(),
        [`mark-${a.id}`]: "excused",
        otherAttendees: "9",
      }),
    });
    const res = (await registerAction({
      request,
      params: { activityId: activity.id, sessionId: session.id },
      context: context(),
    } as never)) as { init: { status: number }; data: { values: Record<string, string> } };
    expect(res.init.status).toBe(409);
    expect(res.data.values[`mark-${a.id}`]).toBe("excused");
    expect(res.data.values.otherAttendees).toBe("9");
  });

  type Answer = {
    errors: Record<string, string> | null;
    saved: unknown;
    theirs: { version: number; savedBy: string | null; otherAttendees: number; marks: Record<string, string | null> };
  };
  /** The action's answer as the page reads it: a plain object on success, a response with a status otherwise. */
  const post = async (cookie: string, activityId: string, sessionId: string, fields: Record<string, string>) => {
    const res = (await registerAction({
      request: new Request(`http://localhost/activities/${activityId}/sessions/${sessionId}`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: form(fields),
      }),
      params: { activityId, sessionId },
      context: context(),
    } as never)) as Answer | { init: { status: number }; data: Answer };
    return "init" in res ? { status: res.init.status, data: res.data } : { status: 200, data: res };
  };

  it("after someone saved first, shows their marks beside the lead's own, and a second save carries the version shown", async () => {
    const { lead, activity, a, b, session } = await setup();
    const coLead = await signedIn("activity_lead");
    await makeLead(activity.id, coLead.user.id);
    const coLeadName = (
      await testDb()
        .selectFrom("app_user")
        .select("display_name")
        .where("id", "=", coLead.user.id)
        .executeTakeFirstOrThrow()
    ).display_name;
    // Both opened version 0; the co-lead saves first.
    const first = await post(coLead.cookie, activity.id, session.id, {
      registerVersion: "0",
      idempotencyKey: randomUUID(),
      [`mark-${a.id}`]: "present",
      [`mark-${b.id}`]: "absent",
      otherAttendees: "4",
    });
    expect(first.data.saved).toMatchObject({ kind: "saved", registerVersion: 1 });
    const key = randomUUID();
    const mine = { [`mark-${a.id}`]: "present", [`mark-${b.id}`]: "present", otherAttendees: "6" };
    const refused = await post(lead.cookie, activity.id, session.id, {
      registerVersion: "0",
      idempotencyKey: key,
      ...mine,
    });
    expect(refused.status).toBe(409);
    // Their register as saved, by name, with the version it was read at.
    expect(refused.data.theirs).toMatchObject({ version: 1, savedBy: coLeadName, otherAttendees: 4 });
    expect(refused.data.theirs.marks).toEqual({ [a.id]: "present", [b.id]: "absent" });
    // Each row that differs is named at its field; a row where both agree is not.
    expect(refused.data.errors?.[`mark-${b.id}`]).toMatch(/saved absent, you chose present/);
    expect(refused.data.errors?.[`mark-${a.id}`]).toBeUndefined();
    expect(refused.data.errors?.otherAttendees).toMatch(/saved 4 other people, you entered 6/);
    expect(refused.data.errors?.form).toContain(coLeadName);
    // Nothing of the refused save was written.
    expect((await attendanceRows(session.id)).find((r) => r.referral_id === b.id)?.status).toBe("absent");

    // The co-lead corrects the register again before the lead decides: the lead's choice, made on version 1,
    // must not overwrite a version 2 they have not seen.
    await post(coLead.cookie, activity.id, session.id, {
      registerVersion: "1",
      idempotencyKey: randomUUID(),
      [`mark-${a.id}`]: "excused",
      [`mark-${b.id}`]: "absent",
      otherAttendees: "4",
    });
    const stale = await post(lead.cookie, activity.id, session.id, {
      registerVersion: String(refused.data.theirs.version),
      idempotencyKey: key,
      ...mine,
    });
    expect(stale.status).toBe(409);
    expect(stale.data.theirs).toMatchObject({ version: 2, marks: { [a.id]: "excused", [b.id]: "absent" } });

    // Having now seen version 2, the lead keeps their own marks on purpose.
    const kept = await post(lead.cookie, activity.id, session.id, {
      registerVersion: String(stale.data.theirs.version),
      idempotencyKey: key,
      ...mine,
    });
    expect(kept.data.saved).toMatchObject({ kind: "saved", registerVersion: 3 });
    expect((await attendanceRows(session.id)).map((r) => r.status)).toEqual(["present", "present"]);
  });

  it("gives another activity's lead the same 404 as a missing session, and audits the attempt as denied", async () => {
    const { activity, session } = await setup();
    const otherLead = await signedIn("activity_lead");
    const call = (activityId: string, sessionId: string) =>
      registerLoader({
        request: new Request(`http://localhost/activities/${activityId}/sessions/${sessionId}`, {
          headers: { Cookie: otherLead.cookie },
        }),
        params: { activityId, sessionId },
        context: context(),
      } as never).catch((e) => e);
    const theirs = await call(activity.id, session.id);
    const missing = await call(randomUUID(), randomUUID());
    expect(theirs.init.status).toBe(404);
    expect(missing.init.status).toBe(404);
    expect(theirs.data).toEqual(missing.data);
    const denied = await testDb()
      .selectFrom("audit_event")
      .select(["action", "outcome", "entity_id"])
      .where("actor_user_id", "=", otherLead.user.id)
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.map((d) => d.entity_id)).toContain(activity.id);
    expect(
      await testDb()
        .selectFrom("audit_event")
        .select("id")
        .where("actor_user_id", "=", otherLead.user.id)
        .where("action", "=", "register.view")
        .where("outcome", "=", "ok")
        .execute(),
    ).toHaveLength(0);
  });

  it("shows the lead only register fields for the people referred, auditing each person shown", async () => {
    const { lead, activity, a, b, session } = await setup();
    const res = (await registerLoader({
      request: new Request(`http://localhost/x`, { headers: { Cookie: lead.cookie } }),
      params: { activityId: activity.id, sessionId: session.id },
      context: context(),
    } as never)) as Awaited<ReturnType<typeof registerLoader>>;
    expect(res.people.map((p) => p.referralId).sort()).toEqual([a.id, b.id].sort());
    expect(Object.keys(res.people[0]).sort()).toEqual([
      "accessNeeds",
      "barriers",
      "communicationNeeds",
      "email",
      "firstVisit",
      "mark",
      "name",
      "notes",
      "phone",
      "preferred",
      "preferredContact",
      "referralId",
    ]);
    // The register's own row, and each person shown as listed on it (docs/decisions/0781).
    const views = await testDb()
      .selectFrom("audit_event")
      .select(["action", "person_id", "entity_id", "actor_user_id", "details"])
      .where("action", "in", ["register.view", "person.listed"])
      .execute();
    expect(views.find((v) => v.action === "register.view")).toMatchObject({
      actor_user_id: lead.user.id,
      entity_id: session.id,
      details: { activityId: activity.id, rows: 2 },
    });
    const listed = views.filter((v) => v.action === "person.listed");
    expect(listed.map((v) => v.person_id).sort()).toEqual([a.person_id, b.person_id].sort());
    expect(listed.map((v) => v.entity_id).sort()).toEqual([a.id, b.id].sort());
    for (const v of listed)
      expect(v).toMatchObject({ actor_user_id: lead.user.id, details: { list: "register.view" } });
    // In name order, as the lead reads the register out.
    const names = res.people.map((p) => p.name);
    expect(names).toEqual(
      [...names].sort((x, y) => x.split(" ").reverse().join(" ").localeCompare(y.split(" ").reverse().join(" "))),
    );
  });

  it("shows the lead the referrer's notes for the provider and the barriers in plain words, never the needs or codes", async () => {
    const { lead, activity, a, session } = await setup();
    await testDb()
      .updateTable("referral")
      .set({ support_notes: "Needs the Fox Connect bus", needs: ["low_mood", "loneliness"], barriers: ["transport"] })
      .where("id", "=", a.id)
      .execute();
    const res = (await registerLoader({
      request: new Request(`http://localhost/x`, { headers: { Cookie: lead.cookie } }),
      params: { activityId: activity.id, sessionId: session.id },
      context: context(),
    } as never)) as Awaited<ReturnType<typeof registerLoader>>;
    const person = res.people.find((p) => p.referralId === a.id)!;
    expect(person.notes).toBe("Needs the Fox Connect bus");
    expect(person.barriers).toEqual(["Transport (for example, needs the on-demand bus)"]);
    expect(JSON.stringify(res)).not.toMatch(/low_mood|Low mood|transport"/);
  });

  it("shows no one and audits no one for a session that is not one of the activity's", async () => {
    const { lead, activity } = await setup();
    const elsewhere = await makeSession((await makeActivity()).id, { date: "2026-11-24" });
    for (const sessionId of [randomUUID(), elsewhere.id]) {
      const res = await registerLoader({
        request: new Request(`http://localhost/x`, { headers: { Cookie: lead.cookie } }),
        params: { activityId: activity.id, sessionId },
        context: context(),
      } as never).catch((e) => e);
      expect(res.init.status).toBe(404);
    }
    // Each attempt is audited as denied, and no one as shown.
    const rows = await testDb()
      .selectFrom("audit_event")
      .select(["outcome", "person_id"])
      .where("action", "=", "register.view")
      .execute();
    expect(rows).toEqual([
      { outcome: "denied", person_id: null },
      { outcome: "denied", person_id: null },
    ]);
  });

  it("saves two sessions of one activity at once when both promote the same people, without deadlock or error", async () => {
    const { lead, activity, session } = await setup();
    const other = await makeSession(activity.id, { date: "2026-11-23" });
    const refs = await Promise.all([1, 2, 3, 4, 5, 6].map(() => makeReferral(activity.id, { status: "accepted" })));
    const ids = refs.map((r) => r.id);
    const marks = (order: string[]) => Object.fromEntries(order.map((id) => [id, "present" as const]));
    const results = await Promise.allSettled([
      saveRegister(
        testDb(),
        actor(lead.user.id),
        activity.id,
        session.id,
        { marks: marks(ids), otherAttendees: 0, registerVersion: 0, idempotencyKey: randomUUID() },
        TODAY,
      ),
      saveRegister(
        testDb(),
        actor(lead.user.id),
        activity.id,
        other.id,
        { marks: marks([...ids].reverse()), otherAttendees: 0, registerVersion: 0, idempotencyKey: randomUUID() },
        TODAY,
      ),
    ]);
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : r.status))).toEqual([
      "fulfilled",
      "fulfilled",
    ]);
    const statuses = await testDb().selectFrom("referral").select("status").where("id", "in", ids).execute();
    expect(statuses.every((r) => r.status === "attending")).toBe(true);
    // Each referral moved to attending exactly once.
    const events = await testDb()
      .selectFrom("referral_event")
      .select("referral_id")
      .where("referral_id", "in", ids)
      .where("to_status", "=", "attending")
      .execute();
    expect(events).toHaveLength(ids.length);
  });
});
