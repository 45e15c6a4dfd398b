import { describe, expect, it } from "vitest";
import { audit } from "../../../app/audit/audit.server";
import { loader as trailLoader } from "../../../app/routes/admin.audit";
import { testDb, useTestDatabase } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { call, getRequest } from "../../support/http";

useTestDatabase();

describe("audit trail", () => {
  it("is append-only: rows cannot be updated, deleted or truncated", async () => {
    await audit(testDb(), { userId: null, role: null, requestId: "r1" }, { action: "user.update" });
    await expect(testDb().updateTable("audit_event").set({ action: "tampered" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(testDb().deleteFrom("audit_event").execute()).rejects.toThrow(/append-only/);
    const rows = await testDb().selectFrom("audit_event").select("action").execute();
    expect(rows).toEqual([{ action: "user.update" }]);
  });

  it("is filtered, sorted and paged from the URL, and reading it is itself audited", async () => {
    const { cookie, user } = await signedIn("admin");
    // 60 person reads and 60 user updates, alternating, each with its own request id in the order written.
    for (let i = 0; i < 120; i++)
      await audit(
        testDb(),
        { userId: user.id, role: "admin", requestId: `r${String(i).padStart(3, "0")}` },
        { action: i % 2 ? "person.read" : "user.update" },
      );
    const personReads = Array.from({ length: 60 }, (_, k) => `r${String(2 * k + 1).padStart(3, "0")}`);
    const page = async (query: string) => {
      const res = await call(() =>
        trailLoader({ request: getRequest(`/admin/audit?${query}`, cookie), context: context(), params: {} } as any),
      );
      expect(res.status).toBe(200);
      return res.body;
    };

    // Filtered to one domain, oldest first, 50 a page: page 1 holds the first 50 reads, page 2 the other 10.
    const first = await page("action=person&sort=occurred_at&dir=asc");
    expect(first.total).toBe(60);
    expect(first.state.page).toBe(1);
    expect(first.rows.every((r: any) => r.action === "person.read")).toBe(true);
    expect(first.rows.map((r: any) => r.requestId)).toEqual(personReads.slice(0, 50));
    const second = await page("action=person&sort=occurred_at&dir=asc&page=2");
    expect(second.total).toBe(60);
    expect(second.state.page).toBe(2);
    expect(second.rows.map((r: any) => r.requestId)).toEqual(personReads.slice(50));

    // Newest first turns the order round: page 1 starts with the last read written.
    const newest = await page("action=person&sort=occurred_at&dir=desc");
    expect(newest.rows.map((r: any) => r.requestId)).toEqual([...personReads].reverse().slice(0, 50));

    // A page past the end is empty, not the last page again.
    expect((await page("action=person&sort=occurred_at&dir=asc&page=3")).rows).toEqual([]);

    const reads = await testDb().selectFrom("audit_event").select("id").where("action", "=", "audit.read").execute();
    expect(reads).toHaveLength(4);
  });

  it("records a refused page visit as denied", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const res = await call(() =>
      trailLoader({ request: getRequest("/admin/audit", cookie), context: context(), params: {} } as any),
    );
    expect(res.status).toBe(403);
    const denied = await testDb()
      .selectFrom("audit_event")
      .select(["outcome", "actor_user_id"])
      .where("action", "=", "access.denied")
      .execute();
    expect(denied).toEqual([{ outcome: "denied", actor_user_id: user.id }]);
  });
});
