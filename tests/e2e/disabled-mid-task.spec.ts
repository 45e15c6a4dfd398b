import { expect, expectAccessible, signInAs, test } from "./fixtures";

// An account disabled while its user is part-way through a form (docs/decisions/0852): the post is not saved, the
// user is told their account was disabled (not that they were idle), and what they typed is shown back to them.

test("a prescriber disabled while recording a person is told so, nothing is saved, and what they typed is shown back", async ({
  page,
  browser,
}) => {
  // An administrator adds a prescriber, who signs in elsewhere.
  await signInAs(page, "admin");
  await page.goto("/admin/users/new");
  const email = `mid.task.${Date.now()}@nhs.example`;
  await page.getByLabel("Full name").fill("Mo Midtask");
  await page.getByLabel("Work email address").fill(email);
  await page.getByLabel("Role").selectOption("prescriber");
  await page.getByLabel("Temporary password").fill("copper-meadow-lantern");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("User added.")).toBeVisible();

  const theirs = await (await browser.newContext()).newPage();
  await theirs.goto("/sign-in");
  await theirs.getByLabel("Email address").fill(email);
  await theirs.getByLabel("Password").fill("copper-meadow-lantern");
  await theirs.getByRole("button", { name: "Sign in" }).click();
  await expect(theirs).toHaveURL(/\/caseload$/);

  // They are part-way through recording a person...
  const family = `Demo-Midtask${Date.now() % 100000}`;
  await theirs.goto("/people/new");
  await theirs.getByLabel("First name").fill("Winifred");
  await theirs.getByLabel("Last name").fill(family);
  await theirs.getByLabel("Day").fill("4");
  await theirs.getByLabel("Month").fill("7");
  await theirs.getByLabel("Year").fill("1941");
  await theirs.getByLabel("Communication needs (optional)").fill("Hard of hearing: face her when speaking");

  // ...when the administrator disables the account.
  await page.getByLabel("Account disabled (ends their sessions at once)").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();

  // Their save is refused with the reason, and what they typed is listed for them to copy.
  const answered = theirs.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/people/new"),
  );
  await theirs.getByRole("button", { name: "Save and continue" }).click();
  expect((await answered).status()).toBe(403);
  await expect(theirs.getByRole("heading", { level: 1, name: "Your account has been disabled" })).toBeVisible();
  await expect(theirs.getByText(/has not been saved/)).toBeVisible();
  await expect(theirs.getByText(/had not done anything|signed out because/i)).toHaveCount(0);
  const entered = theirs.locator(".nhsuk-summary-list");
  await expect(entered).toContainText("Winifred");
  await expect(entered).toContainText(family);
  await expect(entered).toContainText("Hard of hearing: face her when speaking");
  await expect(entered).not.toContainText("copper-meadow-lantern");
  // Each value under the question the form asked, a date as one answer; and the header is a signed-out one.
  await expect(entered.getByText("First name", { exact: true })).toBeVisible();
  await expect(entered.getByText("Last name", { exact: true })).toBeVisible();
  await expect(entered.getByText("Date of birth", { exact: true })).toBeVisible();
  await expect(entered).toContainText("4/7/1941");
  await expect(entered).not.toContainText(/Dob|Given name|Family name/);
  await expect(theirs.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expect(theirs.getByRole("navigation", { name: "Menu" })).toHaveCount(0);
  await expectAccessible(theirs);
  await theirs.setViewportSize({ width: 390, height: 844 });
  await theirs.screenshot({ path: "/tmp/day-disabled-mid-task-390.png", fullPage: true });
  await theirs.setViewportSize({ width: 1280, height: 900 });
  await theirs.screenshot({ path: "/tmp/day-disabled-mid-task-1280.png", fullPage: true });

  // The refusal ended their session cookie: their next page asks them to sign in.
  await theirs.goto("/caseload");
  await expect(theirs).toHaveURL(/\/sign-in/);

  // Nothing was saved: no one by that name is on file.
  const colleague = await (await browser.newContext()).newPage();
  await signInAs(colleague, "prescriber");
  await colleague.goto("/people");
  await colleague.getByLabel("Find a person by name or NHS number").fill(`Winifred ${family}`);
  await colleague.getByLabel("Find a person by name or NHS number").press("Enter");
  await expect(colleague.getByText(/No one matches|No one has that name/)).toBeVisible();
  await expect(colleague.getByText(family)).toHaveCount(0);
});
