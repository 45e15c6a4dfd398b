import { describe, expect, it } from "vitest";
import { listTriageQueue, readSelfReferral } from "../../../app/triage/triage.server";
import { useTestDatabase, testDb } from "../../support/db";
import { makeUser } from "../../support/factories";

useTestDatabase();

let n = 0;
async function selfReferral(district: string | null) {
  n += 1;
  return testDb()
    .insertInto("self_referral")
    .values({ given_name: `Area${n}`, family_name: "Demo", client_key: `area-${n}`, district_code: district } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
}

describe("the triage queue is the coordinator's own area", () => {
  it("lists their district and requests that named none, never another district's", async () => {
    const user = await makeUser("coordinator", { districtCode: "melton" });
    const actor = { userId: user.id, role: "coordinator", requestId: "r" };
    const own = await selfReferral("melton");
    const none = await selfReferral(null);
    const other = await selfReferral("harborough");
    const queue = await listTriageQueue(testDb(), actor, "melton");
    expect(queue.map((r) => r.id)).toEqual([own.id, none.id]);
    expect(await readSelfReferral(testDb(), actor, own.id, "melton")).not.toBeNull();
    expect(await readSelfReferral(testDb(), actor, none.id, "melton")).not.toBeNull();
    // Another area's request answers as a missing one, and is not read, so no audit row names it.
    expect(await readSelfReferral(testDb(), actor, other.id, "melton")).toBeNull();
    const reads = await testDb()
      .selectFrom("audit_event")
      .select("entity_id")
      .where("action", "=", "self-referral.read")
      .execute();
    expect(reads.map((r) => r.entity_id).sort()).toEqual([own.id, none.id].sort());
  });

  it("a coordinator with no district sees only requests that named none", async () => {
    const user = await makeUser("coordinator");
    const actor = { userId: user.id, role: "coordinator", requestId: "r" };
    const none = await selfReferral(null);
    const other = await selfReferral("harborough");
    expect((await listTriageQueue(testDb(), actor, null)).map((r) => r.id)).toEqual([none.id]);
    expect(await readSelfReferral(testDb(), actor, other.id, null)).toBeNull();
  });
});
