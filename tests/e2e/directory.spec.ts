import { expect, expectAccessible, signInAs, signOut, test } from "./fixtures";

// One journey through the directory and a register, on the demo data: an administrator lists an activity, a
// prescriber finds it, and an activity lead answers a referral and takes a register.

// Long journeys with an accessibility scan on each page: more than the default 30 seconds on a busy machine.
test.describe.configure({ mode: "serial" });

test("an administrator adds an activity with a weekly session", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/providers");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add an activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add an activity" })).toBeVisible();

  // Bad input first: capacity below zero is refused at the field and what was typed stays.
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: "Gather Create Grow" });
  await page.getByLabel("Activity name", { exact: true }).fill("Melton walking netball");
  await page
    .getByLabel("Description", { exact: true })
    .fill("Netball at walking pace for people over 50. Friendly, no experience needed.");
  await page.getByLabel("Category", { exact: true }).selectOption({ label: "Physical activity" });
  await page.getByLabel("Venue address (optional)", { exact: true }).fill("Sports hall, Melton Mowbray");
  await page.getByLabel("Postcode (optional)", { exact: true }).fill("le13 1rb");
  await page.getByLabel("District (optional)", { exact: true }).selectOption({ label: "Melton" });
  await page.getByLabel("Fox Connect on-demand bus", { exact: true }).check();
  await page.getByLabel("On-demand bus zones (optional)", { exact: true }).fill("Melton");
  await page.getByLabel("Wheelchair accessible", { exact: true }).check();
  await page.getByLabel("Capacity (optional)", { exact: true }).fill("-5");
  await page.getByRole("button", { name: "Add activity" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Capacity cannot be below zero");
  await expect(page.getByLabel("Activity name", { exact: true })).toHaveValue("Melton walking netball");
  await expect(page.getByLabel("Fox Connect on-demand bus", { exact: true })).toBeChecked();
  await expectAccessible(page);

  await page.getByLabel("Capacity (optional)", { exact: true }).fill("16");
  await page.getByRole("button", { name: "Add activity" }).click();
  await expect(page.getByText("Activity added. Now add when it runs.")).toBeVisible();

  await page.getByLabel("Day", { exact: true }).selectOption({ label: "Wednesday" });
  await page.getByLabel("Start time", { exact: true }).first().fill("14:00");
  await page.getByLabel("End time", { exact: true }).first().fill("15:00");
  await page.getByRole("button", { name: "Add weekly session" }).click();
  await expect(page.getByRole("cell", { name: "14:00 to 15:00" })).toBeVisible();

  // An overlapping slot is refused with a clear message.
  await page.getByLabel("Day", { exact: true }).selectOption({ label: "Wednesday" });
  await page.getByLabel("Start time", { exact: true }).first().fill("14:30");
  await page.getByLabel("End time", { exact: true }).first().fill("15:30");
  await page.getByRole("button", { name: "Add weekly session" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("overlaps the 14:00 to 15:00 session");
  await expectAccessible(page);
});

test("a prescriber finds it by district and transport, with reply figures and a way to refer", async ({ page }) => {
  await signInAs(page, "prescriber");
  await page.goto("/directory");
  await expectAccessible(page);
  await page.getByLabel("District", { exact: true }).selectOption({ label: "Melton" });
  await page.getByLabel("Transport", { exact: true }).selectOption({ label: "Fox Connect on-demand bus" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/district=melton/);
  await expect(page.getByRole("link", { name: "Melton walking netball" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Chatter Chairs seated exercise" })).toHaveCount(0);
  await page.getByRole("link", { name: "Melton walking netball" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Melton walking netball" })).toBeVisible();
  await expect(page.getByText("Wednesdays, 14:00 to 15:00")).toBeVisible();
  await expect(page.getByRole("link", { name: "Refer someone to this activity" })).toHaveAttribute(
    "href",
    /\/referrals\/new\?activity=/,
  );
  await expectAccessible(page);

  // A listing not checked for months is flagged.
  await page.goto("/directory?district=harborough");
  await expect(page.getByText(/Listing not checked since/)).toBeVisible();
});

test("the lead accepts a referral, takes a register with drop-ins on a phone, and cannot open another activity's", async ({
  page,
  browser,
}) => {
  await signInAs(page, "activity_lead");
  await expect(page.getByRole("heading", { name: "Referrals waiting for your answer" })).toBeVisible();
  await expect(page.getByText("Sue Demo-Volunteer")).toBeVisible();
  await expect(page.getByText("DBS check expired").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Arthur Demo-Whitfield" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Arthur Demo-Whitfield" })).toBeVisible();
  await expect(page.getByText("9991000003")).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel("Yes, accept", { exact: true }).check();
  await page.getByRole("button", { name: "Send answer" }).click();
  await expect(page.getByText("Referral accepted.")).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("link", { name: "Schedule and sessions for Chatter Chairs seated exercise" }).click();
  await page
    .getByRole("link", { name: /^Register for/ })
    .last()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /^Register for/ })).toBeVisible();
  const arthur = page.getByRole("group", { name: /Arthur Demo-Whitfield/ });
  await arthur.getByLabel("Present", { exact: true }).check();
  const doreen = page.getByRole("group", { name: /Doreen Demo-Lacey/ });
  await doreen.getByLabel("Absent", { exact: true }).check();
  await page.getByLabel("Other people who came", { exact: true }).fill("6");
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/register-phone.png", fullPage: true });
  await page.getByRole("button", { name: "Save register" }).click();
  await expect(page.getByText(/Register saved: 1 present, 1 absent, 0 excused and 6 others/)).toBeVisible();
  await page.screenshot({ path: "/tmp/register-saved-phone.png", fullPage: true });

  // Another activity's register answers the same 404 as a page that does not exist.
  const prescriber = await browser.newPage();
  await signInAs(prescriber, "prescriber");
  await prescriber.goto("/directory?q=Gather");
  const href = await prescriber.getByRole("link", { name: "Gather Create Grow craft club" }).getAttribute("href");
  const craftId = href!.split("/").pop();
  const response = await page.goto(`/activities/${craftId}/sessions/00000000-0000-4000-8000-000000000001`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.goto(`/activities/${craftId}/schedule`))?.status()).toBe(404);
});

test("the public ORUK API answers without a session, with CORS, and refuses malformed parameters", async ({
  request,
}) => {
  const ok = await request.get("/api/oruk/services?per_page=2");
  expect(ok.status()).toBe(200);
  expect(ok.headers()["access-control-allow-origin"]).toBe("*");
  const body = await ok.json();
  expect(body).toMatchObject({ page_number: 1, size: 2, first_page: true });
  const bad = await request.get("/api/oruk/services?page=zero");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).problems[0].parameter).toBe("page");
});

