import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, signInAs, test } from "./fixtures";

/** Opens a demo person's record through the people search and returns their measures page address. */
async function measuresPageOf(page: Page, familyName: string): Promise<string> {
  await page.goto("/people");
  await page.getByLabel("Find a person by name or NHS number").fill(familyName);
  await page.getByRole("button", { name: "Search" }).click();
  const href = await page
    .getByRole("link", { name: new RegExp(familyName) })
    .first()
    .getAttribute("href");
  expect(href).toMatch(/^\/people\/[0-9a-f-]{36}$/);
  return `${href}/measures`;
}

async function answerUcla(page: Page, answers: [string, string, string]) {
  const questions = ["that you lack companionship?", "left out?", "isolated from others?"];
  for (const [i, q] of questions.entries()) {
    await page
      .getByRole("group", { name: new RegExp(q.replace("?", "\\?")) })
      .getByLabel(answers[i], { exact: true })
      .check();
  }
}

test("a prescriber records a baseline, and a follow-up taken too soon is kept but not compared", async ({ page }) => {
  await signInAs(page, "prescriber");
  const url = await measuresPageOf(page, "Demo-Marchant");
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: "Measures" })).toBeVisible();
  await expect(page.getByText(/Baseline (due|overdue)/)).toBeVisible();
  await expectAccessible(page);

  // Baseline, read out on the phone: UCLA-3 7 of 9, lonely.
  await page.getByRole("link", { name: "Record a measure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a measure" })).toBeVisible();
  await page.getByRole("radio", { name: "UCLA 3-item loneliness scale" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("group", { name: "When in the referral is this?" }).getByLabel("Baseline")).toBeChecked();
  await expect(page.getByText(/Source: Office for National Statistics/)).toBeVisible();
  await expectAccessible(page);
  await answerUcla(page, ["Often", "Some of the time", "Some of the time"]);
  await page.getByRole("button", { name: "Save and score" }).click();
  await expect(page.getByText("Saved and scored.")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "(lonely)" })).toContainText("7");
  await expectAccessible(page);

  // A second baseline is refused at the field, and the answers typed are kept.
  await page.goto(url);
  await page.getByRole("link", { name: "Record a measure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a measure" })).toBeVisible();
  await page.getByRole("radio", { name: "UCLA 3-item loneliness scale" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("group", { name: "When in the referral is this?" }).getByLabel("Baseline").check();
  await page
    .getByRole("group", { name: /lack companionship/ })
    .getByLabel("Often", { exact: true })
    .check();
  await page.getByRole("button", { name: "Save and score" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Select an answer for question 2");
  await expect(
    page.getByRole("group", { name: /lack companionship/ }).getByLabel("Often", { exact: true }),
  ).toBeChecked();
  await answerUcla(page, ["Often", "Often", "Often"]);
  await page.getByRole("button", { name: "Save and score" }).click();
  await expect(page.getByRole("alert")).toContainText("A baseline UCLA-3 is already recorded for this referral");
  await expectAccessible(page);

  // The same day is too soon for a follow-up (it counts from the schedule's minimum interval after the baseline,
  // decision 0830): it is kept as an extra baseline-window response, said so, and never compared.
  await page.getByRole("group", { name: "When in the referral is this?" }).getByLabel("6-week follow-up").check();
  await answerUcla(page, ["Some of the time", "Hardly ever or never", "Hardly ever or never"]);
  await page.getByRole("button", { name: "Save and score" }).click();
  await expect(page.getByText("Saved and scored, as an extra baseline-window response (see below).")).toBeVisible();
  await expect(page.getByText(/Change since baseline/)).toHaveCount(0);
  await expect(page.getByText("Meaningful improvement")).toHaveCount(0);
  await expectAccessible(page);

  // The chart (drawn in the browser) and its table alternative hold the baseline only.
  await page.goto(url);
  const figure = page.getByRole("figure").first();
  await expect(figure).toContainText("Lower is better");
  await expect(figure.locator("canvas")).toBeVisible();
  const table = page.getByRole("table", { name: /UCLA 3-item loneliness scale: scores by date/ });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("7 (lonely)");
  await expect(table).not.toContainText("4 (not lonely)");
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/measures-chart.png", fullPage: true });
});

test("a measure saved in error is marked with a reason, kept struck through and left out of the chart", async ({
  page,
}) => {
  await signInAs(page, "prescriber");
  const url = await measuresPageOf(page, "Demo-Barlow");
  await page.goto(url);
  const chartRows = page.getByRole("table", { name: /UCLA 3-item loneliness scale: scores by date/ }).getByRole("row");
  await expect(chartRows).toHaveCount(2);
  await page.getByRole("link", { name: /UCLA-3, baseline/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "UCLA-3, baseline" })).toBeVisible();
  await page.locator("summary", { hasText: "Mark as entered in error" }).click();
  await page.getByRole("button", { name: "Mark as entered in error" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter why this measure was entered in error");
  await expectAccessible(page);
  await page.getByLabel("Why was it entered in error?").fill("Answers belonged to the follow-up call");
  await page.getByRole("button", { name: "Mark as entered in error" }).click();
  await expect(page.getByText("Reason: Answers belonged to the follow-up call")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 }).locator("del")).toHaveText("UCLA-3, baseline");
  await expectAccessible(page);
  await page.goto(url);
  await expect(page.getByText("Entered in error", { exact: true })).toBeVisible();
  // Kept in the list, gone from the chart, and the baseline is due again.
  await expect(page.getByRole("table", { name: /UCLA 3-item loneliness scale: scores by date/ })).toHaveCount(0);
  await expect(page.getByText(/Baseline (due|overdue)/)).toBeVisible();
});

test("a person completes the questions themselves on a phone, one per screen, with nothing else on show", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "prescriber");
  const url = await measuresPageOf(page, "Demo-Ashby");
  await page.goto(url);
  await page.getByRole("link", { name: "Hand the device to the person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hand the device to the person" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/Short Warwick-Edinburgh/).uncheck();
  await page.getByLabel("ONS direct loneliness question").check();
  await page.getByRole("button", { name: "Start the questions" }).click();

  await expect(page.getByText("Question 1 of 4")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "How often do you feel… that you lack companionship?",
  );
  // No name, no menu, no other record data.
  await expect(page.getByText(/Demo-Ashby|Margaret|Peggy/)).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Menu" })).toBeHidden();
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/measures-self-phone.png", fullPage: true });

  // The device now holds a session that can only answer these questions: other pages lead back to them, and the
  // data requests of client navigation give nothing away (docs/decisions/0820-restricted-self-completion.md).
  const questions = page.url();
  for (const path of ["/people", "/caseload", url]) {
    await page.goto(path);
    await expect(page).toHaveURL(questions);
    await expect(page.getByText("Question 1 of 4")).toBeVisible();
  }
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  for (const path of ["/caseload.data", "/people.data", `${url}.data`]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(await response.text()).not.toMatch(/Demo-|Margaret/);
  }

  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByRole("alert")).toContainText("Select an answer");
  await expectAccessible(page);
  await page.getByLabel("Often", { exact: true }).check();
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByText("Question 2 of 4")).toBeVisible();
  await page.getByRole("button", { name: "Previous question" }).click();
  await expect(page.getByLabel("Often", { exact: true })).toBeChecked();
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByText("Question 2 of 4")).toBeVisible();
  await page.getByLabel("Some of the time").check();
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByText("Question 3 of 4")).toBeVisible();
  await page.getByLabel("Often", { exact: true }).check();
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByText("Question 4 of 4")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How often do you feel lonely?");
  await page.getByLabel("Some of the time").check();
  await page.getByRole("button", { name: "Finish" }).click();

  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await expect(page.getByText("Please hand the device back to the member of staff.")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/measures-self-thanks.png", fullPage: true });

  await page.getByRole("link", { name: "Staff: take the device back to see the scores" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hand the device back" })).toBeVisible();
  await expect(page.getByText(/Demo-Ashby|Margaret|Peggy/)).toHaveCount(0);
  await page.getByLabel("Your password").fill("not the password at all");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("The password is not correct");
  await expectAccessible(page);
  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const table = page.getByRole("table", { name: /UCLA 3-item loneliness scale: scores by date/ });
  await expect(table).toContainText("8 (lonely)");
  await expect(page.getByText("Completed by the person").first()).toBeVisible();
});

test("the demo widowed man's measures show a meaningful improvement on both scales", async ({ page }) => {
  await signInAs(page, "prescriber");
  await page.goto(await measuresPageOf(page, "Demo-Pickering"));
  const ucla = page.getByRole("table", { name: /UCLA 3-item loneliness scale: scores by date/ });
  await expect(ucla).toContainText("7 (lonely)");
  await expect(ucla).toContainText("4 (not lonely)");
  const swemwbs = page.getByRole("table", { name: /SWEMWBS\): scores by date/ });
  await expect(swemwbs).toContainText("16.88");
  await expect(swemwbs).toContainText("19.98 (below the England average)");
  await expect(page.getByRole("row").filter({ hasText: "SWEMWBS, 6-week follow-up" })).toContainText(
    "+3.10 (improved)",
  );
  await expect(page.locator("canvas")).toHaveCount(2);
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/measures-widower.png", fullPage: true });
});
