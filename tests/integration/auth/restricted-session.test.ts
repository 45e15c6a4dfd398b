// A device handed to a person for a self-completion questionnaire holds a session restricted to that questionnaire
// (docs/decisions/0820-restricted-self-completion.md): every other route refuses it, through the one gate every
// route's loader and action pass in the server build, until the staff member types their password again.
import { describe, expect, it } from "vitest";
import { withSessionScope } from "../../../app/auth/session-scope.server";
import { hashSessionId, readSessionId } from "../../../app/auth/session.server";
import { ACCOUNT_FAILURE_LIMIT } from "../../support/sign-in-limits";
import { startSelfCompletion } from "../../../app/measures/self-completion.server";
import * as root from "../../../app/root";
import { useTestDatabase, testDb } from "../../support/db";
import { context, signedIn, TEST_PASSWORD } from "../../support/factories";
import { call, formRequest, getRequest } from "../../support/http";
import { actor, makeReferral } from "../../support/measures-factories";

useTestDatabase();

type Fn = (args: any) => Promise<unknown>;
type RouteModule = { loader?: Fn; action?: Fn };

// The server build's routes as Remix names them ("routes/<file>"), behind the gate the server puts them behind.
const files = import.meta.glob<RouteModule>("../../../app/routes/*.{ts,tsx}", { eager: true });
const routes: Record<string, { module: RouteModule }> = { root: { module: root as RouteModule } };
for (const [path, module] of Object.entries(files)) {
  routes[
    `routes/${path
      .split("/")
      .pop()!
      .replace(/\.tsx?$/, "")}`
  ] = { module };
}
const gated = withSessionScope({ routes }).routes as Record<string, { module: RouteModule }>;
const OPEN = ["root", "routes/hand-back", "routes/sign-out", "routes/session.keepalive"];
const OTHER_ID = "00000000-0000-4000-8000-000000000000";

async function handedOver() {
  const { user, cookie } = await signedIn("coordinator");
  const ref = await makeReferral({ receivedAt: new Date(Date.now() - 5 * 86_400_000) });
  const sessionHash = hashSessionId((await readSessionId(getRequest("/", cookie)))!);
  const selfId = await startSelfCompletion(testDb(), actor(user.id, "coordinator"), {
    personId: ref.personId,
    referralId: ref.referralId,
    instrumentCodes: ["ons_loneliness"],
    timePoint: "baseline",
    followUpWeek: null,
    idempotencyKey: crypto.randomUUID(),
    wemwbsLicensed: false,
    sessionHash,
  });
  return { user, cookie, ref, selfId };
}

const run = (route: string, kind: "loader" | "action", request: Request, params: Record<string, string> = {}) =>
  call(() => gated[route].module[kind]!({ request, context: context(), params }));

