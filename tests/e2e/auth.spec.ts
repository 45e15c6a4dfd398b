import { roleHome, roles } from "../../app/auth/roles";
import { expect, expectAccessible, signInAs, signInWithForm, test } from "./fixtures";

const headings: Record<string, string> = {
  prescriber: "Your caseload",
  coordinator: "Your caseload",
  activity_lead: "Your activities",
  analyst: "Outcome dashboard",
  commissioner: "Outcome reports",
  admin: "Administration",
};

test("an anonymous visitor is sent to sign in, and the sign-in page is accessible", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fadmin%2Fusers/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
});

for (const role of roles) {
  test(`a ${role} signs in with the form to their own home page and signs out`, async ({ page }) => {
    await signInWithForm(page, role);
    await expect(page).toHaveURL(new RegExp(`${roleHome[role]}$`));
    await expect(page.getByRole("heading", { level: 1, name: headings[role] })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await page.goto(roleHome[role]);
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test("a wrong password is refused with the same message as an unknown account, keeping the email", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("admin@demo.connectwell.example");
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a correct email address and password");
  await expect(page.getByLabel("Email address")).toHaveValue("admin@demo.connectwell.example");
  const wrongPassword = (await page.getByRole("alert").textContent()) ?? "";

  await page.getByLabel("Email address").fill("nobody@demo.connectwell.example");
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(wrongPassword);
  await expectAccessible(page);
});

test("a signed-in user who opens another role's page is told they do not have permission", async ({ page }) => {
  await signInAs(page, "prescriber");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have permission to see this page" })).toBeVisible();
  await expectAccessible(page);
});

test("an unknown page answers 404 with a helpful page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
