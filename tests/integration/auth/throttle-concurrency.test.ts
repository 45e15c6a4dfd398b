import { describe, expect, it } from "vitest";
import { ACCOUNT_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT } from "../../support/sign-in-limits";
import { action as signInAction } from "../../../app/routes/sign-in";
import { testDb, useTestDatabase } from "../../support/db";
import { context, makeUser, TEST_PASSWORD } from "../../support/factories";
import { call, formRequest } from "../../support/http";

useTestDatabase();

// Attempts fired together, as a script would: the throttle must hold however they interleave (docs/decisions/0750).
const attempt = (email: string, password: string, clientIp = "203.0.113.7") =>
  call(() =>
    signInAction({
      request: formRequest("/sign-in", { email, password }),
      context: { ...context(), clientIp },
      params: {},
    } as any),
  );

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

// Each test verifies up to fifty real argon2id hashes (19 MiB each): seconds on a quiet machine, tens of seconds on a
// busy 2-core one, so the limit is the work's, not the default.
describe("sign-in throttle under parallel attempts", { timeout: 120_000 }, () => {
  it("checks at most 10 passwords for one account however many arrive at once", async () => {
    const user = await makeUser("prescriber");
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => attempt(user.email, `wrong guess ${i}`, `198.51.100.${i}`)),
    );
    expect(tally(results.map((r) => r.status))).toEqual({
      401: ACCOUNT_FAILURE_LIMIT,
      429: 25 - ACCOUNT_FAILURE_LIMIT,
    });
    for (const r of results.filter((r) => r.status === 429)) expect(r.setCookie).toBeNull();
    const recorded = await testDb()
      .selectFrom("sign_in_failure")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(recorded.n)).toBe(ACCOUNT_FAILURE_LIMIT);
    // Even the right password is refused now.
    expect((await attempt(user.email, TEST_PASSWORD, "198.51.100.200")).status).toBe(429);
  });

  it("lets at most 50 attempts through from one address however many arrive at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) => attempt(`nobody-${i}@test.example`, "not the password")),
    );
    expect(tally(results.map((r) => r.status))).toEqual({ 401: CLIENT_FAILURE_LIMIT, 429: 80 - CLIENT_FAILURE_LIMIT });
  });

  it("counts a right password among parallel wrong ones without letting more than the limit be checked", async () => {
    const user = await makeUser("coordinator");
    const wrong = Array.from({ length: 15 }, (_, i) => attempt(user.email, `wrong ${i}`, `192.0.2.${i}`));
    const results = await Promise.all([attempt(user.email, TEST_PASSWORD, "192.0.2.99"), ...wrong]);
    const checked = results.filter((r) => r.status !== 429).length;
    expect(checked).toBeLessThanOrEqual(ACCOUNT_FAILURE_LIMIT);
  });
});
