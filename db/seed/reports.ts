import { londonToday } from "../../app/calendar";
import { periodOf, previousPeriod } from "../../app/outcomes/periods";
import { reportJobHandler } from "../../app/reports/generate.server";
import { jobState } from "../../app/reports/jobs.server";
import { reportPipeline } from "../../app/reports/pipeline.server";
import { requestReport } from "../../app/reports/request.server";
import { createJobRunner } from "../../app/reports/runner.server";
import { setReportShares } from "../../app/reports/sharing.server";
import type { Database } from "../connection";

/**
 * The demo's archived report: the last whole quarter for the whole service, asked for by the demo analyst and
 * built by the same job as any other (figures, PDF, archive), then shared with the demo commissioner, so the
 * commissioner's journey works from the first start. Runs after the rest of the demo data is committed.
 */
export async function seedReports(db: Database, today = londonToday()): Promise<void> {
  const users = await db
    .selectFrom("app_user")
    .select(["id", "role"])
    .where("demo", "=", true)
    .where("role", "in", ["analyst", "commissioner"])
    .execute();
  const analyst = users.find((u) => u.role === "analyst");
  const commissioner = users.find((u) => u.role === "commissioner");
  if (!analyst || !commissioner) return;
  const quarter = previousPeriod(
    periodOf(`${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`, today),
  );
  if (!quarter) return;
  const actor = { userId: analyst.id, role: "analyst", requestId: "demo-seed" };
  const asked = await requestReport(db, actor, { period: quarter.key, scopeKind: "service" }, today);
  if (!asked.ok) throw new Error(`demo report refused: ${asked.refusal.message}`);
  const runner = createJobRunner({
    db: async () => db,
    handlers: { report: reportJobHandler(reportPipeline) },
    workerId: "demo-seed",
  });
  await runner.runOnce();
  const job = await jobState(db, asked.jobId);
  if (job?.status !== "done" || !job.resultId) throw new Error(`demo report not generated: ${job?.lastError}`);
  await setReportShares(db, actor, job.resultId, [commissioner.id]);
}
