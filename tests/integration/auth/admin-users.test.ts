import { describe, expect, it } from "vitest";
import { action as newUser } from "../../../app/routes/admin.users.new";
import { action as editUser } from "../../../app/routes/admin.users.$userId";
import { testDb, useTestDatabase } from "../../support/db";
import { context, makeUser, signedIn, TEST_PASSWORD } from "../../support/factories";
import { call, formRequest } from "../../support/http";

useTestDatabase();

const create = (cookie: string, fields: Record<string, string>) =>
  call(() =>
    newUser({ request: formRequest("/admin/users/new", fields, cookie), context: context(), params: {} } as any),
  );
const edit = (cookie: string, userId: string, fields: Record<string, string>) =>
  call(() =>
    editUser({
      request: formRequest(`/admin/users/${userId}`, fields, cookie),
      context: context(),
      params: { userId },
    } as any),
  );

describe("user administration", () => {
  it("creates an account, ignoring smuggled fields, and audits it", async () => {
    const { cookie } = await signedIn("admin");
    const res = await create(cookie, {
      displayName: "New Link Worker",
      email: "new.worker@nhs.example",
      role: "prescriber",
      districtCode: "melton",
      password: "river-lantern-biscuit",
      demo: "true",
      password_hash: "x",
      disabled_at: "2020-01-01",
    });
    expect(res.status).toBe(302);
    const row = await testDb()
      .selectFrom("app_user")
      .selectAll()
      .where("email", "=", "new.worker@nhs.example")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: "prescriber", district_code: "melton", demo: false, disabled_at: null });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audited = await testDb()
      .selectFrom("audit_event")
      .select("details")
      .where("action", "=", "user.create")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audited.details)).not.toContain("river-lantern");
  });

  it("refuses a duplicate email (any case) and a weak password at the field, keeping the input but not the password", async () => {
    const { cookie } = await signedIn("admin");
    await makeUser("prescriber", { email: "taken@nhs.example" });
    const dup = await create(cookie, {
      displayName: "Someone",
      email: "TAKEN@nhs.example",
      role: "prescriber",
      password: "river-lantern-biscuit",
    });
    expect(dup.status).toBe(409);
    expect(dup.body.errors.email).toMatch(/already exists/);
    expect(dup.body.values.displayName).toBe("Someone");
    expect(dup.body.values).not.toHaveProperty("password");
    const weak = await create(cookie, {
      displayName: "Someone",
      email: "x@nhs.example",
      role: "superuser",
      password: "password1234",
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.role).toBe("Select a role");
    expect(weak.body.errors.password).toMatch(/too easy to guess/);
  });

  it("refuses a stale edit with a conflict and keeps the admin's input", async () => {
    const { cookie } = await signedIn("admin");
    const target = await makeUser("prescriber");
    const first = await edit(cookie, target.id, {
      intent: "update",
      displayName: "First Edit",
      role: "coordinator",
      currentPassword: TEST_PASSWORD,
      version: String(target.version),
    });
    expect(first.status).toBe(200);
    const second = await edit(cookie, target.id, {
      intent: "update",
      displayName: "Second Edit",
      role: "analyst",
      currentPassword: TEST_PASSWORD,
      version: String(target.version),
    });
    expect(second.status).toBe(409);
    expect(second.body.values.displayName).toBe("Second Edit");
    const row = await testDb()
      .selectFrom("app_user")
      .select(["display_name", "role", "version"])
      .where("id", "=", target.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: "First Edit", role: "coordinator", version: target.version + 1 });
  });

  it("resets a password and ends the user's sessions", async () => {
    const { cookie } = await signedIn("admin");
    const target = await signedIn("prescriber");
    const res = await edit(cookie, target.user.id, { intent: "reset-password", password: "orchard-pebble-violin" });
    expect(res.status).toBe(200);
    const live = await testDb()
      .selectFrom("user_session")
      .select("id_hash")
      .where("user_id", "=", target.user.id)
      .where("ended_at", "is", null)
      .execute();
    expect(live).toHaveLength(0);
  });

  it("answers a form the page does not have with the 400 page, changing nothing", async () => {
    const { cookie } = await signedIn("admin");
    const target = await signedIn("prescriber");
    const res = await edit(cookie, target.user.id, { intent: "delete", displayName: "Gone" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: "No form on this page has that intent" });
    const row = await testDb()
      .selectFrom("app_user")
      .select("display_name")
      .where("id", "=", target.user.id)
      .executeTakeFirstOrThrow();
    expect(row.display_name).not.toBe("Gone");
  });

  it("stops an administrator disabling themselves", async () => {
    const { cookie, user } = await signedIn("admin");
    const res = await edit(cookie, user.id, {
      intent: "update",
      displayName: "Me",
      role: "admin",
      disabled: "yes",
      version: String(user.version),
    });
    expect(res.status).toBe(400);
  });

  it("asks for the administrator's own password before changing a role, keeping what they typed", async () => {
    const { cookie } = await signedIn("admin");
    const target = await makeUser("prescriber");
    const change = { intent: "update", displayName: "Renamed", role: "admin", version: String(target.version) };
    const roleNow = () =>
      testDb().selectFrom("app_user").select("role").where("id", "=", target.id).executeTakeFirstOrThrow();

    const missing = await edit(cookie, target.id, change);
    expect(missing.status).toBe(400);
    expect(missing.body.errors.currentPassword).toMatch(/Enter your own password/);
    expect(missing.body.values).toMatchObject({ displayName: "Renamed", role: "admin" });
    const wrong = await edit(cookie, target.id, { ...change, currentPassword: "not my password at all" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.currentPassword).toBe("Your password is not correct");
    expect(wrong.body.values).not.toHaveProperty("currentPassword");
    expect(await roleNow()).toEqual({ role: "prescriber" });

    const right = await edit(cookie, target.id, { ...change, currentPassword: TEST_PASSWORD });
    expect(right.status).toBe(200);
    expect(await roleNow()).toEqual({ role: "admin" });
  });

  it("asks for it before re-enabling an account, but not to rename or disable one", async () => {
    const { cookie } = await signedIn("admin");
    const target = await makeUser("prescriber", { disabled: true });
    const same = { displayName: "Kept Away", role: "prescriber" };
    const renamed = await edit(cookie, target.id, {
      intent: "update",
      ...same,
      disabled: "yes",
      version: String(target.version),
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.saved).toBe("Changes saved.");
    const enable = { intent: "update", ...same, version: String(target.version + 1) };
    expect((await edit(cookie, target.id, enable)).body.errors.currentPassword).toMatch(/Enter your own password/);
    const enabled = await edit(cookie, target.id, { ...enable, currentPassword: TEST_PASSWORD });
    expect(enabled.status).toBe(200);
    // The administrator is told in words what changed about whether they can work.
    expect(enabled.body.saved).toBe("Changes saved. Their account is enabled again: they can sign in.");
    const disabled = await edit(cookie, target.id, {
      ...same,
      intent: "update",
      disabled: "yes",
      version: String(target.version + 2),
    });
    expect(disabled.body.saved).toBe("Changes saved. Their account is disabled and their sessions have ended.");
  });

  it("counts wrong confirmations against the administrator's sign-in throttle", async () => {
    const { cookie, user } = await signedIn("admin");
    const target = await makeUser("prescriber");
    const change = { intent: "update", displayName: "X", role: "analyst", version: String(target.version) };
    for (let i = 0; i < 10; i++) await edit(cookie, target.id, { ...change, currentPassword: `guess ${i}` });
    const blocked = await edit(cookie, target.id, { ...change, currentPassword: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    const failures = await testDb()
      .selectFrom("audit_event")
      .select("action")
      .where("actor_user_id", "=", user.id)
      .where("action", "=", "auth.reauth-failed")
      .execute();
    expect(failures).toHaveLength(10);
  });
});
