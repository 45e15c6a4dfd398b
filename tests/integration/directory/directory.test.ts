import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ensureSessions } from "../../../app/attendance/sessions.server";
import { addSchedule } from "../../../app/directory/activities.server";
import { getListing, searchDirectory } from "../../../app/directory/search.server";
import { action as newActivity } from "../../../app/routes/activities.new";
import { action as editActivity } from "../../../app/routes/activities.$activityId.edit";
import {
  action as answer,
  loader as inboundReferral,
} from "../../../app/routes/activities.$activityId.referrals.$referralId";
import { action as openRegister, loader as myActivities } from "../../../app/routes/my-activities";
import { isoWeekday, londonToday } from "~/calendar";
import { useTestDatabase, testDb } from "../../support/db";
import { makeActivity, makeLead, makeProvider, makeReferral } from "../../support/directory-factories";
import { context, signedIn } from "../../support/factories";

useTestDatabase();

const post = (cookie: string, body: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) (Array.isArray(v) ? v : [v]).forEach((x) => p.append(k, x));
  return new Request("http://localhost/x", {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: p.toString(),
  });
};
const run = async (fn: () => Promise<unknown>) => {
  try {
    const r = await fn();
    if (r instanceof Response) return { status: r.status, location: r.headers.get("Location"), data: null as never };
    const d = r as { init?: { status?: number }; data?: unknown };
    return { status: d.init?.status ?? 200, location: null, data: (d.data ?? r) as never };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, location: e.headers.get("Location"), data: null as never };
    const d = e as { init?: { status?: number }; data?: unknown };
    if (d.init?.status) return { status: d.init.status, location: null, data: d.data as never };
    throw e;
  }
};

function activityForm(providerId: string, extra: Record<string, string | string[]> = {}) {
  return {
    providerId,
    name: "Walking football",
    description: "Slow-paced football for older players.",
    categoryCode: "physical_activity",
    format: "group",
    districtCode: "melton",
    postcode: "le13 1rb",
    address: "Sports hall, Melton Mowbray",
    free: "yes",
    referralMode: "direct",
    status: "active",
    lastCheckedOn: "2026-11-01",
    transport: ["fox_connect", "bus"],
    accessibility: "wheelchair",
    transportZones: "Melton, Melton",
    ...extra,
  };
}

describe("adding and editing activities", () => {
  it("creates one activity for a double submit, normalising the postcode and zones", async () => {
    const admin = await signedIn("admin");
    const provider = await makeProvider();
    const key = randomUUID();
    const first = await run(() =>
      newActivity({
        request: post(admin.cookie, { ...activityForm(provider.id), idempotencyKey: key }),
        params: {},
        context: context(),
      } as never),
    );
    const second = await run(() =>
      newActivity({
        request: post(admin.cookie, { ...activityForm(provider.id), idempotencyKey: key }),
        params: {},
        context: context(),
      } as never),
    );
    expect(first.status).toBe(302);
    expect(second.location).toBe(first.location);
    const rows = await testDb()
      .selectFrom("activity")
      .select(["postcode", "transport", "transport_zones", "accessibility"])
      .execute();
    expect(rows).toEqual([
      {
        postcode: "LE13 1RB",
        transport: ["fox_connect", "bus"],
        transport_zones: ["Melton"],
        accessibility: ["wheelchair"],
      },
    ]);
  });

  it("refuses capacity below zero and an impossible age range at the field, keeping the input", async () => {
    const admin = await signedIn("admin");
    const provider = await makeProvider();
    const res = await run(() =>
      newActivity({
        request: post(admin.cookie, {
          ...activityForm(provider.id, { capacity: "-4", minAge: "70", maxAge: "50" }),
          idempotencyKey: randomUUID(),
        }),
        params: {},
        context: context(),
      } as never),
    );
    expect(res.status).toBe(400);
    const d = res.data as { errors: Record<string, string>; lists: Record<string, unknown> };
    expect(d.errors.capacity).toBe("Capacity cannot be below zero");
    expect(d.errors.maxAge).toMatch(/Maximum age/);
    expect(d.lists.transport).toEqual(["fox_connect", "bus"]);
    expect(await testDb().selectFrom("activity").select("id").execute()).toHaveLength(0);
  });

  it("lets a lead edit only their own activity; another's answers 404 and is audited as denied; a stale version is 409", async () => {
    const lead = await signedIn("activity_lead");
    const own = await makeActivity();
    const other = await makeActivity();
    await makeLead(own.id, lead.user.id);
    const form = { ...activityForm(own.provider_id, { name: "Renamed" }), version: "1" };
    const denied = await run(() =>
      editActivity({
        request: post(lead.cookie, { ...form, providerId: other.provider_id }),
        params: { activityId: other.id },
        context: context(),
      } as never),
    );
    expect(denied.status).toBe(404);
    expect(
      await testDb().selectFrom("audit_event").select("entity_id").where("outcome", "=", "denied").execute(),
    ).toEqual([{ entity_id: other.id }]);
    const ok = await run(() =>
      editActivity({ request: post(lead.cookie, form), params: { activityId: own.id }, context: context() } as never),
    );
    expect(ok.status).toBe(200);
    const stale = await run(() =>
      editActivity({
        request: post(lead.cookie, { ...form, name: "Second" }),
        params: { activityId: own.id },
        context: context(),
      } as never),
    );
    expect(stale.status).toBe(409);
    expect((stale.data as { values: Record<string, string> }).values.name).toBe("Second");
    expect((stale.data as { currentVersion: number }).currentVersion).toBe(2);
    expect(
      (await testDb().selectFrom("activity").select("name").where("id", "=", own.id).executeTakeFirstOrThrow()).name,
    ).toBe("Renamed");
  });
});

