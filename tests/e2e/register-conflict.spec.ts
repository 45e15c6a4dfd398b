import { expect, expectAccessible, signInAs, test } from "./fixtures";

// Two people keep one register (docs/decisions/0850): the one whose save is refused sees the other's marks beside
// their own, row by row, chooses, and saves again; nothing they have not seen is overwritten.

test("a register saved meanwhile is shown beside the lead's own marks, row by row, and the lead can save again", async ({
  browser,
}) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signInAs(first, "activity_lead");
  await signInAs(second, "activity_lead");

  // Both open the same session's register (the first one listed, so no other journey's register is touched).
  await first.getByRole("link", { name: "Schedule and sessions for Chatter Chairs seated exercise" }).click();
  await first
    .getByRole("link", { name: /^Register for/ })
    .first()
    .click();
  await expect(first.getByRole("heading", { level: 1, name: /^Register for/ })).toBeVisible();
  await second.goto(first.url());
  await expect(second.getByRole("heading", { level: 1, name: /^Register for/ })).toBeVisible();

  // The first saves Doreen present.
  await first
    .getByRole("group", { name: /Doreen Demo-Lacey/ })
    .getByLabel("Present", { exact: true })
    .check();
  await first.getByLabel("Other people who came", { exact: true }).fill("3");
  await first.getByRole("button", { name: "Save register" }).click();
  await expect(first.getByText(/Register saved/)).toBeVisible();

  // The second, still on the page as it was, chooses absent and 5 others: refused, with both values explained.
  const doreen = second.getByRole("group", { name: /Doreen Demo-Lacey/ });
  await doreen.getByLabel("Absent", { exact: true }).check();
  await second.getByLabel("Other people who came", { exact: true }).fill("5");
  await second.getByRole("button", { name: "Save register" }).click();
  const summary = second.getByRole("alert");
  await expect(summary).toContainText("saved this register");
  await expect(summary).toContainText("your marks have not been saved");
  await expect(summary).toContainText(/Doreen Demo-Lacey: .+ saved present, you chose absent\. Choose which to keep/);
  await expect(summary).toContainText(/saved 3 other people, you entered 5/);
  await expect(doreen).toContainText(/saved present, you chose absent/);
  await expect(doreen.getByLabel("Absent (yours)")).toBeChecked();
  await expect(doreen.getByLabel(/^Present \(saved by .+\)$/)).not.toBeChecked();
  await expect(second.getByLabel("Other people who came", { exact: true })).toHaveValue("5");
  await expect(second.getByRole("link", { name: "Discard your marks and show the saved register" })).toBeVisible();
  await expectAccessible(second);
  await second.setViewportSize({ width: 390, height: 844 });
  await second.screenshot({ path: "/tmp/day-register-conflict-390.png", fullPage: true });
  await second.setViewportSize({ width: 1280, height: 900 });
  await second.screenshot({ path: "/tmp/day-register-conflict-1280.png", fullPage: true });

  // They keep the saved mark for Doreen and their own count, and save again: accepted, since they saw the other save.
  await doreen.getByLabel(/^Present \(saved by .+\)$/).check();
  await second.getByRole("button", { name: "Save register" }).click();
  await expect(second.getByText(/Register saved: \d+ present, .* and 5 others/)).toBeVisible();

  // The first sees the register as the second saved it.
  await first.reload();
  await expect(
    first.getByRole("group", { name: /Doreen Demo-Lacey/ }).getByLabel("Present", { exact: true }),
  ).toBeChecked();
  await expect(first.getByLabel("Other people who came", { exact: true })).toHaveValue("5");
});
