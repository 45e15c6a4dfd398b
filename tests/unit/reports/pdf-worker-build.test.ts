// The production worker: vite.pdf-worker.config.ts builds app/reports/pdf-worker.ts into a plain ESM file beside
// the server bundle. Build it into a scratch folder and run it as the built server would, in a worker thread.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import type { PdfWorkerResponse } from "../../../app/reports/pdf-worker";
import { renderReportPdfInThread } from "../../../app/reports/pdf/render.server";
import { fixtureReportModel } from "../../fixtures/report-model";

const options = { createdAt: new Date("2026-10-02T08:30:00.000Z"), documentId: "0b6f1d2e-8a4c-4f7e-9d3b-5c2a1e7f9a01" };
// Inside the repository, so the bundle's bare imports (pdfmake, chart.js…) resolve from its node_modules.
const buildDir = mkdtempSync(join(process.cwd(), "build-worker-test-"));
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

describe("built report worker", () => {
  it("builds to one ESM file that imports no TypeScript and renders the same PDF as the source", async () => {
    const vite = spawnSync(
      process.execPath,
      ["node_modules/vite/bin/vite.js", "build", "-c", "vite.pdf-worker.config.ts"],
      {
        env: { ...process.env, BUILD_DIR: buildDir },
        encoding: "utf8",
      },
    );
    expect(vite.status, vite.stderr).toBe(0);
    const file = join(buildDir, "server", "pdf-worker.js");
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).not.toMatch(/from\s+["'][^"']*\.tsx?["']/);

    const worker = new Worker(file);
    try {
      const response = await new Promise<PdfWorkerResponse>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage({ id: 7, model: fixtureReportModel(), options });
      });
      expect(response).toMatchObject({ id: 7, ok: true });
      const here = await renderReportPdfInThread(fixtureReportModel(), options);
      expect(response.ok && Buffer.from(response.pdf).equals(Buffer.from(here))).toBe(true);
    } finally {
      await worker.terminate();
    }
  }, 180_000);
});