describe("a session handed over for self-completion", () => {
  it("reaches no route but its questionnaire, hand-back, sign-out and keep-alive", async () => {
    const { cookie, selfId } = await handedOver();
    const params = new Proxy({}, { get: (_t, key) => (typeof key === "string" ? OTHER_ID : undefined) });
    const reached: string[] = [];
    for (const [id, { module }] of Object.entries(gated)) {
      if (OPEN.includes(id)) continue;
      const path = `/${id.replace(/^routes\//, "")}`;
      if (module.loader) {
        const res = await call(() => module.loader!({ request: getRequest(path, cookie), context: context(), params }));
        if (res.status !== 302 || res.location !== `/measures/self/${selfId}`) reached.push(`${id} loader`);
      }
      if (module.action) {
        const res = await call(() =>
          module.action!({ request: formRequest(path, { q: "Demo" }, cookie), context: context(), params }),
        );
        if (res.status !== 403) reached.push(`${id} action`);
      }
    }
    expect(reached).toEqual([]);
  });

  it("answers its own questionnaire, and the page shell shows no staff name or menu", async () => {
    const { cookie, selfId } = await handedOver();
    const page = await run(
      "routes/measures.self.$sessionId",
      "loader",
      getRequest(`/measures/self/${selfId}`, cookie),
      {
        sessionId: selfId,
      },
    );
    expect(page.status).toBe(200);
    expect(page.body.state).toMatchObject({ status: "question", step: 0 });
    const shell = await run("root", "loader", getRequest(`/measures/self/${selfId}`, cookie));
    expect(shell.body).toMatchObject({ user: null, nav: [], restrictedHome: `/measures/self/${selfId}` });
    // Another questionnaire, even of the same staff member, is out of reach.
    const other = await run(
      "routes/measures.self.$sessionId",
      "loader",
      getRequest(`/measures/self/${OTHER_ID}`, cookie),
      {
        sessionId: OTHER_ID,
      },
    );
    expect(other).toMatchObject({ status: 302, location: `/measures/self/${selfId}` });
  });

  it("is refused the people search, caseload and search posts", async () => {
    const { cookie, selfId } = await handedOver();
    for (const [route, path] of [
      ["routes/people._index", "/people"],
      ["routes/caseload", "/caseload"],
      ["routes/triage._index", "/triage"],
      ["routes/_index", "/"],
    ]) {
      expect(await run(route, "loader", getRequest(path, cookie))).toMatchObject({
        status: 302,
        location: `/measures/self/${selfId}`,
      });
    }
    const search = await run("routes/people._index", "action", formRequest("/people", { q: "Demo" }, cookie));
    expect(search.status).toBe(403);
    const listed = await testDb()
      .selectFrom("audit_event")
      .select("id")
      .where("action", "=", "person.listed")
      .execute();
    expect(listed).toEqual([]);
  });

  it("goes back to staff only with the staff member's password, audited when wrong", async () => {
    const { user, cookie, ref, selfId } = await handedOver();
    const wrong = await run(
      "routes/hand-back",
      "action",
      formRequest("/hand-back", { password: "not it at all" }, cookie),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual({ password: "The password is not correct" });
    expect(JSON.stringify(wrong.body)).not.toContain("not it at all");
    const failed = await testDb()
      .selectFrom("audit_event")
      .select(["outcome", "entity_id"])
      .where("action", "=", "auth.reauth-failed")
      .where("actor_user_id", "=", user.id)
      .execute();
    expect(failed).toEqual([{ outcome: "failed", entity_id: user.id }]);
    expect(await run("routes/caseload", "loader", getRequest("/caseload", cookie))).toMatchObject({ status: 302 });

    const right = await run(
      "routes/hand-back",
      "action",
      formRequest("/hand-back", { password: TEST_PASSWORD }, cookie),
    );
    expect(right).toMatchObject({ status: 302, location: `/people/${ref.personId}/measures` });
    const staff = right.setCookie!.split(";")[0];
    expect(staff).not.toBe(cookie);
    // The restricted session has ended; the new one is a staff session again.
    expect(await run("routes/caseload", "loader", getRequest("/caseload", cookie))).toMatchObject({
      status: 302,
      location: expect.stringMatching(/^\/sign-in/),
    });
    const caseload = await run("routes/caseload", "loader", getRequest("/caseload", staff));
    expect(caseload.status).toBe(200);
    const shell = await run("root", "loader", getRequest("/caseload", staff));
    expect(shell.body.user).not.toBeNull();
    const handedBack = await testDb()
      .selectFrom("audit_event")
      .select(["entity_id", "person_id"])
      .where("action", "=", "auth.hand-back")
      .execute();
    expect(handedBack).toEqual([{ entity_id: selfId, person_id: ref.personId }]);
  });

  it("throttles the password as sign-in does", async () => {
    const { cookie } = await handedOver();
    const statuses: number[] = [];
    for (let i = 0; i <= ACCOUNT_FAILURE_LIMIT; i++) {
      const res = await call(() =>
        gated["routes/hand-back"].module.action!({
          request: formRequest("/hand-back", { password: `wrong guess ${i}` }, cookie),
          context: context(),
          params: {},
        }),
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, ACCOUNT_FAILURE_LIMIT).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Even the right password waits out the window.
    const right = await run(
      "routes/hand-back",
      "action",
      formRequest("/hand-back", { password: TEST_PASSWORD }, cookie),
    );
    expect(right.status).toBe(429);
  });

  it("leaves a staff session that handed nothing over untouched", async () => {
    const { cookie } = await signedIn("coordinator");
    expect((await run("routes/caseload", "loader", getRequest("/caseload", cookie))).status).toBe(200);
    expect(await run("routes/hand-back", "loader", getRequest("/hand-back", cookie))).toMatchObject({
      status: 302,
      location: "/caseload",
    });
  });
});
