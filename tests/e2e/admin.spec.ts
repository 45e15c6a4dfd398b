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
