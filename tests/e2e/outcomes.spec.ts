import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test } from "./fixtures";

// The analyst's day on the demo data: open the dashboard, filter to Melton and people aged 75 and over, read the
// change in loneliness, download a table as CSV and check it holds what the page shows.

/** Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  return records;
}

/** A cell as the CSV writes it, from its text on the page: "*" for suppressed, numbers bare, no unit or separators. */
function asCsvValue(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t === "* suppressed" || t === "*suppressed") return "*";
  if (t === "– not applicable" || t === "–not applicable") return "";
  const number = t
    .replace(/,/g, "")
    .replace(/^−/, "-")
    .replace(/(%| days?)$/, "");
  return /^-?\d+(\.\d+)?$/.test(number) ? String(Number(number)) : t;
}

/** The body rows of a figure table, each cell without the column name the narrow layout adds. */
async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll("th, td")).map(
          (cell) => cell.querySelector(".app-figure-table__value")?.textContent ?? cell.textContent ?? "",
        ),
      ),
    );
}

/** With SCREENSHOTS_DIR set, saves the page at desktop width and at a phone's width (390 × 844) to look over. */
async function look(page: Page, name: string) {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${dir}/outcomes-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${dir}/outcomes-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("an analyst filters to Melton and 75 and over, reads the change in loneliness and downloads a table as CSV", async ({
  page,
}) => {
  await signInAs(page, "analyst");
  await page.goto("/outcomes");
  await expect(page.getByRole("heading", { level: 1, name: "Outcome dashboard" })).toBeVisible();
  // The rule in force and what * means, and when the figures were brought up to date.
  const view = page.locator(".nhsuk-card").first();
  await expect(view.getByText("Small numbers")).toBeVisible();
  await expect(view.getByText(/\*/)).toBeVisible();
  await expect(view.getByText(/Figures as of \d{2}:\d{2}/)).toBeVisible();

  await page.getByLabel("District", { exact: true }).selectOption({ label: "Melton" });
  await page.getByLabel("Age band", { exact: true }).selectOption({ label: "75 and over" });
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page).toHaveURL(/district=melton/);
  await expect(page).toHaveURL(/age=75/);
  await expect(view.getByText("District: Melton; Age band: 75 and over")).toBeVisible();

  // The change in loneliness (UCLA-3) with its confidence interval, or the reason it is not shown: on the full
  // demo data Melton's over-75s have enough pairs; on the browser tests' smaller data set the whole view is
  // withheld, with the reason, and the rest of the journey reads the whole service.
  const outcomes = page.locator("section[aria-labelledby=section-outcomes]");
  const viewWithheld = page.getByRole("heading", { name: /Figures not shown for this view/ });
  await expect(outcomes.or(viewWithheld).first()).toBeVisible();
  if (await viewWithheld.isVisible()) {
    await expect(page.locator(".nhsuk-warning-callout")).toContainText(/fewer than|too few|small/i);
    await expectAccessible(page);
    await look(page, "melton-75-withheld");
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(view.getByText("Everyone referred (no filters)")).toBeVisible();
  }
  const loneliness = page.locator("#outcome-ucla3-total");
  await expect(loneliness).toBeVisible();
  const meanChange = loneliness.locator("tbody tr").filter({ hasText: "Mean change" });
  if ((await meanChange.count()) === 0) {
    // The whole table is withheld, with the reason in its place.
    await expect(loneliness.locator(".app-figure-withheld")).toContainText(/Not shown/);
  } else {
    const cells = await meanChange.locator(".app-figure-table__value").allTextContents();
    const [change, low, high] = cells.slice(1).map(asCsvValue);
    if (change === "*") {
      // Too few pairs for change figures at this filter: the table says why (Warwick minimum, or a small group).
      await expect(loneliness.getByText(/Not shown|at least 30 people/).first()).toBeVisible();
    } else {
      expect(Number(low)).toBeLessThanOrEqual(Number(change));
      expect(Number(high)).toBeGreaterThanOrEqual(Number(change));
    }
  }

  // Sections with an in-page contents list, charts drawn with their names, tables beneath.
  const contents = page.getByRole("navigation", { name: "Sections on this page" });
  for (const name of ["Headline", "Reach", "Engagement", "Outcomes", "Equity"]) {
    await expect(contents.getByRole("link", { name: new RegExp(name, "i") })).toBeVisible();
  }
  await expect(page.locator("canvas[role=img]").first()).toBeVisible();
  expect(await page.locator("canvas[role=img]").count()).toBeGreaterThan(2);

  // Small numbers are marked, not shown.
  expect(
    await page
      .locator("td, th")
      .filter({ hasText: /^\*\s*suppressed$/ })
      .count(),
  ).toBeGreaterThan(0);

  await expectAccessible(page);
  await look(page, "dashboard");

  // A table downloads as CSV holding what the page shows.
  const figure = outcomes
    .locator(".app-figure")
    .filter({ has: page.locator("table") })
    .first();
  const title = (await figure.locator("h3").textContent())!.trim();
  const shown = await tableRows(figure.locator("table"));
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("link", { name: /Download CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^connect-well-[a-z0-9-]+-l12-\d{4}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const records = parseCsv(text.slice(1));
  expect(records[0]).toEqual([title]);
  expect(records.find((r) => r[0] === "View")?.[1]).toBe(
    (await view.locator("dd").nth(1).textContent())!.replace("Everyone referred (no filters)", "Whole service"),
  );
  const header = records.findIndex((r, i) => i > 0 && records[i - 1].length === 1 && records[i - 1][0] === "");
  const body = records.slice(header + 1, header + 1 + shown.length);
  expect(body).toEqual(shown.map((row) => row.map(asCsvValue)));
  expect(records.some((r) => r[0] === "Disclosure control" && r[1].includes("*"))).toBe(true);
});

test("filters that are not on the lists get a message at the field, never a crash", async ({ page }) => {
  await signInAs(page, "analyst");
  const response = await page.goto("/outcomes?district=atlantis&period=1999-13");
  expect(response?.status()).toBe(400);
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: /district/i })).toBeVisible();
  await expect(page.locator("#district-error")).toBeVisible();
  await expect(page.locator("#period-error")).toBeVisible();
  await expectAccessible(page);

  // A third filter is refused with the rule.
  await page.goto("/outcomes?district=melton&age=75&sex=female");
  await expect(page.getByRole("alert")).toContainText(/at most 2 filters/);
});

test("prescribers and activity leads cannot open the dashboard or its downloads", async ({ page }) => {
  for (const role of ["prescriber", "activity_lead"] as const) {
    await page.context().clearCookies();
    await signInAs(page, role);
    const response = await page.goto("/outcomes");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have permission to see this page" })).toBeVisible();
    const csv = await page.request.get("/outcomes/csv/headline?period=");
    expect(csv.status()).toBe(403);
  }
});

test("an administrator switches the small-number rule, and the dashboard says which rule applies", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Small-number rule" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Small-number rule" })).toBeVisible();
  await expect(page.getByText("In use now: NHS England small-number rule")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel(/Cell-key perturbation/).check();
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await expect(page.getByText(/In use now: Cell-key perturbation/)).toBeVisible();
  await page.goto("/outcomes");
  await expect(page.locator(".nhsuk-card").first()).toContainText("Cell-key perturbation");

  // Back to the default, so other journeys read the figures as before.
  await page.goto("/admin/disclosure");
  await page.getByLabel("NHS England small-number rule").check();
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByText("In use now: NHS England small-number rule")).toBeVisible();
});
