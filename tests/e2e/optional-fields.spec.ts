import type { Page } from "@playwright/test";
import { expect, signInAs, signOut, test } from "./fixtures";

// Issue 16, the walkthrough of /start (docs/walkthrough-2026-11.md): "Phone number" was not marked optional though its
// hint says to give an email address instead. Every form a person or member of staff fills in is checked for the
// kind: an optional question not marked "(optional)" (docs/decisions/0897).

/**
 * Clears every field of the page's main form (`prepare` may then fill some), submits it, and names each question
 * the server did not refuse that does not say it is optional. A question left blank without an error is optional,
 * and NHS.UK marks those "(optional)"; one needed only sometimes says when ("if not free", "optional for ...").
 */
async function unmarkedOptionalQuestions(page: Page, prepare?: () => Promise<void>): Promise<string[]> {
  await page.evaluate(() => {
    const forms = Array.from(document.querySelectorAll<HTMLFormElement>("main form[method='post']"));
    const form = forms.sort(
      (a, b) => b.querySelectorAll(".nhsuk-form-group").length - a.querySelectorAll(".nhsuk-form-group").length,
    )[0];
    form.setAttribute("data-checking", "");
    for (const el of Array.from(form.querySelectorAll<HTMLInputElement>("input:not([type=hidden]), textarea"))) {
      if (el.type === "checkbox" || el.type === "radio") el.checked = false;
      else el.value = "";
    }
    for (const select of Array.from(form.querySelectorAll("select"))) {
      const blank = Array.from(select.options).findIndex((o) => o.value === "");
      if (blank >= 0) select.selectedIndex = blank;
      // A select with no blank choice always posts a value: it is never left blank, so it is not asked about.
      else select.closest(".nhsuk-form-group")?.setAttribute("data-always-answered", "");
    }
  });
  await prepare?.();
  const posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.locator("form[data-checking] button[type=submit]").last().click();
  await posted;
  await expect(page.locator(".nhsuk-error-summary")).toBeVisible();
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("main .nhsuk-form-group"))
      // A question's own group, not the day, month and year boxes inside a date's group.
      .filter((g) => !g.parentElement?.closest(".nhsuk-form-group"))
      .filter((g) => !g.hasAttribute("data-always-answered") && !g.querySelector(".nhsuk-error-message"))
      .map((g) => (g.querySelector(":scope > label, :scope > fieldset > legend")?.textContent ?? "").trim())
      .filter((q) => q && !/\boptional\b|, if |^if /i.test(q)),
  );
}

test("every optional field on /start and the staff forms says it is optional", async ({ page }) => {
  await page.goto("/start");
  await expect(page.getByRole("heading", { level: 1, name: "Start a conversation" })).toBeVisible();
  expect(await unmarkedOptionalQuestions(page), "/start, all blank").toEqual([]);
  // A phone number is optional when an email address is given.
  expect(
    await unmarkedOptionalQuestions(page, () => page.getByLabel("Email address").fill("someone@example.com")),
    "/start, with an email address",
  ).toEqual([]);

  await signInAs(page, "prescriber");
  await page.goto("/people/new");
  await expect(page.getByRole("heading", { level: 1, name: "Record a person" })).toBeVisible();
  expect(await unmarkedOptionalQuestions(page), "the person form").toEqual([]);
  await page.goto("/caseload");
  const person = await page.locator("main a[href^='/people/']").first().getAttribute("href");
  await page.goto(`${person}/refer`);
  await expect(page.getByRole("heading", { level: 1, name: "Refer or signpost" })).toBeVisible();
  expect(await unmarkedOptionalQuestions(page), "the referral form").toEqual([]);

  await signOut(page);
  await signInAs(page, "admin");
  await page.goto("/providers/new");
  await expect(page.getByRole("heading", { level: 1, name: "Add a provider" })).toBeVisible();
  expect(await unmarkedOptionalQuestions(page), "the provider form").toEqual([]);
  await page.goto("/activities/new");
  await expect(page.getByRole("heading", { level: 1, name: "Add an activity" })).toBeVisible();
  expect(await unmarkedOptionalQuestions(page), "the activity form").toEqual([]);
});