describe("schedules and sessions", () => {
  const actor = { userId: null, role: "admin", requestId: "t" };
  it("refuses overlapping and impossible weekly times, and generates sessions idempotently", async () => {
    const a = await makeActivity();
    await addSchedule(testDb(), actor, a.id, {
      weekday: 2,
      startTime: "10:30",
      endTime: "11:30",
      validFrom: "2026-01-01",
      validTo: null,
    });
    await expect(
      addSchedule(testDb(), actor, a.id, {
        weekday: 2,
        startTime: "11:00",
        endTime: "12:00",
        validFrom: "2026-01-01",
        validTo: null,
      }),
    ).rejects.toThrow(/overlaps/);
    await expect(
      addSchedule(testDb(), actor, a.id, {
        weekday: 3,
        startTime: "12:00",
        endTime: "11:00",
        validFrom: "2026-01-01",
        validTo: null,
      }),
    ).rejects.toThrow(/after the start/);
    await addSchedule(testDb(), actor, a.id, {
      weekday: 2,
      startTime: "11:30",
      endTime: "12:30",
      validFrom: "2026-01-01",
      validTo: null,
    });
    const db = testDb();
    expect(await ensureSessions(db, a.id, "2026-11-01", "2026-11-30")).toBe(8);
    expect(await ensureSessions(db, a.id, "2026-11-01", "2026-11-30")).toBe(0);
    const dates = await db
      .selectFrom("activity_session")
      .select("session_date")
      .distinct()
      .orderBy("session_date")
      .execute();
    expect(dates.map((d) => d.session_date)).toEqual(["2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"]);
  });
});

describe("directory search and reply figures", () => {
  it("finds by district and transport, and computes acceptance and median reply time from referrals", async () => {
    const day = 86_400_000;
    const bus = await makeActivity({ district: "hinckley_bosworth", transport: ["fox_connect"] });
    await makeActivity({ district: "hinckley_bosworth", transport: [] });
    await makeActivity({ district: "melton", transport: ["fox_connect"] });
    const now = Date.now();
    for (const [days, declined] of [
      [2, false],
      [4, false],
      [6, true],
      [10, false],
    ] as const) {
      await makeReferral(bus.id, {
        status: declined ? "declined" : "accepted",
        receivedAt: new Date(now - 30 * day),
        respondedAt: new Date(now - 30 * day + days * day),
        declinedBy: declined ? "provider" : null,
      });
    }
    await makeReferral(bus.id, { status: "received", respondedAt: null });
    const found = await searchDirectory(
      testDb(),
      { q: undefined, category: undefined, district: "hinckley_bosworth", transport: "fox_connect", access: [] },
      { sort: "name", dir: "asc", page: 1, pageSize: 20 },
      "2026-11-25",
    );
    expect(found.rows.map((r) => r.id)).toEqual([bus.id]);
    const f = (await getListing(testDb(), bus.id, "2026-11-25"))!.replies;
    expect(f).toMatchObject({ answered: 4, accepted: 3, waiting: 1 });
    expect(f.medianReplyHours).toBeCloseTo(5 * 24, 5);
  });
});

