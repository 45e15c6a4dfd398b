import { describe, expect, it } from "vitest";
import * as newRoute from "../../../app/routes/people.$personId.measures.new";
import * as indexRoute from "../../../app/routes/people.$personId.measures._index";
import * as detailRoute from "../../../app/routes/people.$personId.measures.$responseId";
import * as selfStart from "../../../app/routes/people.$personId.measures.self";
import * as selfStep from "../../../app/routes/measures.self.$sessionId";
import { addDays, londonDate } from "~/calendar";
import { useTestDatabase, testDb } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { makeReferral } from "../../support/measures-factories";
import { joinCareTeam } from "../../support/people-factories";

useTestDatabase();

// The refusal of an exit before the person has started, in the words the person recording sees.
const EXIT_NOT_YET =
  "An exit measure can only be recorded once the person has started or ended the activity. Record a baseline instead, or end the referral first";

const today = londonDate(new Date());

function post(url: string, cookie: string, body: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: params.toString(),
  });
}
const get = (url: string, cookie: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });

async function outcome(fn: () => Promise<unknown>) {
  try {
    const r = await fn();
    if (r instanceof Response) return { status: r.status, location: r.headers.get("Location"), body: null };
    const init = (r as { init?: { status?: number }; data?: unknown }) ?? {};
    return { status: init.init?.status ?? 200, location: null, body: (init.data ?? r) as Record<string, unknown> };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("Location"), body: null };
    const init = thrown as { init?: { status?: number } };
    if (init?.init?.status) return { status: init.init.status, location: null, body: null };
    throw thrown;
  }
}

function form(ref: { referralId: string }, over: Record<string, string> = {}) {
  const [y, m, d] = addDays(today, -1).split("-");
  return {
    idempotencyKey: crypto.randomUUID(),
    referralId: ref.referralId,
    instrumentCode: "ucla3",
    timePoint: "baseline",
    administeredOnDay: d,
    administeredOnMonth: m,
    administeredOnYear: y,
    ucla3_companionship: "3",
    ucla3_left_out: "2",
    ucla3_isolated: "2",
    ...over,
  };
}

