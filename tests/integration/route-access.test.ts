import { describe, expect, it } from "vitest";
import { can, roles, type Role } from "../../app/auth/roles";
import { useTestDatabase } from "../support/db";
import { context, makeUser, signedIn } from "../support/factories";
import { joinCareTeam, makePerson } from "../support/people-factories";
import { testDb } from "../support/db";

useTestDatabase();

type RouteAccess = import("./access/types").RouteAccess;
type RouteModule = { loader?: (args: any) => Promise<unknown>; action?: (args: any) => Promise<unknown> };

// What each route requires, one file per domain under ./access. A route missing from these tables fails the
// test, so every new route must say who may use it.
const tables = import.meta.glob<{ access: Record<string, RouteAccess> }>("./access/*.ts", { eager: true });
const expected: Record<string, RouteAccess> = {};
for (const [file, table] of Object.entries(tables)) {
  for (const [route, rule] of Object.entries(table.access)) {
    // Each route is declared once, by the domain that owns it.
    if (route in expected) throw new Error(`${route} is declared twice (again in ${file})`);
    expected[route] = rule;
  }
}

const modules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}", { eager: true });
const routeFiles = Object.keys(modules).map((p) => p.split("/").pop()!);
const NOT_FOUND_ID = "00000000-0000-4000-8000-000000000000";
// Pages that show identifiable people, named here rather than taken from app/auth/roles.ts so that narrowing the
// guard fails this test. The hand-back page ends a self-completion questionnaire and returns to the person's record.
const PERSON_LEVEL_ROUTE =
  /^(people\.|referrals\.|triage\.|caseload\.|measures\.self\.|admin\.subject-access\.|hand-back\.)/;
const AGGREGATE_ONLY = ["analyst", "commissioner"];

function args(file: string, method: "GET" | "POST", cookie?: string, ids: Record<string, string> = {}) {
  const headers = new Headers(cookie ? { Cookie: cookie } : {});
  const init: RequestInit = { method, headers };
  if (method === "POST") {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    init.body = "";
  }
  const params = new Proxy(
    {},
    { get: (_t, key) => (typeof key === "string" ? (ids[key] ?? NOT_FOUND_ID) : undefined) },
  );
  return { request: new Request(`http://localhost/${file}`, init), params, context: context() };
}

/** Runs a loader or action and reports the HTTP status it answered with (thrown or returned). */
async function statusOf(fn: () => Promise<unknown>): Promise<{ status: number; location?: string | null }> {
  try {
    const result = await fn();
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
    const init = (result as { init?: { status?: number } } | null)?.init;
    return { status: init?.status ?? 200 };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    const init = (thrown as { init?: { status?: number } } | null)?.init;
    if (init?.status) return { status: init.status };
    throw thrown;
  }
}

