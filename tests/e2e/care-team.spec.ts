import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect as baseExpect, expectAccessible, fillPerson, signInAs, test } from "./fixtures";

// A long journey on a shared test server: generous limits, so a busy machine does not fail it.
test.describe.configure({ timeout: 300_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

const unique = () => `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;

/** A made-up NHS number in the test range (999…), with a valid Modulus 11 check digit. */
function testNhsNumber(): string {
  for (;;) {
    const body = `999${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
    const sum = [...body].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${body}${check === 11 ? 0 : check}`;
  }
}

async function search(page: Page, term: string) {
  await page.goto("/people");
  await page.getByLabel("Find a person by name or NHS number").fill(term);
  await page.getByRole("button", { name: "Search" }).click();
}

test("a prescriber finds someone outside their care teams, sees only the minimum, breaks glass with a reason, and the administrator reviews it and finds it in her subject access export", async ({
  browser,
}) => {
  const family = `Demo-Glass${unique()}`;
  const nhs = testNhsNumber();

  // A coordinator records a person: they are on that person's care team, the prescriber is not.
  const coordinator = await (await browser.newContext()).newPage();
  await signInAs(coordinator, "coordinator");
  await coordinator.goto("/people/new");
  await fillPerson(coordinator, { given: "Nora", family, dob: ["9", "4", "1944"] });
  await coordinator.getByLabel("NHS number (optional)").fill(nhs);
  await coordinator.getByLabel("Postcode (optional)").fill("LE13 0ZZ");
  await coordinator.getByLabel("District (optional)").selectOption({ label: "Melton" });
  await coordinator.getByRole("button", { name: "Save and continue" }).click();
  await expect(coordinator.getByText("The person has been recorded.")).toBeVisible();
  const personId = new URL(coordinator.url()).pathname.split("/")[2];
  await coordinator.close();

  // The prescriber's search finds her, with name, year of birth and district only.
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "prescriber");
  await search(page, family);
  const row = page.getByRole("row").filter({ hasText: `Nora ${family}` });
  await expect(row).toContainText("Born 1944");
  await expect(row).toContainText("Melton");
  await expect(row).toContainText("Not on your care team");
  const results = page.getByRole("table");
  await expect(results).not.toContainText(nhs.slice(0, 3) + " " + nhs.slice(3, 6));
  await expect(results).not.toContainText("09/04/1944");
  await expect(results).not.toContainText("9 April 1944");
  await expect(results).not.toContainText("LE13 0ZZ");
  await expectAccessible(page);

  // Going straight to the record is refused, with the way to ask for access.
  const refused = await page.goto(`/people/${personId}`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You are not on this person’s care team" })).toBeVisible();
  await page.getByRole("link", { name: "Ask for access to this person’s record" }).click();

  // Break glass: a reason is required, and one that is too short is explained at the field, with the text kept.
  await expect(page.getByRole("heading", { level: 1, name: "Ask for access to this person’s record" })).toBeVisible();
  await expect(page.getByText(nhs)).toHaveCount(0);
  await expectAccessible(page);
  const reason = page.getByLabel("Why do you need this person’s record?");
  await reason.fill("cover");
  await page.getByRole("button", { name: "Join the care team and open the record" }).click();
  await expect(page.getByRole("alert")).toContainText("Give more detail");
  await expect(reason).toHaveValue("cover");
  await expectAccessible(page);
  const why = `Covering Callum's caseload: Nora ${family} rang the surgery today`;
  await reason.fill(why);
  await page.getByRole("button", { name: "Join the care team and open the record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Nora ${family}` })).toBeVisible();
  // The care team box names each member with how they are on the team: the coordinator recorded her, the prescriber
  // broke glass.
  const team = page.locator("#care-team + ul");
  await expect(team.getByRole("listitem").filter({ hasText: "recorded the person" })).toHaveCount(1);
  await expect(team.getByRole("listitem").filter({ hasText: "broke glass" })).toHaveCount(1);

  // The administrator sees it in the review list, newest first, and marks it reviewed.
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Break-glass access" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Break-glass access" })).toBeVisible();
  const entry = admin.getByRole("row").filter({ hasText: `Nora ${family}` });
  await expect(entry).toContainText(why);
  await expect(entry).toContainText("Priya Shah (demo)");
  await expectAccessible(admin);
  await entry.getByRole("button", { name: /Mark reviewed/ }).click();
  await expect(admin.getByText("Marked as reviewed.")).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: `Nora ${family}` })).toHaveCount(0);
  await admin.getByRole("link", { name: "Show all, including reviewed" }).click();
  await expect(admin.getByRole("row").filter({ hasText: `Nora ${family}` })).toContainText("Reviewed");

  // Nora asks what is held about her: the subject access export shows the break-glass, who and why, in her access
  // history, beside being listed in the prescriber's search.
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Subject access requests" }).click();
  await admin.getByLabel("NHS number").fill(nhs);
  await admin.getByRole("button", { name: "Find the person" }).click();
  await admin.getByRole("link", { name: `Nora ${family}` }).click();
  await expect(admin.getByRole("heading", { level: 1, name: `Subject access export: Nora ${family}` })).toBeVisible();
  const history = admin.getByRole("region", { name: "Access history" });
  const glass = history.getByRole("row").filter({ hasText: "Joined the care team by breaking glass" });
  await expect(glass).toHaveCount(1);
  await expect(glass).toContainText("Priya Shah (demo)");
  await expect(glass).toContainText(why);
  await expect(
    history.getByRole("row").filter({ hasText: "Shown in a list" }).filter({ hasText: "Priya Shah (demo)" }).first(),
  ).toBeVisible();
  await expect(history.getByRole("row").filter({ hasText: "Break-glass access reviewed" })).toHaveCount(1);
  await expectAccessible(admin);

  // The same in the machine-readable file.
  const downloading = admin.waitForEvent("download");
  await admin.getByRole("link", { name: "Download the export as JSON" }).click();
  const json = JSON.parse(await readFile((await (await downloading).path())!, "utf8"));
  const events = json.accessHistory.filter((h: { action: string }) => h.action === "person.break_glass");
  expect(events).toEqual([
    expect.objectContaining({
      actorName: "Priya Shah (demo)",
      actorRole: "prescriber",
      details: expect.objectContaining({ reason: why }),
    }),
  ]);
});