describe("record a measure page", () => {
  it("saves, scores and redirects to the result, which shows the score", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const ref = await makeReferral();
    await joinCareTeam(ref.personId, user.id);
    const url = `/people/${ref.personId}/measures/new`;
    const res = await outcome(() =>
      newRoute.action({
        request: post(url, cookie, form(ref)),
        params: { personId: ref.personId },
        context: context(),
      }),
    );
    expect(res.status).toBe(302);
    const id = res.location!.match(/measures\/([0-9a-f-]{36})\?saved=1$/)![1];
    const detail = await outcome(() =>
      detailRoute.loader({
        request: get(`/people/${ref.personId}/measures/${id}`, cookie),
        params: { personId: ref.personId, responseId: id },
        context: context(),
      }),
    );
    expect(detail.body).toMatchObject({ record: { scores: { total: 7 }, bands: { total: "lonely" } } });
  });

  it("refuses missing items and a bad date at their fields, keeping what was entered", async () => {
    const { cookie, user } = await signedIn("coordinator");
    const ref = await makeReferral();
    await joinCareTeam(ref.personId, user.id);
    const body = form(ref, { administeredOnDay: "31", administeredOnMonth: "2", ucla3_left_out: "7" });
    delete (body as Record<string, string>).ucla3_isolated;
    const res = await outcome(() =>
      newRoute.action({
        request: post(`/people/${ref.personId}/measures/new`, cookie, body),
        params: { personId: ref.personId },
        context: context(),
      }),
    );
    expect(res.status).toBe(400);
    const errors = res.body!.errors as Record<string, string>;
    expect(Object.keys(errors)).toEqual(["administeredOn", "ucla3_left_out", "ucla3_isolated"]);
    expect(errors.ucla3_isolated).toMatch(/Select an answer for question 3/);
    expect((res.body!.values as Record<string, string>).ucla3_companionship).toBe("3");
    expect(await testDb().selectFrom("measure_response").select("id").execute()).toEqual([]);
  });

  it("refuses an exit on a referral still received at the time point field, saying what to do", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const ref = await makeReferral({ status: "received", receivedAt: new Date(Date.now() - 5 * 86_400_000) });
    await joinCareTeam(ref.personId, user.id);
    const res = await outcome(() =>
      newRoute.action({
        request: post(`/people/${ref.personId}/measures/new`, cookie, form(ref, { timePoint: "exit" })),
        params: { personId: ref.personId },
        context: context(),
      }),
    );
    expect(res.body!.errors).toEqual({ timePoint: EXIT_NOT_YET });
    expect((res.body!.values as Record<string, string>).ucla3_companionship).toBe("3");
    expect(await testDb().selectFrom("measure_response").select("id").execute()).toEqual([]);
  });

  it("refuses a second baseline at the time point field", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const ref = await makeReferral();
    await joinCareTeam(ref.personId, user.id);
    const url = `/people/${ref.personId}/measures/new`;
    await newRoute.action({
      request: post(url, cookie, form(ref)),
      params: { personId: ref.personId },
      context: context(),
    });
    const res = await outcome(() =>
      newRoute.action({
        request: post(url, cookie, form(ref)),
        params: { personId: ref.personId },
        context: context(),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body!.errors).toHaveProperty("timePoint");
  });

  it("does not offer WEMWBS unless the licence setting is on", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const ref = await makeReferral();
    await joinCareTeam(ref.personId, user.id);
    const load = async () =>
      (
        await outcome(() =>
          newRoute.loader({
            request: get(`/people/${ref.personId}/measures/new`, cookie),
            params: { personId: ref.personId },
            context: context(),
          }),
        )
      ).body as { offered: { code: string }[] };
    expect((await load()).offered.map((o) => o.code)).not.toContain("wemwbs");
    process.env.WEMWBS_LICENSED = "1";
    try {
      expect((await load()).offered.map((o) => o.code)).toContain("wemwbs");
    } finally {
      delete process.env.WEMWBS_LICENSED;
    }
  });
});

describe("measures pages", () => {
  it("answer 404 for an unknown or malformed person, and audit every read of a real one", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(
      (
        await outcome(() =>
          indexRoute.loader({
            request: get(`/people/${unknown}/measures`, cookie),
            params: { personId: unknown },
            context: context(),
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await outcome(() =>
          indexRoute.loader({
            request: get(`/people/x/measures`, cookie),
            params: { personId: "not-a-uuid" },
            context: context(),
          }),
        )
      ).status,
    ).toBe(404);
    const ref = await makeReferral();
    await joinCareTeam(ref.personId, user.id);
    const res = await outcome(() =>
      indexRoute.loader({
        request: get(`/people/${ref.personId}/measures`, cookie),
        params: { personId: ref.personId },
        context: context(),
      }),
    );
    expect(res.status).toBe(200);
    const rows = await testDb()
      .selectFrom("audit_event")
      .select(["action", "person_id"])
      .where("action", "=", "measures.view")
      .execute();
    expect(rows).toEqual([{ action: "measures.view", person_id: ref.personId }]);
  });

  it("an activity lead cannot read a person's measures", async () => {
    const { cookie, user } = await signedIn("activity_lead");
    const ref = await makeReferral();
    await joinCareTeam(ref.personId, user.id);
    expect(
      (
        await outcome(() =>
          indexRoute.loader({
            request: get(`/people/${ref.personId}/measures`, cookie),
            params: { personId: ref.personId },
            context: context(),
          }),
        )
      ).status,
    ).toBe(403);
  });

  it("marking entered in error needs a reason of at most 500 characters", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const ref = await makeReferral();
    await joinCareTeam(ref.personId, user.id);
    const saved = await outcome(() =>
      newRoute.action({
        request: post(`/people/${ref.personId}/measures/new`, cookie, form(ref)),
        params: { personId: ref.personId },
        context: context(),
      }),
    );
    const id = saved.location!.split("/").pop()!.split("?")[0];
    const url = `/people/${ref.personId}/measures/${id}`;
    const params = { personId: ref.personId, responseId: id };
    expect(
      (
        await outcome(() =>
          detailRoute.action({ request: post(url, cookie, { reason: "  " }), params, context: context() }),
        )
      ).status,
    ).toBe(400);
    const long = await outcome(() =>
      detailRoute.action({ request: post(url, cookie, { reason: "x".repeat(501) }), params, context: context() }),
    );
    expect(long.status).toBe(400);
    expect((long.body!.values as Record<string, string>).reason).toHaveLength(501);
    const ok = await outcome(() =>
      detailRoute.action({
        request: post(url, cookie, { reason: "Recorded against the wrong referral" }),
        params,
        context: context(),
      }),
    );
    expect(ok).toMatchObject({ status: 302, location: `${url}?marked=1` });
    const row = await testDb()
      .selectFrom("measure_response")
      .select("entered_in_error_reason")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.entered_in_error_reason).toBe("Recorded against the wrong referral");
  });
});

