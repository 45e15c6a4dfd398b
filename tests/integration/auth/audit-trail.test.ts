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
    for (let i = 0; i < 60; i++)
      await audit(
        testDb(),
        { userId: user.id, role: "admin", requestId: `r${i}` },
        { action: i % 2 ? "person.read" : "user.update" },
      );
    const page1 = await call(() =>
      trailLoader({
        request: getRequest("/admin/audit?action=person&sort=occurred_at&dir=asc", cookie),
        context: context(),
        params: {},
      } as any),
    );
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(30);
    expect(page1.body.rows).toHaveLength(30);
    expect(page1.body.rows.every((r: any) => r.action === "person.read")).toBe(true);
    const all = await call(() =>
      trailLoader({ request: getRequest("/admin/audit?page=2", cookie), context: context(), params: {} } as any),
    );
    expect(all.body.total).toBeGreaterThanOrEqual(61);
    expect(all.body.rows.length).toBeGreaterThan(0);
    expect(all.body.state.page).toBe(2);
    const reads = await testDb().selectFrom("audit_event").select("id").where("action", "=", "audit.read").execute();
    expect(reads).toHaveLength(2);
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
