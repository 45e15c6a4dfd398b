import { expect, fillPerson, signInAs, test } from "./fixtures";

// Issue 16, what the walkthrough of the prescriber's day found (docs/walkthrough-2026-11.md): the referral page had no
// way to record a measure, and the journey took the baseline before the referral the service needs first.

const unique = () => `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;

test("a prescriber records a new person, refers them, and takes the baseline from the referral", async ({ page }) => {
  await signInAs(page, "prescriber");
  await page.goto("/people/new");
  const given = `Cyril-${unique()}`;
  await fillPerson(page, { given, family: "Demo-Journey", dob: ["9", "10", "1944"] });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("The person has been recorded.")).toBeVisible();

  // The next step is offered: a referral, since measures belong to one.
  await page.getByRole("link", { name: "Make a referral now" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Refer or signpost" })).toBeVisible();
  await page.getByLabel("A direct referral to an activity").check();
  const chatter = await page
    .locator("#activityId option", { hasText: "Chatter Chairs seated exercise" })
    .first()
    .getAttribute("value");
  await page.locator("#activityId").selectOption(chatter!);
  await page.getByLabel("Loneliness").check();
  await page.getByRole("button", { name: "Save referral" }).click();
  await expect(page.getByText("The referral has been recorded.")).toBeVisible();
  const referralPath = new URL(page.url()).pathname;
  const referralId = referralPath.split("/")[2];

  // The confirmation offers the baseline, with this referral already chosen.
  await page.getByRole("link", { name: "Record the baseline measure now" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a measure" })).toBeVisible();
  await expect(page.getByLabel("Referral")).toHaveValue(referralId);

  // The referral page itself, opened later, has the link too.
  await page.goto(referralPath);
  await expect(
    page.getByRole("heading", { level: 1, name: "Referral to Chatter Chairs seated exercise" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Record a measure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a measure" })).toBeVisible();
  await expect(page.getByLabel("Referral")).toHaveValue(referralId);
  await page.getByLabel("UCLA 3-item loneliness scale").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("group", { name: "When in the referral is this?" })).toBeVisible();
});
