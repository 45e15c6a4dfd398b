import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { outcomeFigures } from "../../../app/outcomes/figures.server";
import { refreshOutcomeSummaries } from "../../../app/outcomes/summaries.server";
import { reportModel, reportPdf } from "../../../app/reports/archive.server";
import { saveCost } from "../../../app/reports/costs.server";
import { jobState } from "../../../app/reports/jobs.server";
import { reportPipeline } from "../../../app/reports/pipeline.server";
import { requestReport } from "../../../app/reports/request.server";
import { createJobRunner } from "../../../app/reports/runner.server";
import { formatCell } from "../../../app/outcomes/ui/text";
import { testDb, useTestDatabase } from "../../support/db";
import { makeUser } from "../../support/factories";
import {
  outcomeActivity,
  outcomePerson,
  outcomeReferral,
  outcomeResponse,
  outcomeSession,
  ucla,
} from "../../support/outcome-factories";

useTestDatabase();

const TODAY = "2026-11-29";
const work = mkdtempSync(path.join(tmpdir(), "cw-report-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pdfText(bytes: Uint8Array): string {
  const file = path.join(work, `${createHash("sha256").update(bytes).digest("hex")}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/**
 * A generated population in July to September 2026 (2026-Q3): 40 people referred to a befriending activity, with
 * UCLA-3 baselines and follow-ups (half improving by 3 points) and two sessions each; 3 people referred to a small
 * provider's craft group; quotes from three people (one consenting and clean, one consenting but naming herself,
 * one whose consent was withdrawn).
 */
async function population() {
  const big = await outcomeActivity({ category: "befriending", name: "Tuesday calls" });
  const small = await outcomeActivity({ category: "arts_crafts", name: "Tiny craft group" });
  const members: { personId: string; referralId: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const p = await outcomePerson({ district: "melton", key: (11 * (i + 1)) % 256 });
    const r = await outcomeReferral(p.id, {
      activityId: big.id,
      received: `2026-07-${String(1 + (i % 28)).padStart(2, "0")}T09:00:00Z`,
      status: "attending",
      contactedAt: "2026-07-29T10:00:00Z",
      respondedAt: "2026-07-30T10:00:00Z",
      acceptedEvent: true,
      firstAttendedOn: "2026-08-04",
    });
    await outcomeResponse(p.id, r, "ucla3", "baseline", "2026-07-30", ucla(7));
    await outcomeResponse(p.id, r, "ucla3", "follow_up", "2026-09-20", ucla(i < 20 ? 4 : 7));
    members.push({ personId: p.id, referralId: r });
  }
  await outcomeSession(
    big.id,
    "2026-08-04",
    members.map((m) => ({ ...m, status: "present" as const })),
  );
  await outcomeSession(
    big.id,
    "2026-08-11",
    members.map((m, i) => ({ ...m, status: i % 5 === 0 ? ("absent" as const) : ("present" as const) })),
  );
  for (let i = 0; i < 3; i++) {
    const p = await outcomePerson({ district: "rutland" });
    await outcomeReferral(p.id, { activityId: small.id, received: "2026-08-10T09:00:00Z" });
  }
  const [joan, mary, pete] = members.slice(0, 3).map((m) => m.personId);
  const db = testDb();
  await db.updateTable("person").set({ given_name: "Mary", family_name: "Quill" }).where("id", "=", mary).execute();
  for (const [person, given, at] of [
    [joan, true, "2026-07-02T09:00:00Z"],
    [mary, true, "2026-07-02T09:00:00Z"],
    [pete, true, "2026-07-02T09:00:00Z"],
    [pete, false, "2026-08-02T09:00:00Z"],
  ] as const) {
    await db
      .insertInto("person_consent")
      .values({ person_id: person, kind: "quote_in_reports", given, recorded_at: at })
      .execute();
  }
  await db
    .insertInto("case_note")
    .values([
      {
        person_id: joan,
        kind: "quote",
        body: '"Tuesday\'s call is the thing I look forward to most."',
        created_at: new Date("2026-09-01T10:00:00Z"),
      },
      {
        person_id: mary,
        kind: "quote",
        body: "Everyone says hello Mary now, it's lovely.",
        created_at: new Date("2026-09-02T10:00:00Z"),
      },
      {
        person_id: pete,
        kind: "quote",
        body: "I have made two new friends.",
        created_at: new Date("2026-09-03T10:00:00Z"),
      },
    ])
    .execute();
  await refreshOutcomeSummaries(db, { now: new Date(`${TODAY}T12:00:00Z`) });
  return { big, small };
}

async function generate(
  analystId: string,
  params: { period: string; scopeKind: "service" | "provider" | "activity" | "district"; scopeId?: string },
) {
  const asked = await requestReport(testDb(), { userId: analystId, role: "analyst", requestId: "t" }, params, TODAY);
  if (!asked.ok) throw new Error(asked.refusal.message);
  const runner = createJobRunner({
    db: async () => testDb(),
    handlers: { report: (await import("../../../app/reports/generate.server")).reportJobHandler(reportPipeline) },
  });
  expect(await runner.runOnce()).toBe(true);
  const state = (await jobState(testDb(), asked.jobId))!;
  expect(state).toMatchObject({ status: "done", percent: 100 });
  const model = (await reportModel(testDb(), state.resultId!))!;
  const pdf = (await reportPdf(testDb(), state.resultId!))!;
  return { id: state.resultId!, model, pdf };
}

describe("a report from request to archive", { timeout: 120_000 }, () => {
  let analyst: { id: string };
  beforeEach(async () => {
    analyst = await makeUser("analyst");
  });

  it("holds exactly the dashboard's figures for the same filters, in its model and in its PDF's text", async () => {
    await population();
    const { model, pdf } = await generate(analyst.id, { period: "2026-Q3", scopeKind: "service" });
    const dashboard = await outcomeFigures(testDb(), { period: "2026-Q3" });
    expect(model.figures).toEqual(dashboard);
    const previous = await outcomeFigures(testDb(), { period: "2026-Q2" });
    expect(previous.withheld || previous.sections.length).toBeTruthy();

    const text = pdfText(pdf).replace(/\s+/g, " ");
    const headline = dashboard.sections.find((s) => s.id === "headline")!.tables[0];
    for (const row of headline.rows) {
      const value = row[1];
      if (typeof value === "number") expect(text).toContain(formatCell(value));
    }
    expect(text).toContain("People referred");
    expect(text).toContain(model.methods.rule.name);
    for (const sentence of model.summary.slice(0, 2)) expect(text).toContain(sentence.slice(0, 40));
  });

  it("archives the PDF with its SHA-256, and the archived model draws a byte-identical PDF again", async () => {
    await population();
    const { id, model, pdf } = await generate(analyst.id, { period: "2026-Q3", scopeKind: "service" });
    const row = await testDb()
      .selectFrom("report")
      .select(["sha256", "generated_at", "generated_by"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    expect(row.generated_by).toBe(analyst.id);
    expect(row.generated_at.toISOString()).toBe(model.generatedAt);
    // Drawn again from the stored model with its stored creation date and id, as the job drew it.
    const again = await reportPipeline.renderPdf(structuredClone(model), {
      createdAt: new Date(model.generatedAt),
      documentId: model.id,
    });
    expect(createHash("sha256").update(again).digest("hex")).toBe(row.sha256);
    const generated = await testDb()
      .selectFrom("audit_event")
      .selectAll()
      .where("action", "=", "report.generate")
      .execute();
    expect(generated).toMatchObject([{ entity_id: id, actor_user_id: analyst.id }]);
  });

  it("quotes only people who consent now, and never a quote that names the person", async () => {
    await population();
    const { model } = await generate(analyst.id, { period: "2026-Q3", scopeKind: "service" });
    expect(model.quotes).toEqual([
      { text: "Tuesday's call is the thing I look forward to most.", context: "Someone who took part in befriending" },
    ]);
    expect(JSON.stringify(model)).not.toMatch(/Mary|Quill|Outcome\d/);
  });

  it("shows value for money only when a cost was entered for that period and scope", async () => {
    await population();
    const without = await generate(analyst.id, { period: "2026-Q3", scopeKind: "service" });
    expect(without.model.valueForMoney).toBeNull();
    const admin = await makeUser("admin");
    await saveCost(
      testDb(),
      { userId: admin.id, role: "admin", requestId: "t" },
      {
        periodKey: "2026-Q3",
        scope: { kind: "service", label: "Whole service" },
        costPence: 4_300_000,
      },
    );
    const costed = await generate(analyst.id, { period: "2026-Q3", scopeKind: "service" });
    const vfm = costed.model.valueForMoney!;
    expect(vfm.cost).toBe(43_000);
    const people = costed.model.figures.sections[0].tables[0].rows.find(
      (r) => r[0] === "People referred",
    )![1] as number;
    expect(vfm.perPersonSupported).toBe(Math.round(43_000 / people));
    expect(JSON.stringify(vfm)).not.toMatch(/return on investment of|SROI ratio/i);
  });

  it("says in words when a scope has too few people, and when a period is empty, without leaking small numbers", async () => {
    const { small } = await population();
    const tiny = await generate(analyst.id, { period: "2026-Q3", scopeKind: "provider", scopeId: small.providerId });
    expect(tiny.model.figures.withheld).toBeTruthy();
    expect(tiny.model.figures.sections).toEqual([]);
    expect(tiny.model.summary.join(" ")).toMatch(/Too few people/);
    expect(tiny.model.quotes).toEqual([]);
    expect(pdfText(tiny.pdf)).toMatch(/Too few people/);

    const empty = await generate(analyst.id, { period: "2025-Q1", scopeKind: "service" });
    expect(empty.model.summary.join(" ")).toMatch(/No one was referred|Too few people/);
  });

  it("refuses a future period and an unknown scope without queuing anything", async () => {
    const actor = { userId: analyst.id, role: "analyst", requestId: "t" };
    const future = await requestReport(testDb(), actor, { period: "2027-Q1", scopeKind: "service" }, TODAY);
    expect(future).toMatchObject({ ok: false, refusal: { field: "period" } });
    const last12 = await requestReport(testDb(), actor, { period: "L12-2026-10", scopeKind: "service" }, TODAY);
    expect(last12).toMatchObject({ ok: false, refusal: { field: "period" } });
    const unknown = await requestReport(
      testDb(),
      actor,
      { period: "2026-Q3", scopeKind: "provider", scopeId: "00000000-0000-4000-8000-000000000000" },
      TODAY,
    );
    expect(unknown).toMatchObject({ ok: false, refusal: { field: "scope" } });
    const district = await requestReport(
      testDb(),
      actor,
      { period: "2026-Q3", scopeKind: "district", scopeId: "atlantis" },
      TODAY,
    );
    expect(district).toMatchObject({ ok: false, refusal: { field: "scope" } });
    expect(await testDb().selectFrom("job").select("id").execute()).toEqual([]);
  });
});
