import { createHash } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { loader as reportLoader, action as shareAction } from "../../../app/routes/reports.$reportId._index";
import { loader as pdfLoader } from "../../../app/routes/reports.$reportId.pdf";
import { loader as listLoader } from "../../../app/routes/reports._index";
import { action as checkAction } from "../../../app/routes/reports.check";
import { setReportShares } from "../../../app/reports/sharing.server";
import { FieldError } from "../../../app/errors";
import { testDb, useTestDatabase } from "../../support/db";
import { context, makeUser, signedIn } from "../../support/factories";
import { call, formRequest, getRequest } from "../../support/http";
import { archivedFixture } from "./fixtures";

useTestDatabase();

const NOT_FOUND_ID = "00000000-0000-4000-8000-000000000000";

async function auditRows(action: string) {
  return testDb().selectFrom("audit_event").selectAll().where("action", "=", action).orderBy("id").execute();
}

async function share(reportId: string, by: string, ids: string[]) {
  return setReportShares(testDb(), { userId: by, role: "analyst", requestId: "t" }, reportId, ids);
}

const args = (request: Request, reportId: string) => ({ request, context: context(), params: { reportId } }) as any;

describe("report archive", () => {
  it("stores the PDF with its SHA-256, and refuses any change to an archived report", async () => {
    const analyst = await makeUser("analyst");
    const { id, pdf, sha256 } = await archivedFixture(analyst.id);
    expect(sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    const row = await testDb().selectFrom("report").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(sha256);
    expect(new Uint8Array(row.pdf)).toEqual(pdf);
    expect(row).toMatchObject({ period_key: "2026-Q3", scope_kind: "service", rule_code: "nhs_small_numbers" });
    await expect(sql`update report set title = 'changed' where id = ${id}`.execute(testDb())).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(sql`delete from report where id = ${id}`.execute(testDb())).rejects.toThrow(/cannot be changed/);
  });
});

describe("a commissioner's reports", () => {
  it("lists only the reports shared with them, newest first", async () => {
    const analyst = await makeUser("analyst");
    const { user, cookie } = await signedIn("commissioner");
    const older = await archivedFixture(analyst.id, { generatedAt: "2026-07-01T09:00:00.000Z" });
    const newer = await archivedFixture(analyst.id, { generatedAt: "2026-10-01T09:00:00.000Z" });
    await archivedFixture(analyst.id);
    await share(older.id, analyst.id, [user.id]);
    await share(newer.id, analyst.id, [user.id]);
    const res = await call(() => listLoader({ request: getRequest("/reports", cookie), context: context() } as any));
    expect(res.body.reports.map((r: { id: string }) => r.id)).toEqual([newer.id, older.id]);
    expect(res.body.manages).toBe(false);
    expect(await auditRows("report.list")).toHaveLength(1);
  });

  it("reads and downloads a shared report, each audited; the PDF is an attachment named without personal data", async () => {
    const analyst = await makeUser("analyst");
    const { user, cookie } = await signedIn("commissioner");
    const report = await archivedFixture(analyst.id);
    await share(report.id, analyst.id, [user.id]);

    const page = await call(() => reportLoader(args(getRequest(`/reports/${report.id}`, cookie), report.id)));
    expect(page.status).toBe(200);
    expect(page.body.sha256).toBe(report.sha256);
    expect(page.body.model.title).toBe(report.model.title);
    expect(page.body.shares).toBeUndefined();
    expect(await auditRows("report.view")).toMatchObject([{ entity_id: report.id, actor_user_id: user.id }]);

    const response = (await pdfLoader(args(getRequest(`/reports/${report.id}/pdf`, cookie), report.id))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="connect-well-outcomes-service-2026-Q3-${report.sha256.slice(0, 8)}.pdf"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(report.sha256);
    expect(await auditRows("report.download")).toMatchObject([{ entity_id: report.id, actor_user_id: user.id }]);
  });

  it("answers a report not shared with them exactly as a missing one (404), with an access-denied audit row", async () => {
    const analyst = await makeUser("analyst");
    const { user, cookie } = await signedIn("commissioner");
    const other = await makeUser("commissioner");
    const report = await archivedFixture(analyst.id);
    await share(report.id, analyst.id, [other.id]);

    const notShared = await call(() => reportLoader(args(getRequest(`/reports/${report.id}`, cookie), report.id)));
    const missing = await call(() => reportLoader(args(getRequest(`/reports/${NOT_FOUND_ID}`, cookie), NOT_FOUND_ID)));
    const malformed = await call(() => reportLoader(args(getRequest(`/reports/nope`, cookie), "nope")));
    expect(notShared).toEqual(missing);
    expect(notShared).toEqual(malformed);
    expect(notShared.status).toBe(404);
    const download = await call(() => pdfLoader(args(getRequest(`/reports/${report.id}/pdf`, cookie), report.id)));
    expect(download.status).toBe(404);

    const denied = await auditRows("access.denied");
    expect(denied).toHaveLength(4);
    expect(denied[0]).toMatchObject({ actor_user_id: user.id, outcome: "denied", entity_id: report.id });
    expect(denied[0].details).toMatchObject({ attempted: "report.view" });
    expect(denied[3].details).toMatchObject({ attempted: "report.download" });
    expect(await auditRows("report.view")).toHaveLength(0);
    expect(await auditRows("report.download")).toHaveLength(0);
  });

  it("is refused the outcome dashboard and person pages", async () => {
    const { cookie } = await signedIn("commissioner");
    const { loader: outcomes } = await import("../../../app/routes/outcomes");
    const { loader: person } = await import("../../../app/routes/people.$personId._index");
    const dashboard = await call(() =>
      outcomes({ request: getRequest("/outcomes", cookie), context: context(), params: {} } as any),
    );
    expect(dashboard.status).toBe(403);
    const page = await call(() =>
      person({
        request: getRequest(`/people/${NOT_FOUND_ID}`, cookie),
        context: context(),
        params: { personId: NOT_FOUND_ID },
      } as any),
    );
    // Answered as a page that does not exist: a refusal would confirm the person does.
    expect(page.status).toBe(404);
  });
});

describe("sharing", () => {
  it("shares with and unshares from active commissioners only, auditing each change", async () => {
    const { user: analyst, cookie } = await signedIn("analyst");
    const c1 = await makeUser("commissioner");
    const c2 = await makeUser("commissioner");
    const disabled = await makeUser("commissioner", { disabled: true });
    const prescriber = await makeUser("prescriber");
    const report = await archivedFixture(analyst.id);

    const page = await call(() => reportLoader(args(getRequest(`/reports/${report.id}`, cookie), report.id)));
    expect(page.body.shares.map((s: { id: string }) => s.id).sort()).toEqual([c1.id, c2.id].sort());

    const first = await call(() =>
      shareAction(args(formRequest(`/reports/${report.id}`, { commissioner: [c1.id, c2.id] }, cookie), report.id)),
    );
    expect(first.body).toMatchObject({ ok: true, added: 2, removed: 0 });
    const second = await call(() =>
      shareAction(args(formRequest(`/reports/${report.id}`, { commissioner: [c2.id] }, cookie), report.id)),
    );
    expect(second.body).toMatchObject({ ok: true, added: 0, removed: 1 });
    const shares = await testDb()
      .selectFrom("report_share")
      .select("user_id")
      .where("report_id", "=", report.id)
      .execute();
    expect(shares.map((s) => s.user_id)).toEqual([c2.id]);

    expect(
      (await auditRows("report.share")).map((r) => (r.details as { commissionerId: string }).commissionerId).sort(),
    ).toEqual([c1.id, c2.id].sort());
    expect(await auditRows("report.unshare")).toMatchObject([
      { entity_id: report.id, details: { commissionerId: c1.id } },
    ]);

    for (const wrong of [disabled.id, prescriber.id]) {
      const refused = await call(() =>
        shareAction(args(formRequest(`/reports/${report.id}`, { commissioner: [c2.id, wrong] }, cookie), report.id)),
      );
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ errors: { commissioner: "Choose commissioners from the list" } });
    }
    const notACommissioner = await share(report.id, analyst.id, [prescriber.id]).catch((e: unknown) => e);
    expect(notACommissioner).toBeInstanceOf(FieldError);
    expect(notACommissioner).toMatchObject({ field: "commissioner", message: "Choose commissioners from the list" });
    const still = await testDb()
      .selectFrom("report_share")
      .select("user_id")
      .where("report_id", "=", report.id)
      .execute();
    expect(still.map((s) => s.user_id)).toEqual([c2.id]);
  });

  it("a commissioner cannot share", async () => {
    const analyst = await makeUser("analyst");
    const { cookie } = await signedIn("commissioner");
    const report = await archivedFixture(analyst.id);
    const refused = await call(() =>
      shareAction(args(formRequest(`/reports/${report.id}`, { commissioner: [] }, cookie), report.id)),
    );
    expect(refused.status).toBe(403);
  });
});