describe("inbound referrals", () => {
  it("lets the lead accept, and decline only with a reason, through the lifecycle", async () => {
    const lead = await signedIn("activity_lead");
    const a = await makeActivity();
    await makeLead(a.id, lead.user.id);
    const r1 = await makeReferral(a.id, { status: "received", respondedAt: null });
    const r2 = await makeReferral(a.id, { status: "received", respondedAt: null });
    const call = (referralId: string, body: Record<string, string>) =>
      run(() =>
        answer({
          request: post(lead.cookie, body),
          params: { activityId: a.id, referralId },
          context: context(),
        } as never),
      );
    expect((await call(r1.id, { decision: "accept", version: "1" })).status).toBe(302);
    const noReason = await call(r2.id, { decision: "decline", version: "1" });
    expect(noReason.status).toBe(400);
    expect((noReason.data as { errors: Record<string, string> }).errors.reason).toMatch(/reason/);
    expect((await call(r2.id, { decision: "decline", version: "1", reason: "Needs a women-only group" })).status).toBe(
      302,
    );
    const rows = await testDb()
      .selectFrom("referral")
      .select(["id", "status", "declined_by", "decline_reason"])
      .where("id", "in", [r1.id, r2.id])
      .execute();
    expect(rows.find((r) => r.id === r1.id)?.status).toBe("accepted");
    expect(rows.find((r) => r.id === r2.id)).toMatchObject({
      status: "declined",
      declined_by: "provider",
      decline_reason: "Needs a women-only group",
    });
  });

  it("lists on the lead's home only referrals to their own activities, flagging those over 14 days", async () => {
    const lead = await signedIn("activity_lead");
    const mine = await makeActivity();
    const theirs = await makeActivity();
    await makeLead(mine.id, lead.user.id);
    const old = await makeReferral(mine.id, {
      status: "received",
      respondedAt: null,
      receivedAt: new Date(Date.now() - 20 * 86_400_000),
    });
    await makeReferral(theirs.id, { status: "received", respondedAt: null });
    const res = (await myActivities({
      request: new Request("http://localhost/my-activities", { headers: { Cookie: lead.cookie } }),
      params: {},
      context: context(),
    } as never)) as Awaited<ReturnType<typeof myActivities>>;
    expect(res.inbound.map((r) => [r.id, r.overdue])).toEqual([[old.id, true]]);
  });
});

describe("what reaches the provider", () => {
  it("shows the lead the referrer's notes, the needs a lead may see and the barriers, in words; never NHS number or clinical needs", async () => {
    const lead = await signedIn("activity_lead");
    const a = await makeActivity();
    await makeLead(a.id, lead.user.id);
    const r = await makeReferral(a.id, { status: "received", respondedAt: null });
    await testDb()
      .updateTable("referral")
      .set({
        support_notes: "Needs the Fox Connect bus",
        needs: ["loneliness", "bereavement", "money_worries"],
        barriers: ["transport", "sensory"],
      })
      .where("id", "=", r.id)
      .execute();
    await testDb().updateTable("person").set({ preferred_contact: "phone" }).where("id", "=", r.person_id).execute();
    const res = (await inboundReferral({
      request: new Request("http://localhost/x", { headers: { Cookie: lead.cookie } }),
      params: { activityId: a.id, referralId: r.id },
      context: context(),
    } as never)) as Awaited<ReturnType<typeof inboundReferral>>;
    expect(res.fromReferrer).toEqual({
      notes: "Needs the Fox Connect bus",
      needs: ["Loneliness"],
      barriers: ["Transport (for example, needs the on-demand bus)", "Sight or hearing"],
    });
    expect(res.person.preferredContact).toBe("Phone call");
    expect(JSON.stringify(res)).not.toMatch(/bereavement|Bereavement|money|nhs/i);
  });
});

describe("opening today's register from the lead's home", () => {
  it("creates today's scheduled session once and goes to it; another lead's activity is a 404", async () => {
    const lead = await signedIn("activity_lead");
    const a = await makeActivity();
    const other = await makeActivity();
    await makeLead(a.id, lead.user.id);
    for (const id of [a.id, other.id]) {
      await testDb()
        .insertInto("activity_schedule")
        .values({
          activity_id: id,
          weekday: isoWeekday(londonToday()),
          start_time: "10:30",
          end_time: "11:30",
          valid_from: "2026-01-01",
        })
        .execute();
    }
    const home = (await myActivities({
      request: new Request("http://localhost/my-activities", { headers: { Cookie: lead.cookie } }),
      params: {},
      context: context(),
    } as never)) as Awaited<ReturnType<typeof myActivities>>;
    expect(home.sessions).toEqual([expect.objectContaining({ activityId: a.id, sessionId: null, startTime: "10:30" })]);
    const open = (activityId: string, startTime = "10:30") =>
      run(() =>
        openRegister({
          request: post(lead.cookie, { activityId, startTime }),
          params: {},
          context: context(),
        } as never),
      );
    const first = await open(a.id);
    const second = await open(a.id);
    expect(first.location).toMatch(new RegExp(`^/activities/${a.id}/sessions/[0-9a-f-]{36}$`));
    expect(second.location).toBe(first.location);
    expect((await open(a.id, "09:00")).status).toBe(400);
    expect((await open(other.id)).status).toBe(404);
    expect(await testDb().selectFrom("activity_session").select("id").execute()).toHaveLength(1);
  });
});
