import { readFile } from "node:fs/promises";
import { expect, expectAccessible, signInAs, test } from "./fixtures";

test("an administrator exports everything held about a person: a JSON file and a page to print", async ({ page }) => {
  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Subject access requests" }).click();
  await expect(page.getByRole("heading", { name: "Subject access request" })).toBeVisible();

  // Nothing to go on: said at the field.
  await page.getByRole("button", { name: "Find the person" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the person's NHS number, or their family name");
  await expectAccessible(page);

  await page.getByLabel("NHS number").fill("999 100 0003");
  await page.getByRole("button", { name: "Find the person" }).click();
  await expect(page.getByRole("heading", { name: "1 person found" })).toBeVisible();
  await page.getByRole("link", { name: "Arthur Demo-Whitfield" }).click();

  await expect(
    page.getByRole("heading", { level: 1, name: "Subject access export: Arthur Demo-Whitfield" }),
  ).toBeVisible();
  // The record is named by its id only: no NHS number or name in the address.
  await expect(page).toHaveURL(/\/admin\/subject-access\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 2, name: /^Referral \(\d+\)/ })).toBeVisible();
  const history = page.getByRole("region", { name: "Access history" });
  await expect(history.getByRole("row").filter({ hasText: "Subject access export" }).first()).toBeVisible();
  await expectAccessible(page);

  // On paper: the content without the site's header or the buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print this export" }).first()).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the export as JSON" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^subject-access-[0-9a-f-]{36}-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(json.format).toBe("connect-well-subject-access/1");
  const person = json.tables.find((t: { table: string }) => t.table === "person");
  expect(person.rows[0]).toMatchObject({ given_name: "Arthur", family_name: "Demo-Whitfield" });
  // Both exports are in the history the file carries, the file's own last.
  const exports = json.accessHistory.filter((h: { action: string }) => h.action === "person.export");
  expect(exports.map((h: { details: { format: string } }) => h.details.format)).toEqual(["html", "json"]);
});
