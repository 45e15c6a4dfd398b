import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test as base } from "@playwright/test";
import type { Role } from "../../app/auth/roles";

export const DEMO_PASSWORD = "connect-well-demo";
export const demoEmail: Record<Role, string> = {
  prescriber: "prescriber@demo.connectwell.example",
  coordinator: "coordinator@demo.connectwell.example",
  activity_lead: "lead@demo.connectwell.example",
  analyst: "analyst@demo.connectwell.example",
  commissioner: "commissioner@demo.connectwell.example",
  admin: "admin@demo.connectwell.example",
};

/**
 * Signs in as the demo account of `role` and opens its home page. The session row is written by the test server
 * (TEST_SESSIONS=1, app/auth/test-session.server.ts), not through the sign-in form: each journey starts from a fresh
 * session without typing a password or waiting on its hash, and the form keeps journeys of its own
 * (tests/e2e/auth.spec.ts, `signInWithForm`).
 */
export async function signInAs(page: Page, role: Role) {
  // The page's request context shares the browser's cookies: the session cookie lands where the page reads it.
  const started = await page.request.post("/test-only/session", { form: { email: demoEmail[role] } });
  expect(started.status(), "the test server starts a session (TEST_SESSIONS=1)").toBe(204);
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Signs in through the sign-in form, as a person does. */
export async function signInWithForm(page: Page, role: Role) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(demoEmail[role]);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * Signs out and waits until the server has ended the session (the signed-out page), so a sign-in that follows
 * starts signed out: going to /sign-in while the sign-out is still on its way lands on the old user's home.
 */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
}

/** A new person as the "Record a person" form asks for them; the date of birth as day, month and year. */
export interface NewPerson {
  given: string;
  family: string;
  dob: [day: string, month: string, year: string];
  phone?: string;
  email?: string;
}

/**
 * Fills the "Record a person" form's required questions (and phone and email when given), answering the two consent
 * questions as a person usually does: yes to contact by a volunteer, no to being quoted.
 */
export async function fillPerson(page: Page, p: NewPerson) {
  await page.getByLabel("First name").fill(p.given);
  await page.getByLabel("Last name").fill(p.family);
  await page.getByLabel("Day", { exact: true }).fill(p.dob[0]);
  await page.getByLabel("Month", { exact: true }).fill(p.dob[1]);
  await page.getByLabel("Year", { exact: true }).fill(p.dob[2]);
  if (p.phone) await page.getByLabel("Phone number (optional)").fill(p.phone);
  if (p.email) await page.getByLabel("Email address (optional)").fill(p.email);
  await page
    .getByRole("group", { name: /contact by a volunteer/ })
    .getByLabel("Yes")
    .check();
  await page
    .getByRole("group", { name: /quoted anonymously/ })
    .getByLabel("No")
    .check();
}

/** Fails on any WCAG 2.0/2.1/2.2 A or AA violation on the page as it stands. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

export const test = base;
export { expect };
