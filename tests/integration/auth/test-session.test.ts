import { afterEach, describe, expect, it, vi } from "vitest";
import { testSessionResponse } from "~/auth/test-session.server";
import { currentUser } from "~/auth/session.server";
import { testDb, useTestDatabase } from "../../support/db";
import { context, makeUser } from "../../support/factories";

useTestDatabase();

const post = (email: string, cookie?: string) =>
  new Request("http://localhost/test-only/session", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams({ email }),
  });

const cookieOf = (res: Response) => res.headers.get("Set-Cookie")!.split(";")[0];

afterEach(() => vi.unstubAllEnvs());

describe("test sessions for the browser journeys", () => {
  it("start a session for a demo account, audited as a sign-in, ending the one the browser had", async () => {
    vi.stubEnv("TEST_SESSIONS", "1");
    vi.stubEnv("DEMO", "1");
    const lead = await makeUser("activity_lead", { demo: true });
    const first = await testSessionResponse(testDb(), post(lead.email), "req-1");
    expect(first.status).toBe(204);
    const firstCookie = cookieOf(first);
    const user = await currentUser(new Request("http://localhost/", { headers: { Cookie: firstCookie } }), {
      context: context(),
    });
    expect(user).toMatchObject({ id: lead.id, role: "activity_lead" });

    const second = await testSessionResponse(testDb(), post(lead.email, firstCookie), "req-2");
    expect(second.status).toBe(204);
    expect(
      await currentUser(new Request("http://localhost/", { headers: { Cookie: firstCookie } }), { context: context() }),
    ).toBeNull();
    const audit = await testDb()
      .selectFrom("audit_event")
      .select(["action", "request_id", "details"])
      .where("actor_user_id", "=", lead.id)
      .orderBy("occurred_at")
      .execute();
    expect(audit).toEqual([
      { action: "auth.sign-in", request_id: "req-1", details: { via: "test session" } },
      { action: "auth.sign-in", request_id: "req-2", details: { via: "test session" } },
    ]);
  });

  it("answer 404, starting nothing, unless enabled in demo mode for an active demo account", async () => {
    const demoLead = await makeUser("activity_lead", { demo: true });
    const realAdmin = await makeUser("admin");
    const disabledDemo = await makeUser("admin", { demo: true, disabled: true });
    const cases: [Record<string, string>, string][] = [
      [{ DEMO: "1" }, demoLead.email], // not enabled
      [{ TEST_SESSIONS: "1", DEMO: "0" }, demoLead.email], // not demo mode
      [{ TEST_SESSIONS: "1", DEMO: "1" }, realAdmin.email], // not a demo account
      [{ TEST_SESSIONS: "1", DEMO: "1" }, disabledDemo.email],
      [{ TEST_SESSIONS: "1", DEMO: "1" }, "nobody@demo.connectwell.example"],
    ];
    for (const [env, email] of cases) {
      vi.unstubAllEnvs();
      vi.stubEnv("TEST_SESSIONS", "");
      for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
      const res = await testSessionResponse(testDb(), post(email), "req");
      expect(res.status, `${JSON.stringify(env)} ${email}`).toBe(404);
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
    vi.stubEnv("TEST_SESSIONS", "1");
    vi.stubEnv("DEMO", "1");
    expect((await testSessionResponse(testDb(), new Request("http://localhost/test-only/session"), "req")).status).toBe(
      404,
    );
    const sessions = await testDb().selectFrom("user_session").select("user_id").execute();
    expect(sessions).toEqual([]);
  });
});
