import type { Page } from "@playwright/test";
import { expect as baseExpect, expectAccessible, signInAs, test } from "./fixtures";

// What each role sees in a working day, and what reaches the next person in the chain (issue 16).
test.describe.configure({ timeout: 180_000 });
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
