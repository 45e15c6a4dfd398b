import { hashPassword } from "../../app/auth/password.server";
import type { Role } from "../../app/auth/roles";
import { startSession } from "../../app/auth/session.server";
import { testDb } from "./db";

let cachedHash: Promise<string> | null = null;
export const TEST_PASSWORD = "a long enough test passphrase";

let counter = 0;

export async function makeUser(
  role: Role,
  overrides: { email?: string; districtCode?: string; demo?: boolean; disabled?: boolean } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  counter += 1;
  const db = testDb();
  return db
    .insertInto("app_user")
    .values({
      email: overrides.email ?? `${role}-${counter}-${Date.now()}@test.example`,
      display_name: `Test ${role} ${counter}`,
      role,
      district_code: overrides.districtCode ?? null,
      password_hash: await cachedHash,
      demo: overrides.demo ?? false,
      disabled_at: overrides.disabled ? new Date() : null,
    })
    .returning(["id", "email", "role", "version"])
    .executeTakeFirstOrThrow();
}

/** A signed-in user and the Cookie header a browser would send. */
export async function signedIn(role: Role, overrides: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(role, overrides);
  const setCookie = await startSession(testDb(), user.id);
  return { user, cookie: setCookie.split(";")[0] };
}

/** What the server hands a loader or action, with this test file's database. */
export function context(requestId = "test-request") {
  return { requestId, nonce: "", clientIp: "127.0.0.1", db: testDb() };
}