test("a befriending lead cannot match a volunteer whose DBS check has expired, and records a weekly call", async ({
  page,
}) => {
  await signInAs(page, "activity_lead");
  await page.getByRole("link", { name: "Matches and calls for Surgery befriending calls" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Matches and calls" })).toBeVisible();
  await expectAccessible(page);
  const harold = page.locator("section", { hasText: "Harold Demo-Pickering" });
  await harold
    .getByLabel(/Match Harold Demo-Pickering/)
    .selectOption({ label: "Ruth Demo-Volunteer (cannot be matched: DBS check expired)" });
  await harold.getByRole("button", { name: /Match volunteer/ }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText(
    "Ruth Demo-Volunteer cannot be matched: their DBS check has expired",
  );
  await expectAccessible(page);
  await harold.getByLabel(/Match Harold Demo-Pickering/).selectOption({ label: "Sue Demo-Volunteer" });
  await harold.getByRole("button", { name: /Match volunteer/ }).click();
  await expect(page.getByText("Volunteer matched.")).toBeVisible();
  await expect(harold.getByText("Befriender: Sue Demo-Volunteer")).toBeVisible();
  await harold.getByLabel("Call done").check();
  await harold.getByLabel("Length in minutes (if the call was done)").fill("25");
  await harold.getByRole("button", { name: /Record call/ }).click();
  await expect(page.getByText("Call recorded.")).toBeVisible();
  await expect(harold.getByText(/Call done, 25 minutes/)).toBeVisible();
  await expectAccessible(page);
});

test("the directory and the lead's home read well on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "activity_lead");
  await page.screenshot({ path: "/tmp/lead-home-phone.png", fullPage: true });
  // The schedule's tables keep each button's word whole ("Remove", "Cancel"), never one letter-pair per line.
  await page.getByRole("link", { name: "Schedule and sessions" }).first().click();
  await expect(page.getByRole("heading", { level: 2, name: "Sessions", exact: true })).toBeVisible();
  const buttonLines = await page.$$eval("table button", (buttons) =>
    buttons.map((b) => {
      // The label as seen: its text nodes outside any visually hidden part.
      const lines = new Set<number>();
      const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim() || node.parentElement?.closest(".nhsuk-u-visually-hidden")) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) lines.add(Math.round(r.top));
      }
      return `${b.textContent?.trim()}: ${lines.size}`;
    }),
  );
  expect(buttonLines.length).toBeGreaterThan(0);
  for (const line of buttonLines) expect(line).toMatch(/: 1$/);
  await signOut(page);
  await signInAs(page, "prescriber");
  await page.goto("/directory?transport=fox_connect");
  await page.screenshot({ path: "/tmp/directory-phone.png", fullPage: true });
  await expectAccessible(page);
});
