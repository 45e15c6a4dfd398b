import type { Page } from "@playwright/test";
import { expect as baseExpect, expectAccessible, signInAs, signOut, test } from "./fixtures";

// What each role sees in a working day, and what reaches the next person in the chain (issue 16).
const expect = baseExpect.configure({ timeout: 15_000 });

/** The computed font-family of the page's body text (a paragraph in main, else main itself). */
async function bodyFont(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector("main p") ?? document.querySelector("main")!;
    return getComputedStyle(el).fontFamily;
  });
}

/** The id of the element that has focus, or its tag when it has none. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? el.className || el.tagName : null;
  });
}

test("every page uses the NHS.UK Arial stack, never the browser's serif default", async ({ page }) => {
  for (const path of ["/start", "/sign-in", "/privacy"]) {
    await page.goto(path);
    expect(await bodyFont(page), path).toMatch(/^arial, sans-serif$/i);
  }
  await signInAs(page, "prescriber");
  for (const path of ["/caseload", "/people", "/directory"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await bodyFont(page), path).toMatch(/^arial, sans-serif$/i);
    const buttonFont = await page.evaluate(() => {
      const b = document.querySelector("button");
      return b ? getComputedStyle(b).fontFamily : "arial, sans-serif";
    });
    expect(buttonFont, `${path} button`).toMatch(/^arial, sans-serif$/i);
  }
});

test("after a failed submit the error summary takes focus, and again after a second failed submit", async ({
  page,
}) => {
  await page.goto("/start");
  await page.getByRole("button", { name: "Ask for a call back" }).click();
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect.poll(() => focused(page)).toBe("nhsuk-error-summary");
  // Focus moves away, the user tries again with the same gap: focus comes back to the summary.
  await page.getByLabel("First name").fill("Ada");
  await page.getByRole("button", { name: "Ask for a call back" }).click();
  await expect(page.getByLabel("First name")).toHaveValue("Ada");
  await expect.poll(() => focused(page)).toBe("nhsuk-error-summary");

  await signInAs(page, "admin");
  await page.goto("/admin/users/new");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect.poll(() => focused(page)).toBe("nhsuk-error-summary");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the error summary still takes focus when the page comes back from the server", async ({ page }) => {
    await page.goto("/start");
    await page.getByRole("button", { name: "Ask for a call back" }).click();
    await expect(page.getByRole("alert")).toContainText("There is a problem");
    await expect.poll(() => focused(page)).toBe("nhsuk-error-summary");
  });
});

test("/start and every footer link to real privacy, accessibility and cookies statements", async ({ page }) => {
  await page.goto("/start");
  const main = page.getByRole("main");
  for (const [name, heading] of [
    ["privacy notice", "Privacy notice"],
    ["accessibility statement", "Accessibility statement"],
    ["cookies statement", "Cookies"],
  ] as const) {
    await page.goto("/start");
    await main.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  }
  await expect(page.getByRole("cell", { name: /^(__Host-)?session$/ })).toBeVisible();

  await page.goto("/privacy");
  await expect(page.getByText(/lawful basis/i).first()).toBeVisible();
  await expect(page.getByText(/8 years after your last contact/)).toBeVisible();

  await signInAs(page, "activity_lead");
  const footer = page.getByRole("contentinfo");
  for (const name of ["Privacy notice", "Accessibility statement", "Cookies"]) {
    await expect(footer.getByRole("link", { name })).toBeVisible();
  }
  await footer.getByRole("link", { name: "Accessibility statement" }).click();
  await expect(page.getByRole("heading", { name: "Known issues" })).toBeVisible();
  // Signed in, the statements keep the user's header and menu.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

const roleNames = ["prescriber", "coordinator", "activity_lead", "analyst", "commissioner", "admin"] as const;

/** Same-site links on the page, without fragments, sign-out, downloads (a report's PDF, a table's CSV) or the public API. */
async function linksOn(page: Page) {
  const hrefs = await page.$$eval("a[href^='/']:not([download])", (as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.map((h) => h.split("#")[0]))].filter(
    (h) =>
      h &&
      !h.startsWith("/api/") &&
      !/\.(pdf|csv|svg|png)(\?|$)/.test(h) &&
      !/\/(pdf|csv)(\/|\?|$)/.test(h) &&
      !h.startsWith("/sign-out"),
  );
}

