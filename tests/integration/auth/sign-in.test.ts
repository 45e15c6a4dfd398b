import { afterEach, describe, expect, it } from "vitest";
import { action as signInAction, loader as signInLoader } from "../../../app/routes/sign-in";
import { ACCOUNT_FAILURE_LIMIT } from "../../support/sign-in-limits";
import { currentUser } from "../../../app/auth/session.server";
import { testDb, useTestDatabase } from "../../support/db";
import { context, makeUser, TEST_PASSWORD } from "../../support/factories";
import { call, cookieFrom, formRequest, getRequest } from "../../support/http";

useTestDatabase();

const attempt = (email: string, password: string, cookie?: string) =>
  call(() =>
    signInAction({
      request: formRequest("/sign-in", { email, password }, cookie),
      context: context(),
      params: {},
    } as any),
  );

afterEach(() => {
  delete process.env.DEMO;
});

describe("signing in", () => {
  it("lands a prescriber on the caseload with a fresh opaque session cookie and an audit row", async () => {
    const user = await makeUser("prescriber");
    const res = await attempt(user.email, TEST_PASSWORD);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/caseload");
    expect(res.setCookie).toMatch(/HttpOnly/i);
    expect(res.setCookie).toMatch(/SameSite=Lax/i);
    const signedIn = await currentUser(getRequest("/", cookieFrom(res.setCookie)), { context: context() });
    expect(signedIn?.id).toBe(user.id);
    const rows = await testDb()
      .selectFrom("audit_event")
      .select(["action", "actor_user_id"])
      .where("action", "=", "auth.sign-in")
      .execute();
    expect(rows).toEqual([{ action: "auth.sign-in", actor_user_id: user.id }]);
    // Only a hash of the id is stored.
    const stored = await testDb().selectFrom("user_session").select("id_hash").executeTakeFirstOrThrow();
    expect(cookieFrom(res.setCookie)).not.toContain(stored.id_hash);
  });

  it("answers an unknown account and a wrong password identically", async () => {
    const user = await makeUser("admin");
    const wrong = await attempt(user.email, "definitely not it");
    const unknown = await attempt("nobody-here@test.example", "definitely not it");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.errors).toEqual(unknown.body.errors);
    expect(wrong.body.values).not.toHaveProperty("password");
  });

  it("refuses a disabled account with the same answer", async () => {
    const user = await makeUser("prescriber", { disabled: true });
    const res = await attempt(user.email, TEST_PASSWORD);
    expect(res.status).toBe(401);
    expect(res.body.errors.email).toBe("Enter a correct email address and password");
  });

  it("throttles an account after 10 failures in 5 minutes, even for the right password, and remembers it in the database", async () => {
    const user = await makeUser("coordinator");
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) expect((await attempt(user.email, `wrong ${i}`)).status).toBe(401);
    const blocked = await attempt(user.email, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(
      await testDb()
        .selectFrom("sign_in_failure")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: ACCOUNT_FAILURE_LIMIT });
    // Failures older than the window no longer count.
    await testDb()
      .updateTable("sign_in_failure")
      .set({ failed_at: new Date(Date.now() - 6 * 60 * 1000) })
      .execute();
    expect((await attempt(user.email, TEST_PASSWORD)).status).toBe(302);
  });

  it("issues a new session id at sign-in and ends the previous one", async () => {
    const user = await makeUser("analyst");
    const first = cookieFrom((await attempt(user.email, TEST_PASSWORD)).setCookie);
    const second = await attempt(user.email, TEST_PASSWORD, first);
    expect(cookieFrom(second.setCookie)).not.toBe(first);
    expect(await currentUser(getRequest("/", first), { context: context() })).toBeNull();
    expect(await currentUser(getRequest("/", cookieFrom(second.setCookie)), { context: context() })).not.toBeNull();
  });

  it("lets demo accounts in only in demo mode", async () => {
    const user = await makeUser("admin", { demo: true });
    process.env.DEMO = "0";
    expect((await attempt(user.email, TEST_PASSWORD)).status).toBe(401);
    process.env.DEMO = "1";
    expect((await attempt(user.email, TEST_PASSWORD)).status).toBe(302);
  });

  it("rejects a malformed post with field messages", async () => {
    const res = await attempt("", "");
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ email: "Enter your email address", password: "Enter your password" });
  });

  it("never follows a returnTo that leaves the site", async () => {
    const user = await makeUser("admin");
    const res = await call(() =>
      signInAction({
        request: formRequest("/sign-in", { email: user.email, password: TEST_PASSWORD, returnTo: "//evil.example/x" }),
        context: context(),
        params: {},
      } as any),
    );
    expect(res.location).toBe("/admin");
  });
});

describe("returnTo after sign-in", () => {
  const withReturnTo = (email: string, returnTo: string, cookie?: string) =>
    call(() =>
      signInAction({
        request: formRequest("/sign-in", { email, password: TEST_PASSWORD, returnTo }, cookie),
        context: context(),
        params: {},
      } as any),
    );

  it.each(["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/a\r\nSet-Cookie: x=y", "/ünïcödé/€"])(
    "never leaves the site or fails for %j",
    async (returnTo) => {
      const user = await makeUser("admin");
      const res = await withReturnTo(user.email, returnTo);
      expect(res.status).toBe(302);
      expect(new URL(res.location!, "http://localhost/").origin).toBe("http://localhost");
    },
  );

  it("follows a same-site path, and does so for a signed-in visitor of the sign-in page too", async () => {
    const user = await makeUser("admin");
    const res = await withReturnTo(user.email, "/admin/users?page=2");
    expect(res.location).toBe("/admin/users?page=2");
    const loaded = await call(() =>
      signInLoader({
        request: getRequest(`/sign-in?returnTo=${encodeURIComponent("/\t/evil.example")}`, cookieFrom(res.setCookie)),
        context: context(),
        params: {},
      } as any),
    );
    expect(loaded.location).toBe("/admin");
  });
});
