import { expect, expectAccessible, signInAs, test } from "./fixtures";

test("an administrator adds a link worker, who can sign in, then disables them and their session ends at once", async ({
  page,
  browser,
}) => {
  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Users" }).first().click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add a user" }).click();
  await expectAccessible(page);

  // Bad input first: each problem is named at its field and what was typed is kept.
  await page.getByLabel("Full name").fill("Jo Newstarter");
  await page.getByLabel("Work email address").fill("not-an-email");
  await page.getByLabel("Temporary password").fill("password1234");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter an email address in the correct format");
  await expect(page.getByRole("alert")).toContainText("Select a role");
  await expect(page.getByRole("alert")).toContainText("too easy to guess");
  await expect(page.getByLabel("Full name")).toHaveValue("Jo Newstarter");
  await expectAccessible(page);

  const email = `jo.newstarter.${Date.now()}@nhs.example`;
  await page.getByLabel("Work email address").fill(email);
  await page.getByLabel("Role").selectOption("prescriber");
  await page.getByLabel("Area (optional)").selectOption({ label: "Melton" });
  await page.getByLabel("Temporary password").fill("copper-meadow-lantern");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("User added.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Jo Newstarter" })).toBeVisible();

  // The new user signs in elsewhere.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto("/sign-in");
  await theirs.getByLabel("Email address").fill(email);
  await theirs.getByLabel("Password").fill("copper-meadow-lantern");
  await theirs.getByRole("button", { name: "Sign in" }).click();
  await expect(theirs).toHaveURL(/\/caseload$/);

  // Disabled: their very next request is refused.
  await page.getByLabel("Account disabled (ends their sessions at once)").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await theirs.goto("/caseload");
  await expect(theirs).toHaveURL(/\/sign-in/);
  await other.close();

  // The audit trail shows what happened.
  await page.goto("/admin/audit?action=user");
  await expect(page.getByRole("cell", { name: "Added a user" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Changed a user" }).first()).toBeVisible();
  await expectAccessible(page);
});

test("on a phone the administrator's menu keeps to two rows, with the rest under More", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "admin");
  const menu = page.getByRole("navigation", { name: "Menu" });
  const rows = await menu
    .locator(".nhsuk-header__navigation-list")
    .first()
    .evaluate((list) => {
      const shown = [...list.children].filter((li) => (li as HTMLElement).offsetParent !== null) as HTMLElement[];
      return new Set(shown.map((li) => Math.round(li.getBoundingClientRect().top))).size;
    });
  expect(rows).toBeLessThanOrEqual(2);
  await menu.getByText("More", { exact: true }).click();
  await menu.getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expectAccessible(page);
});

test("the audit trail offers its actions by name and says None where an event has no record or person", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.goto("/admin/audit");
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Signed in" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=auth\.sign-in(&|$)/);
  const rows = page.getByRole("table").getByRole("row").filter({ hasText: "Signed in" });
  await expect(rows.first()).toBeVisible();
  // Only sign-ins: the exact action, not every action whose code starts the same way ("Sign-in failed").
  await expect(page.getByRole("table").getByText("Sign-in failed")).toHaveCount(0);
  // A sign-in concerns no person; reading the trail concerns no record and no person: the columns say so.
  const cells = (row: typeof rows) => row.first().getByRole("cell");
  await expect(cells(rows).nth(5)).toHaveText(/None$/);
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Read the audit trail" });
  await page.getByRole("button", { name: "Filter" }).click();
  const reads = page.getByRole("table").getByRole("row").filter({ hasText: "Read the audit trail" });
  await expect(cells(reads).nth(4)).toHaveText(/None$/);
  await expect(cells(reads).nth(5)).toHaveText(/None$/);
  // A kind of event keeps every action of that kind.
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Signing in and out: any" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: "Signed in" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Read the audit trail" })).toHaveCount(0);
  await expectAccessible(page);
});