describe("check a copy", () => {
  function upload(cookie: string, bytes: Uint8Array, name = "report.pdf") {
    const form = new FormData();
    form.set("how", "file");
    form.set("file", new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
    return new Request("http://localhost/reports/check", { method: "POST", headers: { Cookie: cookie }, body: form });
  }
  const run = (request: Request) => call(() => checkAction({ request, context: context(), params: {} } as any));

  it("names the archived report a file or checksum is, only to someone who may see it", async () => {
    const analyst = await makeUser("analyst");
    const { user, cookie } = await signedIn("commissioner");
    const report = await archivedFixture(analyst.id);
    const byFile = await run(upload(cookie, report.pdf));
    expect(byFile.body.result).toMatchObject({ outcome: "none", sha256: report.sha256 });

    await share(report.id, analyst.id, [user.id]);
    const matched = await run(upload(cookie, report.pdf));
    expect(matched.body.result).toMatchObject({ outcome: "match", id: report.id, how: "file" });
    const pasted = await run(
      formRequest("/reports/check", { how: "checksum", sha256: ` ${report.sha256.toUpperCase()} ` }, cookie),
    );
    expect(pasted.body.result).toMatchObject({ outcome: "match", id: report.id, how: "checksum" });

    const altered = new Uint8Array(report.pdf);
    altered[altered.length - 2] ^= 1;
    expect((await run(upload(cookie, altered))).body.result).toMatchObject({ outcome: "none" });
    const checks = await auditRows("report.check");
    expect(checks).toHaveLength(4);
    expect(checks[1]).toMatchObject({ entity_id: report.id, details: { matched: true, how: "file" } });
  });

  it("refuses a non-PDF, an empty choice, a malformed checksum and an over-large upload, at the field", async () => {
    const { cookie } = await signedIn("commissioner");
    const text = await run(upload(cookie, new TextEncoder().encode("hello, not a pdf"), "notes.pdf"));
    expect(text.status).toBe(400);
    expect(text.body.errors.file).toMatch(/not a PDF/);
    const empty = await run(upload(cookie, new Uint8Array(), "empty.pdf"));
    expect(empty.body.errors.file).toMatch(/Choose/);
    const bad = await run(formRequest("/reports/check", { how: "checksum", sha256: "abc123" }, cookie));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.sha256).toMatch(/64 characters/);
    expect(bad.body.values.sha256).toBe("abc123");
    const huge = new Request("http://localhost/reports/check", {
      method: "POST",
      headers: {
        Cookie: cookie,
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": String(20 * 1024 * 1024),
      },
      body: "--x--",
    });
    const tooLarge = await run(huge);
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.errors.file).toMatch(/larger than 10 MB/);
    expect(await auditRows("report.check")).toHaveLength(0);
  });

  it("refuses an over-large file that declares no length once 10 MB of it is read, without reading the rest", async () => {
    const { cookie } = await signedIn("commissioner");
    // A 64 MB file part sent as a stream (as a chunked upload arrives): no Content-Length to refuse it by.
    const head = new TextEncoder().encode(
      '--x\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-',
    );
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    let chunks = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks === 0 ? head : chunks <= 64 ? chunk : new TextEncoder().encode("\r\n--x--\r\n");
        if (chunks > 65) return controller.close();
        chunks += 1;
        sent += next.byteLength;
        controller.enqueue(next);
      },
    });
    const request = new Request("http://localhost/reports/check", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=x" },
      body,
      duplex: "half",
    } as RequestInit);
    const refused = await run(request);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.file).toMatch(/larger than 10 MB/);
    expect(sent).toBeLessThan(16 * 1024 * 1024);
    expect(await auditRows("report.check")).toHaveLength(0);
  });
});