describe("self-completion pages", () => {
  it("start, answer each screen by POST, and finish on the thank-you screen with no record data", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const ref = await makeReferral();
    await joinCareTeam(ref.personId, user.id);
    const start = await outcome(() =>
      selfStart.action({
        request: post(`/people/${ref.personId}/measures/self`, cookie, {
          idempotencyKey: crypto.randomUUID(),
          referralId: ref.referralId,
          timePoint: "baseline",
          instrumentCodes: ["ons_loneliness"],
        }),
        params: { personId: ref.personId },
        context: context(),
      }),
    );
    expect(start.status).toBe(302);
    const sessionId = start.location!.split("/").pop()!;
    const params = { sessionId };
    const screen = await outcome(() =>
      selfStep.loader({ request: get(start.location!, cookie), params, context: context() }),
    );
    expect(screen.body).toMatchObject({ state: { status: "question", step: 0, total: 1, itemId: "ons_lonely" } });
    // The screen's data names no one.
    expect(JSON.stringify(screen.body)).not.toMatch(/Demo-Measures|Test\d/);
    const missing = await outcome(() =>
      selfStep.action({ request: post(start.location!, cookie, { step: "0" }), params, context: context() }),
    );
    expect(missing.status).toBe(400);
    // Someone records the same time point meanwhile: the screen says nothing was saved (and stays put).
    const clash = await testDb()
      .insertInto("measure_response")
      .values({
        person_id: ref.personId,
        referral_id: ref.referralId,
        instrument_code: "ons_loneliness",
        instrument_version: "1",
        time_point: "baseline",
        administered_on: today,
        mode: "staff",
        answers: "{}",
        scores: JSON.stringify({ frequency: 2 }),
        bands: "{}",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const failed = await outcome(() =>
      selfStep.action({
        request: post(start.location!, cookie, { step: "0", answer: "4" }),
        params,
        context: context(),
      }),
    );
    expect(failed.status).toBe(409);
    expect(failed.body).toMatchObject({ failed: { status: "failed" } });
    await testDb().deleteFrom("measure_response").where("id", "=", clash.id).execute();
    const done = await outcome(() =>
      selfStep.action({
        request: post(start.location!, cookie, { step: "0", answer: "4" }),
        params,
        context: context(),
      }),
    );
    expect(done.status).toBe(302);
    const thanks = await outcome(() =>
      selfStep.loader({ request: get(start.location!, cookie), params, context: context() }),
    );
    expect(thanks.body).toMatchObject({ state: { status: "completed" } });
  });
});
