// Every triage action is area-checked with the queue's own predicate, and administrators have a read-only view of
// every area's queue (docs/decisions/0782 and 0823).
import { describe, expect, it } from "vitest";
import { NotFoundError } from "~/errors";
import { createReferral } from "../../../app/referrals/referrals.server";
import {
  closeSelfReferral,
  createPersonFromSelfReferral,
  linkSelfReferral,
  listTriageQueueAllAreas,
} from "../../../app/triage/triage.server";
import * as allAreas from "../../../app/routes/triage.all-areas";
import * as triageItem from "../../../app/routes/triage.$selfReferralId";
import { useTestDatabase, testDb } from "../../support/db";
import { context, makeUser, signedIn } from "../../support/factories";
import { call, formRequest, getRequest } from "../../support/http";
import { makeActivity, makePerson } from "../../support/people-factories";

useTestDatabase();

let n = 0;
async function selfReferral(district: string | null, extra: Record<string, unknown> = {}) {
  n += 1;
  return testDb()
    .insertInto("self_referral")
    .values({
      given_name: `Act${n}`,
      family_name: "Demo",
      client_key: `act-${n}`,
      district_code: district,
      date_of_birth: "1950-05-05",
      ...extra,
    } as never)
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

const statusOf = async (id: string) =>
  (await testDb().selectFrom("self_referral").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

describe("triage actions are area-checked as the queue is", () => {
  it("a coordinator cannot link, create from or close another district's request by its id", async () => {
    const user = await makeUser("coordinator", { districtCode: "melton" });
    const actor = { userId: user.id, role: "coordinator", requestId: "r" };
    const person = await makePerson();
    const other = await selfReferral("harborough");
    expect(await linkSelfReferral(testDb(), actor, "melton", other.id, other.version, person.id)).toBeNull();
    expect(await createPersonFromSelfReferral(testDb(), actor, "melton", other.id, other.version)).toBeNull();
    expect(await closeSelfReferral(testDb(), actor, "melton", other.id, other.version, "Test")).toBeNull();
    expect(await statusOf(other.id)).toBe("new");
    // Their own district's, and those that named none, they can.
    const own = await selfReferral("melton");
    const none = await selfReferral(null);
    expect(await linkSelfReferral(testDb(), actor, "melton", own.id, own.version, person.id)).toBe(person.id);
    expect(await closeSelfReferral(testDb(), actor, "melton", none.id, none.version, "Asked to withdraw")).toBe(true);
    expect([await statusOf(own.id), await statusOf(none.id)]).toEqual(["linked", "closed"]);
  });

  it("the page's actions answer another district's request as a missing one", async () => {
    const { cookie } = await signedIn("coordinator", { districtCode: "melton" });
    const other = await selfReferral("harborough");
    const res = await call(() =>
      triageItem.action({
        request: formRequest(
          `/triage/${other.id}`,
          { intent: "close", version: String(other.version), reason: "x" },
          cookie,
        ),
        params: { selfReferralId: other.id },
        context: context(),
      } as never),
    );
    expect(res.status).toBe(404);
    expect(await statusOf(other.id)).toBe("new");
  });

  it("a referral cannot complete another district's self-referral", async () => {
    const user = await makeUser("coordinator", { districtCode: "melton" });
    const actor = { userId: user.id, role: "coordinator", requestId: "r" };
    const person = await makePerson();
    const activity = await makeActivity("direct");
    const other = await selfReferral("harborough", { status: "linked", person_id: person.id });
    await expect(
      createReferral(testDb(), actor, person.id, {
        kind: "direct",
        activityId: activity.id,
        source: "coordinator",
        needs: ["loneliness"],
        barriers: [],
        selfReferralId: other.id,
        idempotencyKey: crypto.randomUUID(),
      } as never),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await testDb().selectFrom("referral").select("id").execute()).toEqual([]);
  });
});

describe("the administrators' all-areas view", () => {
  it("lists every area's new requests, audited per person, and cannot open or act on one", async () => {
    const { user, cookie } = await signedIn("admin");
    const a = await selfReferral("melton");
    const b = await selfReferral("harborough");
    const c = await selfReferral(null);
    await selfReferral("melton", { status: "closed" });
    const page = await call(() =>
      allAreas.loader({ request: getRequest("/triage/all-areas", cookie), params: {}, context: context() } as never),
    );
    expect(page.status).toBe(200);
    expect(page.body.rows.map((r: { id: string }) => r.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(page.body.rows.every((r: { inArea: boolean }) => !r.inArea)).toBe(true);
    const listed = await testDb()
      .selectFrom("audit_event")
      .select(["entity_id", "details"])
      .where("actor_user_id", "=", user.id)
      .where("action", "=", "person.listed")
      .execute();
    expect(listed.map((r) => r.entity_id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(listed.every((r) => (r.details as { list: string }).list === "triage.read-all-areas")).toBe(true);

    // Read-only: the request itself, and every action on it, stay with the area's coordinators.
    const open = await call(() =>
      triageItem.loader({
        request: getRequest(`/triage/${a.id}`, cookie),
        params: { selfReferralId: a.id },
        context: context(),
      } as never),
    );
    expect(open.status).toBe(403);
    const act = await call(() =>
      triageItem.action({
        request: formRequest(`/triage/${a.id}`, { intent: "close", version: String(a.version), reason: "x" }, cookie),
        params: { selfReferralId: a.id },
        context: context(),
      } as never),
    );
    expect(act.status).toBe(403);
    expect(await statusOf(a.id)).toBe("new");
  });

  it("is not open to coordinators", async () => {
    const { cookie } = await signedIn("coordinator", { districtCode: "melton" });
    const res = await call(() =>
      allAreas.loader({ request: getRequest("/triage/all-areas", cookie), params: {}, context: context() } as never),
    );
    expect(res.status).toBe(403);
    const rows = await listTriageQueueAllAreas(testDb(), { userId: null, role: "admin", requestId: "r" });
    expect(rows).toEqual([]);
  });
});
