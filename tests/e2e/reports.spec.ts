import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, expectAccessible, signInAs, test } from "./fixtures";

const SHOTS = process.env.REPORT_SCREENSHOTS;

test("an analyst generates a report, watches it build, previews it and shares it with the commissioner", async ({
  page,
}) => {
  await signInAs(page, "analyst");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Outcome reports" })).toBeVisible();
  // The demo's archived quarterly report is there from the start.
  await expect(page.getByRole("link", { name: /Social prescribing outcomes: whole service/ }).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Generate a report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Generate an outcome report" })).toBeVisible();
  await expectAccessible(page);

  // Nothing chosen: the error is at the field, and nothing is queued.
  await page.getByRole("button", { name: "Generate report" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose the period the report covers");
  await expect(page.locator("#period-error")).toContainText("Choose the period");

  const period = page.getByLabel("Period");
  const options = await period.locator("optgroup[label='Months'] option").allTextContents();
  const lastMonth = options[1];
  await period.selectOption({ label: lastMonth });
  await page.getByLabel("What the report covers").selectOption({ label: "The whole service" });
  await page.getByRole("button", { name: "Generate report" }).click();

  // The progress page, then the report itself once the job is done.
  await expect(
    page.getByRole("heading", { level: 1, name: /Generating the report|Social prescribing outcomes/ }),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", {
      level: 1,
      name: new RegExp(`Social prescribing outcomes: whole service, ${lastMonth}`),
    }),
  ).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText("The report has been generated and archived")).toBeVisible();
  await expect(page.getByTestId("report-sha256")).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByRole("heading", { level: 2, name: "Executive summary" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Methods" })).toBeVisible();

  // As the notice says: the report's own title first, the notice under it, then the report, and sharing after it.
  const top = async (locator: ReturnType<typeof page.locator>) => (await locator.boundingBox())!.y;
  const title = page.getByRole("heading", { level: 1 });
  const notice = page.getByRole("status").filter({ hasText: "The report has been generated and archived" });
  const summary = page.getByRole("heading", { level: 2, name: "Executive summary" });
  const methods = page.getByRole("heading", { level: 2, name: "Methods" });
  const sharing = page.getByRole("heading", { level: 2, name: "Share with commissioners" });
  const tops = [await top(title), await top(notice), await top(summary), await top(methods), await top(sharing)];
  expect(tops).toEqual([...tops].sort((a, b) => a - b));
  await expect(notice).toContainText("Check it below, then share it at the end of the page");
  await notice.getByRole("link", { name: "go to sharing" }).click();
  await expect(sharing).toBeInViewport();

  const commissioner = page.getByRole("checkbox", { name: /Chris Patel \(demo\)/ });
  await commissioner.check();
  await page.getByRole("button", { name: "Save sharing" }).click();
  await expect(page.getByText(/Sharing saved: shared with 1 more/)).toBeVisible();
  await expect(commissioner).toBeChecked();
  await expectAccessible(page);
  // On a phone the sharing list (a name, an email and when it was shared) wraps instead of pushing the page
  // sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByText(/^Shared \d/).scrollIntoViewIfNeeded();
  await expect(page.getByText(/^Shared \d/)).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
  if (SHOTS) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/analyst-report-1280.png`, fullPage: true });
  }
});

test("a commissioner reads a shared report, downloads its PDF, checks its checksum, and reaches nothing else", async ({
  page,
}) => {
  await signInAs(page, "commissioner");
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole("heading", { level: 1, name: "Outcome reports" })).toBeVisible();
  await expect(page.getByText("Reports shared with you, newest first")).toBeVisible();
  await expect(page.getByRole("link", { name: "Generate a report" })).toHaveCount(0);
  await expectAccessible(page);
  // On a phone the list stacks into cards whose row labels keep each word whole ("Report", not "Rep / ort").
  await page.setViewportSize({ width: 390, height: 844 });
  const labelLines = await page.$$eval("td .nhsuk-table__heading, td .nhsuk-table-responsive__heading", (labels) =>
    labels
      .filter((l) => !l.textContent!.trim().includes(" "))
      .map((l) => {
        const range = document.createRange();
        range.selectNodeContents(l.firstChild!);
        return `${l.textContent!.trim()}: ${new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size}`;
      }),
  );
  expect(labelLines.length).toBeGreaterThan(0);
  for (const line of labelLines) expect(line).toMatch(/: 1$/);
  await page.setViewportSize({ width: 1280, height: 720 });

  const links = page.getByRole("table").getByRole("link");
  await expect(links.first()).toBeVisible();
  await links.first().click();
  await expect(page.getByRole("heading", { level: 1, name: /Social prescribing outcomes/ })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Contents" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Executive summary" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Share with commissioners" })).toHaveCount(0);
  // A link copied from the analyst's page just after generating carries `generated=1`: its "then share it" notice
  // is the analyst's, not the reader's.
  await page.goto(`${new URL(page.url()).pathname}?generated=1`);
  await expect(page.getByRole("heading", { level: 2, name: "Executive summary" })).toBeVisible();
  await expect(page.getByText("The report has been generated and archived")).toHaveCount(0);
  const sha256 = (await page.getByTestId("report-sha256").textContent())!.trim();
  expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  await expectAccessible(page);
  if (SHOTS) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/commissioner-report-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/commissioner-report-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  const reportUrl = page.url();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Download the PDF/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^connect-well-outcomes-service-(\d{4}-(Q[1-4]|\d{2})|FY\d{4})-[0-9a-f]{8}\.pdf$/,
  );
  const file = await download.path();
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha256);

  // Check a copy: the downloaded file is recognised; a text file is refused at the field.
  await page.goto("/reports/check");
  await expect(page.getByRole("heading", { level: 1, name: "Check a copy of a report" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Report PDF").setInputFiles(file);
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "This is an unaltered copy" })).toBeVisible();
  await expect(page.getByText(sha256)).toBeVisible();
  await expectAccessible(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/check-match-1280.png`, fullPage: true });

  await page
    .getByLabel("Report PDF")
    .setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf") });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.locator("#file-error")).toContainText("The file is not a PDF");
  await expectAccessible(page);

  await page.getByLabel("SHA-256 checksum").fill(sha256.toUpperCase());
  await page.getByRole("button", { name: "Check the checksum" }).click();
  await expect(page.getByRole("heading", { name: "This is an unaltered copy" })).toBeVisible();
  await page.getByLabel("SHA-256 checksum").fill("0".repeat(64));
  await page.getByRole("button", { name: "Check the checksum" }).click();
  await expect(page.getByRole("heading", { name: "It matches no report you can see" })).toBeVisible();

  // Anything else: a report id not shared answers as a missing one; the dashboard is refused; person pages answer
  // as pages that do not exist, so they confirm nothing about anyone.
  const missing = await page.goto("/reports/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  const dashboard = await page.goto("/outcomes");
  expect(dashboard?.status()).toBe(403);
  const person = await page.goto("/people/00000000-0000-4000-8000-000000000000");
  expect(person?.status()).toBe(404);
  const people = await page.goto("/people");
  expect(people?.status()).toBe(404);
  const back = await page.goto(reportUrl);
  expect(back?.status()).toBe(200);
});

test("an administrator enters a service cost, with a clear message for a wrong amount", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/costs");
  await expect(page.getByRole("heading", { level: 1, name: "Service costs" })).toBeVisible();
  await expectAccessible(page);
  const period = page.getByLabel("Period");
  const quarter = (await period.locator("optgroup[label='Quarters'] option").allTextContents())[1];
  await period.selectOption({ label: quarter });
  await page.getByLabel("Cost in pounds").fill("twelve thousand");
  await page.getByRole("button", { name: "Save cost" }).click();
  await expect(page.locator("#cost-error")).toContainText("Enter the cost in pounds, like 12,500");
  await expect(page.getByLabel("Cost in pounds")).toHaveValue("twelve thousand");
  await expectAccessible(page);
  await page.getByLabel("Cost in pounds").fill("£48,500");
  await page.getByRole("button", { name: "Save cost" }).click();
  await expect(page.getByText("Cost saved.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "£48,500" })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/costs-1280.png`, fullPage: true });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the progress page refreshes itself until the report is ready", async ({ page }) => {
    await signInAs(page, "analyst");
    await page.goto("/reports/new");
    await page.getByLabel("Period").selectOption({ index: 2 });
    await page.getByRole("button", { name: "Generate report" }).click();
    // Either the progress page (which reloads itself every 2 s) or, on a quick machine, the report already.
    await expect(
      page.getByRole("heading", { level: 1, name: /Generating the report|Social prescribing outcomes/ }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: /Social prescribing outcomes/ })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByTestId("report-sha256")).toHaveText(/^[0-9a-f]{64}$/);
  });
});