for (const role of roleNames) {
  test(`a ${role} is never shown a link that answers 403, three clicks deep from their menu`, async ({ page }) => {
    await signInAs(page, role);
    const visited = new Set<string>();
    const refused: string[] = [];
    const start = await linksOn(page);
    const queue = start.map((href) => ({ href, depth: 1, from: page.url() }));
    // Pages one and two clicks from the menu are opened and their links followed; links on the second are checked.
    while (queue.length && visited.size < 80) {
      const { href, depth, from } = queue.shift()!;
      if (visited.has(href)) continue;
      visited.add(href);
      const response = await page.goto(href);
      if (response?.status() === 403) refused.push(`${href} (linked from ${from})`);
      if (depth < 3 && response?.ok()) {
        for (const next of await linksOn(page))
          if (!visited.has(next)) queue.push({ href: next, depth: depth + 1, from: href });
      }
    }
    expect(refused).toEqual([]);
  });
}

test("a signed-in user's error pages offer their home page, never 'Sign in'", async ({ page }) => {
  await signInAs(page, "prescriber");
  for (const [path, status, heading] of [
    ["/no-such-page", 404, "Page not found"],
    ["/people/00000000-0000-4000-8000-000000000000", 404, "Page not found"],
    ["/admin/users", 403, "You do not have permission to see this page"],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(status);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: "Go to your home page" })).toHaveAttribute("href", "/caseload");
    await expect(main.getByRole("link", { name: "Sign in" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
});

/** Fails when the page, or any table on it, is wider than a 390 px phone screen, or a box in it scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const widths = await page.evaluate(() => ({
    page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    tableEdges: [...document.querySelectorAll("main table")].map((t) => Math.round(t.getBoundingClientRect().right)),
    scrollers: [...document.querySelectorAll("main *")]
      .filter((e) => /auto|scroll/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth)
      .map((e) => `${e.tagName}.${e.className}`),
  }));
  expect(widths.page[0], `${label}: page width`).toBeLessThanOrEqual(widths.page[1]);
  for (const right of widths.tableEdges) expect(right, `${label}: table edge`).toBeLessThanOrEqual(390);
  expect(widths.scrollers, `${label}: boxes scrolling sideways`).toEqual([]);
}

test("data tables stack or reflow at 390 px instead of scrolling sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "admin");
  for (const path of ["/admin/users", "/admin/audit", "/providers"]) {
    await page.goto(path);
    await expect(page.getByRole("table").first()).toBeVisible();
    await expectNoSidewaysScroll(page, path);
  }
  await signOut(page);
  await signInAs(page, "prescriber");
  await page.goto("/caseload");
  await expectNoSidewaysScroll(page, "/caseload");
  // Demo people with referrals and measures on several scales: their person and measures pages hold tables.
  for (const family of ["Demo-Pickering", "Demo-Fairbrother"]) {
    await page.goto("/people");
    await page.getByLabel("Find a person by name or NHS number").fill(family);
    await page.getByRole("button", { name: "Search" }).click();
    await page
      .getByRole("link", { name: new RegExp(family) })
      .first()
      .click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page, `${family} person page`);
    await page.goto(`${new URL(page.url()).pathname}/measures`);
    await expect(page.getByRole("table").first()).toBeVisible();
    await expectNoSidewaysScroll(page, `${family} measures page`);
  }
});

test("the administrator sees listings to check and when each user last signed in; the lead sees their next session", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Listings to check" })).toBeVisible();
  await page.goto("/admin/users");
  await expect(page.getByRole("columnheader", { name: "Last signed in" })).toBeVisible();
  const me = page.getByRole("row").filter({ hasText: "admin@demo.connectwell.example" });
  await expect(me).not.toContainText("Never");
  await expectAccessible(page);
  await signOut(page);

  await signInAs(page, "activity_lead");
  await expect(page.getByText(/Your next session:|No sessions are planned/)).toBeVisible();
  await expectAccessible(page);
});

/**
 * The table cells on the page whose text wraps inside a word ("Tuesda / y"): each word of each cell (letters and
 * digits, so a line may still break at a hyphen, a slash or a space) must lie on one line.
 */
async function cellsBrokenMidWord(page: Page) {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll("main td, main th")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const m of text.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(`${m[0]} (in "${(cell.textContent ?? "").trim().slice(0, 40)}")`);
        }
      }
    }
    return broken;
  });
}

