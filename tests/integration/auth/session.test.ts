import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { updateUser } from "../../../app/admin/users.server";
import { currentUser, startSession } from "../../../app/auth/session.server";
import { action as keepalive } from "../../../app/routes/session.keepalive";
import { action as signOut } from "../../../app/routes/sign-out";
import { loader as usersLoader } from "../../../app/routes/admin.users._index";
import { testDb, useTestDatabase } from "../../support/db";
import { context, makeUser, signedIn } from "../../support/factories";
import { call, formRequest, getRequest } from "../../support/http";

useTestDatabase();

const ageSession = (column: "last_seen_at" | "created_at", minutes: number) =>
  testDb()
    .updateTable("user_session")
    .set({ [column]: sql`now() - ${minutes} * interval '1 minute'` })
    .execute();

describe("sessions", () => {
  it("end after 15 idle minutes", async () => {
    const { cookie } = await signedIn("prescriber");
    await ageSession("last_seen_at", 14);
    expect(await currentUser(getRequest("/", cookie), { context: context() })).not.toBeNull();
    await ageSession("last_seen_at", 16);
    expect(await currentUser(getRequest("/", cookie), { context: context() })).toBeNull();
    const res = await call(() =>
      usersLoader({ request: getRequest("/admin/users", cookie), context: context(), params: {} } as any),
    );
    expect(res.status).toBe(302);
    expect(res.location).toContain("reason=expired");
  });

  it("end 8 hours after sign-in however active the user is", async () => {
    const { cookie } = await signedIn("prescriber");
    await ageSession("created_at", 8 * 60 + 1);
    expect(await currentUser(getRequest("/", cookie), { context: context() })).toBeNull();
  });

  it("can be kept alive, which resets the idle clock but not the 8 hour limit", async () => {
    const { cookie } = await signedIn("coordinator");
    await ageSession("last_seen_at", 13);
    const res = await call(() =>
      keepalive({ request: formRequest("/session/keepalive", {}, cookie), context: context(), params: {} } as any),
    );
    expect(res.status).toBe(200);
    expect(res.body.remainingMs).toBeGreaterThan(14 * 60 * 1000);
    await ageSession("created_at", 8 * 60 - 1);
    const capped = await call(() =>
      keepalive({ request: formRequest("/session/keepalive", {}, cookie), context: context(), params: {} } as any),
    );
    expect(capped.body.remainingMs).toBeLessThanOrEqual(60 * 1000);
  });

  it("all end at once when an administrator disables the user", async () => {
    const { user, cookie } = await signedIn("prescriber");
    const other = await signedIn("prescriber");
    const admin = await signedIn("admin");
    await updateUser(testDb(), { userId: admin.user.id, role: "admin", requestId: "r" }, user.id, user.version, {
      displayName: "Leaver",
      role: "prescriber",
      disabled: true,
    });
    expect(await currentUser(getRequest("/", cookie), { context: context() })).toBeNull();
    expect(await currentUser(getRequest("/", other.cookie), { context: context() })).not.toBeNull();
  });

  it("sign-out ends the session and clears the cookie", async () => {
    const { cookie } = await signedIn("analyst");
    const res = await call(() =>
      signOut({ request: formRequest("/sign-out", {}, cookie), context: context(), params: {} } as any),
    );
    expect(res.status).toBe(302);
    expect(res.setCookie).toMatch(/Max-Age=0/);
    expect(await currentUser(getRequest("/", cookie), { context: context() })).toBeNull();
  });
});

describe("demo sessions", () => {
  afterEach(() => {
    delete process.env.DEMO;
  });

  it("stop working when the server runs without demo mode, and a real account's do not", async () => {
    process.env.DEMO = "1";
    const demo = await signedIn("admin", { demo: true });
    const real = await signedIn("admin");
    expect(await currentUser(getRequest("/", demo.cookie), { context: context() })).not.toBeNull();
    process.env.DEMO = "0"; // the restart without demo mode
    expect(await currentUser(getRequest("/", demo.cookie), { context: context() })).toBeNull();
    expect(await currentUser(getRequest("/", real.cookie), { context: context() })).not.toBeNull();
    const res = await call(() =>
      usersLoader({ request: getRequest("/admin/users", demo.cookie), context: context(), params: {} } as any),
    );
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/sign-in/);
  });
});

/** A user's live sessions at most (docs/decisions/0753-reauth-and-session-cap.md). */
const MAX_LIVE_SESSIONS = 5;

describe("live sessions per user", () => {
  it("are at most five: a sixth sign-in ends the oldest", async () => {
    const user = await makeUser("prescriber");
    const cookies: string[] = [];
    for (let i = 0; i < MAX_LIVE_SESSIONS + 1; i++) {
      // Every earlier session a minute older than the next.
      await testDb()
        .updateTable("user_session")
        .set({ created_at: sql`created_at - interval '1 minute'` })
        .execute();
      cookies.push((await startSession(testDb(), user.id)).split(";")[0]);
    }
    const live = await Promise.all(cookies.map((c) => currentUser(getRequest("/", c), { context: context() })));
    expect(live.map((u) => u !== null)).toEqual([false, true, true, true, true, true]);
  });

  it("stay at five when sign-ins arrive together", async () => {
    const { user } = await signedIn("coordinator");
    await Promise.all(
      Array.from({ length: 12 }, () =>
        testDb()
          .transaction()
          .execute((trx) => startSession(trx, user.id)),
      ),
    );
    const open = await testDb()
      .selectFrom("user_session")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", user.id)
      .where("ended_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(Number(open.n)).toBe(MAX_LIVE_SESSIONS);
  });
});
