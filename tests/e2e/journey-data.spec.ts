import { expect, fillPerson, signInAs, test } from "./fixtures";

// What the data must keep and the real-world inputs it meets, seen through the running server.

test("every response carries one Cache-Control header: public API reads are cacheable, all else no-store", async ({
  request,
}) => {
  const list = await request.get("/api/oruk/services");
  expect(list.status()).toBe(200);
  const cacheHeaders = (r: typeof list) =>
    r
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "cache-control")
      .map((h) => h.value);
  expect(cacheHeaders(list)).toEqual(["public, max-age=300"]);
  const missing = await request.get("/api/oruk/services/00000000-0000-4000-8000-000000000000");
  expect(missing.status()).toBe(404);
  expect(cacheHeaders(missing)).toEqual(["no-store"]);
  const bad = await request.get("/api/oruk/services?page=0");
  expect(bad.status()).toBe(400);
  expect(cacheHeaders(bad)).toEqual(["no-store"]);
  expect(cacheHeaders(await request.get("/sign-in"))).toEqual(["no-store"]);
  expect(cacheHeaders(await request.get("/favicon.svg"))).toEqual(["public, max-age=3600"]);
});

test("a prescriber typing a placeholder NHS number and a child's date of birth is told what to do at each field", async ({
  page,
}) => {
  await signInAs(page, "prescriber");
  await page.goto("/people/new");
  await fillPerson(page, {
    given: "Nobody",
    family: "Demo-Placeholder",
    dob: ["1", "1", String(new Date().getFullYear() - 6)],
  });
  await page.getByLabel("NHS number (optional)").fill("999 999 9999");
  await page.getByRole("button", { name: "Save and continue" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("This is a placeholder, not a real NHS number");
  await expect(summary).toContainText("This service is for adults");
  await expect(page.getByLabel("NHS number (optional)")).toHaveValue("999 999 9999");
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: "test-results/journeydata-person-errors-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/journeydata-person-errors-1280.png", fullPage: true });
});