test("at 390 px no table cell on the lead's or the administrator's pages breaks a word", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "activity_lead");
  const leadPages = ["/my-activities"];
  await page.getByRole("link", { name: "Schedule and sessions for Chatter Chairs seated exercise" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /schedule and sessions/ })).toBeVisible();
  leadPages.push(new URL(page.url()).pathname, `${new URL(page.url()).pathname}?earlier=1`);
  for (const path of leadPages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await cellsBrokenMidWord(page), path).toEqual([]);
  }
  await signOut(page);
  await signInAs(page, "admin");
  const menu = await page
    .getByRole("navigation", { name: "Menu" })
    .getByRole("link")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  for (const path of [...menu, "/admin"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await cellsBrokenMidWord(page), path).toEqual([]);
  }
});

test("the lead's sessions start this week, a past session with no register says so, and earlier ones are a link away", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "activity_lead");
  await page.getByRole("link", { name: "Schedule and sessions for Chatter Chairs seated exercise" }).click();
  const sessions = page.getByRole("table", { name: "Sessions from this week to eight weeks ahead" });
  await expect(sessions).toBeVisible();
  await expect(page.getByText("Scheduled", { exact: true }).first()).toBeVisible();
  // No row of the list is from before this week (the demo's sessions reach four weeks back).
  const dates = await sessions
    .locator("tbody tr td:first-child")
    .evaluateAll((tds) => tds.map((td) => (td.textContent ?? "").replace(/^Date\s*/, "").replace(" (today)", "")));
  const monday = new Date();
  monday.setHours(0, 0, 0, 0);
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  for (const d of dates) expect(new Date(d).getTime(), d).toBeGreaterThanOrEqual(monday.getTime());
  // Past sessions never taken read so, here and on the lead's home, and their registers can still be taken.
  const notTaken = page.getByRole("table", { name: "Earlier sessions with no register" });
  await expect(notTaken.getByText("Register not taken").first()).toBeVisible();
  await page.getByRole("link", { name: "Earlier sessions" }).click();
  await expect(page.getByRole("table", { name: /from four weeks before this week/ })).toBeVisible();
  await expect(page.getByText("Register not taken").first()).toBeVisible();
  await page.goto("/my-activities");
  await expect(page.getByRole("heading", { name: "Registers not taken" })).toBeVisible();
  // People waiting for an answer come before old registers, however many of those there are.
  const sections = await page.getByRole("heading", { level: 2 }).allTextContents();
  expect(sections.indexOf("Referrals waiting for your answer")).toBeLessThan(sections.indexOf("Registers not taken"));
  await page
    .getByRole("link", { name: /^Take register for Chatter Chairs seated exercise on/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /^Register for/ })).toBeVisible();
  await expect(page.getByText("Register not taken.")).toBeVisible();
  await expect(page.getByText("Scheduled")).toHaveCount(0);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    test("'Mark everyone present' marks each person present without saving, and the lead then saves", async ({
      page,
    }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signInAs(page, "activity_lead");
      await page.goto("/my-activities");
      // A past register nobody has taken (the first for the JavaScript run, the next for the other).
      await page
        .getByRole("link", { name: /^Take register for Chatter Chairs seated exercise on/ })
        .first()
        .click();
      await expect(page.getByRole("heading", { level: 1, name: /^Register for/ })).toBeVisible();
      const groups = page.getByRole("group").filter({ has: page.getByLabel("Present", { exact: true }) });
      const count = await groups.count();
      expect(count).toBeGreaterThan(1);
      await groups.first().getByLabel("Absent", { exact: true }).check();
      await page.getByRole("button", { name: "Mark everyone present" }).click();
      await expect(page.getByText("Everyone marked present: check and save")).toBeVisible();
      await expect(page.getByText("Register not taken.")).toBeVisible();
      for (let i = 0; i < count; i++) await expect(groups.nth(i).getByLabel("Present", { exact: true })).toBeChecked();
      // Nothing is saved until the lead saves: one person is changed back, then the register is saved.
      await groups.first().getByLabel("Excused", { exact: true }).check();
      await page.getByRole("button", { name: "Save register" }).click();
      await expect(
        page.getByText(new RegExp(`Register saved: ${count - 1} present, 0 absent, 1 excused and 0 others`)),
      ).toBeVisible();
    });
  });
}
