import type { Page } from "@playwright/test";
import { codeLists } from "../support/code-lists";
import { expect, signInAs, test } from "./fixtures";

// Every coded value a user sees is shown by its label (issue 16: the lead saw `phone` for "Phone call"). Each page a
// prescriber, coordinator, lead and administrator works from is read as rendered, and any stored code standing where
// a label belongs fails the test with the code and the page.

const allCodes = [...new Set(Object.values(codeLists).flatMap((labels) => Object.keys(labels)))];

/**
 * Codes shown as the whole text of an element, any code of two or more words (`no_answer`) anywhere in the text, and
 * values labelled as not recognised.
 */
async function rawCodesOn(page: Page): Promise<string[]> {
  return page.evaluate((codes) => {
    const known = new Set(codes);
    const found = new Set<string>();
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(el.tagName)) continue;
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? "")
        .join("")
        .trim();
      if (own && known.has(own)) found.add(`"${own}" in <${el.tagName.toLowerCase()}>`);
    }
    for (const m of document.body.innerText.matchAll(/[a-z0-9]+(?:[_.-][a-z0-9]+)+/g))
      if (known.has(m[0]) && /[_.]/.test(m[0])) found.add(`"${m[0]}" in the text`);
    // A stored value outside its list (app/labels.ts) is labelled "Not recognised (value)": never right on a page.
    for (const m of document.body.innerText.matchAll(/Not recognised \([^)]*\)/g)) found.add(`"${m[0]}" in the text`);
    return [...found];
  }, allCodes);
}

async function expectLabelsOnly(page: Page, what: string) {
  await expect(page.locator("h1").first()).toBeVisible();
  expect.soft(await rawCodesOn(page), `raw codes on ${what} (${new URL(page.url()).pathname})`).toEqual([]);
}

async function follow(page: Page, hrefPattern: RegExp, what: string) {
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => hrefPattern.test(h));
  expect(href, `a link to ${what} on ${page.url()}`).toBeTruthy();
  await page.goto(href!);
}

test("the prescriber's caseload, referral, person page, timeline and measures show labels, not codes", async ({
  page,
}) => {
  await signInAs(page, "prescriber");
  await page.goto("/caseload");
  await expectLabelsOnly(page, "the caseload");
  await follow(page, /^\/referrals\/[0-9a-f-]{36}$/, "a referral");
  await expectLabelsOnly(page, "the referral page");
  await follow(page, /^\/people\/[0-9a-f-]{36}$/, "the person");
  await expectLabelsOnly(page, "the person page and its timeline");
  await follow(page, /^\/people\/[0-9a-f-]{36}\/measures$/, "the person's measures");
  await expectLabelsOnly(page, "the measures list");
});

test("the coordinator's triage queue, a request and the caseload show labels, not codes", async ({ page }) => {
  await signInAs(page, "coordinator");
  await page.goto("/triage");
  await expectLabelsOnly(page, "the triage queue");
  await follow(page, /^\/triage\/[0-9a-f-]{36}$/, "a request");
  await expectLabelsOnly(page, "a triage request");
  await page.goto("/caseload");
  await expectLabelsOnly(page, "the coordinator's caseload");
});

test("the lead's referral page, register and befriending calls show labels, not codes", async ({ page }) => {
  await signInAs(page, "activity_lead");
  await expectLabelsOnly(page, "the lead's home");
  // Whichever referral still waits: other journeys accept some of the demo's (Arthur's, in the directory journey).
  await page.getByRole("table", { name: "Referrals waiting for your answer" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectLabelsOnly(page, "the lead's referral page");
  await page.goto("/my-activities");
  await page.getByRole("link", { name: "Schedule and sessions for Chatter Chairs seated exercise" }).click();
  await page
    .getByRole("link", { name: /^Register for/ })
    .last()
    .click();
  await expectLabelsOnly(page, "the register");
  await page.goto("/my-activities");
  await page.getByRole("link", { name: "Matches and calls for Surgery befriending calls" }).click();
  await expectLabelsOnly(page, "the befriending calls");
});

test("the administrator's users, audit trail and a subject access export show labels, not codes", async ({ page }) => {
  await signInAs(page, "admin");
  await expectLabelsOnly(page, "the administrator's home");
  await page.goto("/admin/users");
  await expectLabelsOnly(page, "the user list");
  await page.goto("/admin/audit");
  await expectLabelsOnly(page, "the audit trail");
  await page.goto("/admin/subject-access");
  // Harold, not the Arthur whose exports the subject access journey counts.
  await page.getByLabel("NHS number").fill("999 289 5551");
  await page.getByRole("button", { name: "Find the person" }).click();
  await page.getByRole("link", { name: "Harold Demo-Pickering" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Referral \(\d+\)/ })).toBeVisible();
  await expectLabelsOnly(page, "the subject access export");
});
