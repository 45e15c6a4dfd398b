import { describe, expect, it } from "vitest";
import { updateUser } from "../../../app/admin/users.server";
import { action as newPerson, loader as newPersonPage } from "../../../app/routes/people.new";
import { loader as signInPage } from "../../../app/routes/sign-in";
import { testDb, useTestDatabase } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { call, formRequest, getRequest } from "../../support/http";

useTestDatabase();

/** A prescriber working when an administrator disables their account (which ends their sessions at once). */
async function disabledWhileWorking() {
  const worker = await signedIn("prescriber");
  const admin = await signedIn("admin");
  await updateUser(
    testDb(),
    { userId: admin.user.id, role: "admin", requestId: "r" },
    worker.user.id,
    worker.user.version,
    {
      displayName: "Leaver",
      role: "prescriber",
      disabled: true,
    },
  );
  return worker;
}

describe("a user whose account was disabled while they worked", () => {
  it("is sent to sign in told the account was disabled, not that they were idle, and the cookie is cleared", async () => {
    const { cookie } = await disabledWhileWorking();
    const res = await call(() =>
      newPersonPage({ request: getRequest("/people/new", cookie), context: context(), params: {} } as never),
    );
    expect(res.status).toBe(302);
    const to = new URL(res.location!, "http://localhost");
    expect(to.pathname).toBe("/sign-in");
    expect(to.searchParams.get("reason")).toBe("disabled");
    expect(res.setCookie).toMatch(/Max-Age=0/i);
    const page = await call(() =>
      signInPage({ request: getRequest(`${to.pathname}${to.search}`), context: context(), params: {} } as never),
    );
    expect(page.body).toMatchObject({ disabled: true, expired: false });
  });

  it("gets a form post answered 'account disabled' with what they typed shown back, saving nothing", async () => {
    const { user, cookie } = await disabledWhileWorking();
    const before = await testDb().selectFrom("person").select("id").execute();
    const res = await call(() =>
      newPerson({
        request: formRequest(
          "/people/new",
          {
            givenName: "Arthur",
            familyName: "Dent",
            notes: "Lives alone since March;\nneeds the bus",
            idempotencyKey: "5b0c1d8e-7f1a-4c55-9b1e-0a8b4d1c2e3f",
            password: "never shown",
          },
          cookie,
        ),
        context: context(),
        params: {},
      } as never),
    );
    expect(res.status).toBe(403);
    expect(res.setCookie).toMatch(/Max-Age=0/i);
    expect(res.body.accountDisabled).toBe(true);
    expect(res.body.message).toMatch(/disabled your account/);
    expect(res.body.message).toMatch(/not been saved/);
    expect(res.body.entered).toEqual([
      { name: "givenName", label: "First name", values: ["Arthur"] },
      { name: "familyName", label: "Last name", values: ["Dent"] },
      { name: "notes", label: "Notes", values: ["Lives alone since March;\nneeds the bus"] },
    ]);
    expect(await testDb().selectFrom("person").select("id").execute()).toHaveLength(before.length);
    const denied = await testDb()
      .selectFrom("audit_event")
      .select(["action", "outcome", "details"])
      .where("actor_user_id", "=", user.id)
      .where("action", "=", "access.denied")
      .execute();
    expect(denied).toHaveLength(1);
    expect(denied[0].details).toMatchObject({ reason: "account disabled", posted: true, path: "/people/new" });
    // What they typed never reaches the audit trail.
    expect(JSON.stringify(denied[0].details)).not.toMatch(/Arthur|Dent/);
  });

  it("still tells a user whose session merely ended that they were signed out for being idle", async () => {
    const { cookie, user } = await signedIn("prescriber");
    await testDb().updateTable("user_session").set({ ended_at: new Date() }).where("user_id", "=", user.id).execute();
    const res = await call(() =>
      newPerson({
        request: formRequest("/people/new", { givenName: "Arthur" }, cookie),
        context: context(),
        params: {},
      } as never),
    );
    expect(res.status).toBe(302);
    expect(new URL(res.location!, "http://localhost").searchParams.get("reason")).toBe("expired");
  });
});
