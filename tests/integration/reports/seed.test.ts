import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../../db/seed/index";
import { testDb, useTestDatabase } from "../../support/db";

useTestDatabase();

// Seeding the demo data builds the outcome summaries and draws a whole report: minutes on a busy 2-core machine.
describe("demo report", { timeout: 300_000 }, () => {
  it("archives the last whole quarter for the whole service, shared with the demo commissioner", async () => {
    await seedDemo(testDb());
    const reports = await testDb().selectFrom("report").selectAll().execute();
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report).toMatchObject({ period_kind: "quarter", scope_kind: "service", scope_id: null });
    expect(report.sha256).toBe(createHash("sha256").update(report.pdf).digest("hex"));
    const shares = await testDb()
      .selectFrom("report_share as s")
      .innerJoin("app_user as u", "u.id", "s.user_id")
      .select(["u.email"])
      .where("s.report_id", "=", report.id)
      .execute();
    expect(shares).toEqual([{ email: "commissioner@demo.connectwell.example" }]);
    // People's words: the demo's quotes are spread so the archived quarter carries some, in the PDF too.
    const quotes = (report.model as { quotes: { text: string }[] }).quotes;
    expect(quotes.length).toBeGreaterThanOrEqual(1);
    expect(quotes.every((q) => q.text.length > 10)).toBe(true);
    const job = await testDb().selectFrom("job").selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: "done", result_id: report.id });
  });
});