describe("route manifest", () => {
  it("lists every route file, and only those", () => {
    expect(routeFiles.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const file of Object.keys(expected)) {
    const mod = () => modules[`../../app/routes/${file}`];
    for (const kind of ["loader", "action"] as const) {
      const access = expected[file][kind];
      it(`${file} ${kind} exists exactly when declared`, () => {
        expect(typeof mod()?.[kind] === "function").toBe(access !== undefined);
      });
      if (!access || access === "public") continue;

      it(`${file} ${kind} refuses an anonymous request`, async () => {
        const fn = mod()[kind]!;
        const res = await statusOf(() => fn(args(file, kind === "loader" ? "GET" : "POST")));
        expect(res.status).toBe(302);
        expect(res.location).toMatch(/^\/sign-in\?returnTo=/);
      });

      it(`${file} ${kind} admits exactly the roles holding ${access}`, async () => {
        const fn = mod()[kind]!;
        const outcome: Record<string, boolean> = {};
        const refusedWith: Record<string, number> = {};
        for (const role of roles) {
          const { cookie, user } = await signedIn(role as Role);
          const res = await statusOf(() => fn(args(file, kind === "loader" ? "GET" : "POST", cookie)));
          expect(res.location ?? "").not.toMatch(/^\/sign-in/);
          // A refusal may answer 404 (person-level pages), so it is told by its audit row, not by its status.
          const denied = await testDb()
            .selectFrom("audit_event")
            .select("details")
            .where("actor_user_id", "=", user.id)
            .where("action", "=", "access.denied")
            .execute();
          const refusedByGuard = denied.some(
            (row) => (row.details as { permission?: string } | null)?.permission === access,
          );
          outcome[role] = !refusedByGuard && res.status !== 403;
          if (!outcome[role]) refusedWith[role] = res.status;
        }
        const wanted = Object.fromEntries(roles.map((r) => [r, can(r, access)]));
        expect(outcome).toEqual(wanted);
        // Roles that work only with figures are answered as if no such page existed on every person-level page.
        const personLevel = PERSON_LEVEL_ROUTE.test(file);
        for (const [role, status] of Object.entries(refusedWith)) {
          expect(status, `${role} refused ${file}`).toBe(personLevel && AGGREGATE_ONLY.includes(role) ? 404 : 403);
        }
      });
    }
  }
});

// The legitimate relationship (docs/decisions/0800): every page about one person, or one of their referrals, is
// for their care team only. Named here by file name, so a new person-level page that is not declared fails.
const ONE_PERSON_ROUTE = /^(people\.\$personId\.|referrals\.\$referralId\.)/;
const OUTSIDE_THE_TEAM_BY_DESIGN = ["people.$personId.access.tsx"]; // the break-glass page itself

describe("care team", () => {
  it("declares every page about one person as for their care team", () => {
    const undeclared = routeFiles.filter(
      (f) => ONE_PERSON_ROUTE.test(f) && !OUTSIDE_THE_TEAM_BY_DESIGN.includes(f) && !expected[f]?.careTeam,
    );
    expect(undeclared).toEqual([]);
  });

  for (const file of Object.keys(expected).filter((f) => expected[f].careTeam)) {
    for (const kind of ["loader", "action"] as const) {
      const access = expected[file][kind];
      if (!access || access === "public") continue;
      it(`${file} ${kind} answers 403 with the break-glass link outside the care team, and admits the team`, async () => {
        const fn = modules[`../../app/routes/${file}`][kind]!;
        const colleague = await makeUser("prescriber");
        const person = await makePerson({ created_by: colleague.id });
        await joinCareTeam(person.id, colleague.id);
        const referral = await testDb()
          .insertInto("referral")
          .values({
            person_id: person.id,
            kind: "signpost",
            source: "prescriber",
            caseworker_id: colleague.id,
            status: "received",
            created_by: colleague.id,
          } as never)
          .returning("id")
          .executeTakeFirstOrThrow();
        const ids = { personId: person.id, referralId: referral.id };
        for (const role of roles.filter((r) => can(r, access))) {
          const { cookie, user } = await signedIn(role as Role);
          const method = kind === "loader" ? "GET" : "POST";
          let thrown: unknown;
          try {
            await fn(args(file, method, cookie, ids));
          } catch (err) {
            thrown = err;
          }
          const refusal = thrown as { init?: { status?: number }; data?: { breakGlass?: string } } | undefined;
          expect(refusal?.init?.status, `${role} outside the team`).toBe(403);
          expect(refusal?.data?.breakGlass).toBe(`/people/${person.id}/access`);
          const denied = await testDb()
            .selectFrom("audit_event")
            .select(["person_id", "details"])
            .where("actor_user_id", "=", user.id)
            .where("action", "=", "access.denied")
            .execute();
          expect(denied).toHaveLength(1);
          expect(denied[0].person_id).toBe(person.id);
          expect(denied[0].details).toMatchObject({ careTeam: false, status: 403, permission: access });

          await joinCareTeam(person.id, user.id);
          const res = await statusOf(() => fn(args(file, method, cookie, ids)));
          expect(res.status, `${role} on the team`).not.toBe(403);
          const deniedAfter = await testDb()
            .selectFrom("audit_event")
            .select("id")
            .where("actor_user_id", "=", user.id)
            .where("action", "=", "access.denied")
            .execute();
          expect(deniedAfter).toHaveLength(1);
        }
      });
    }
  }
});
