import type { Page } from "@playwright/test";
import { expect as baseExpect, expectAccessible, fillPerson, type NewPerson, signInAs, test } from "./fixtures";

// Long journeys on a shared test server: each step waits up to 20 s for what the user waits for.
const expect = baseExpect.configure({ timeout: 20_000 });

// Every test makes its own people (names carry a unique suffix), so the order the tests run in does not matter.
const unique = () => `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;

/**
 * Checks the page against WCAG 2.2 AA. With SCREENSHOTS_DIR set it also saves the page at desktop width and at a
 * phone's width (390 × 844), for a person to look over.
 */
async function look(page: Page, name: string) {
  await expectAccessible(page);
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  const desktop = page.viewportSize();
  await page.screenshot({ path: `${dir}/p-${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${dir}/p-${name}-phone.png`, fullPage: true });
  if (desktop) await page.setViewportSize(desktop);
}

/** Records a person through the form (confirming past a duplicate warning when one is expected); returns their id. */
async function recordPerson(page: Page, p: NewPerson & { expectWarning?: boolean }) {
  await page.goto("/people/new");
  await fillPerson(page, p);
  await page.getByRole("button", { name: "Save and continue" }).click();
  if (p.expectWarning) {
    await expect(page.getByRole("heading", { name: "This person may already have a record" })).toBeVisible();
    await page.getByRole("button", { name: "Record as a new person" }).click();
  }
  await expect(page.getByText("The person has been recorded.")).toBeVisible();
  return personIdIn(page.url());
}

const personIdIn = (url: string) => new URL(url).pathname.split("/")[2];

async function selectOptionContaining(page: Page, selectId: string, text: string) {
  const value = await page.locator(`#${selectId} option`, { hasText: text }).first().getAttribute("value");
  await page.locator(`#${selectId}`).selectOption(value!);
}

test("a prescriber is warned of a possible duplicate, records the person, refers them, and moves the referral to ended", async ({
  page,
}) => {
  await signInAs(page, "prescriber");
  await look(page, "caseload");
  await page.getByRole("link", { name: "People", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  // Merging is for coordinators and administrators.
  await expect(page.getByRole("link", { name: "Check for duplicate records" })).toHaveCount(0);
  await page.getByLabel("Find a person by name or NHS number").fill("Demo-Whitfield");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: "Arthur Demo-Whitfield" })).toBeVisible();
  expect(page.url()).not.toContain("Whitfield");
  await look(page, "people-search");

  // Arthur's twin brother: same family name and date of birth, so the service asks before making a second record.
  await page.getByRole("link", { name: "Record a new person" }).click();
  await look(page, "person-new");
  const given = `Albert-${unique()}`;
  await fillPerson(page, { given, family: "Demo-Whitfield", dob: ["14", "3", "1941"], phone: "07700 900199" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { name: "This person may already have a record" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Use this record\W+Arthur Demo-Whitfield$/ })).toBeVisible();
  await expect(page.getByLabel("First name")).toHaveValue(given);
  await expect(page.getByLabel("Phone number (optional)")).toHaveValue("07700 900199");
  await look(page, "person-new-duplicate");
  await page.getByRole("button", { name: "Record as a new person" }).click();
  await expect(page.getByText("The person has been recorded.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `${given} Demo-Whitfield` })).toBeVisible();
  const personId = personIdIn(page.url());
  await look(page, "person");

  // Refer him to Chatter Chairs, noting why and what stands in the way.
  await page.getByRole("link", { name: "Refer or signpost" }).click();
  await look(page, "refer");
  await page.getByLabel("A direct referral to an activity").check();
  await selectOptionContaining(page, "activityId", "Chatter Chairs seated exercise");
  await page.getByLabel("Loneliness").check();
  await page.getByLabel("Bereavement").check();
  await page.getByLabel(/^Transport/).check();
  await page.getByLabel("Notes for the provider (optional)").fill("Needs the Fox Connect bus.");
  await page.getByRole("button", { name: "Save referral" }).click();
  await expect(page.getByText("The referral has been recorded.")).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 1, name: "Referral to Chatter Chairs seated exercise" }),
  ).toBeVisible();
  const referralUrl = page.url().replace(/\?.*$/, "");
  await look(page, "referral");

  // Details change later (needs, barriers, notes) without touching the status.
  await page.getByRole("link", { name: "Change needs" }).click();
  await look(page, "referral-edit");
  await page.getByLabel("Low mood").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByText("Loneliness, Bereavement, Low mood")).toBeVisible();

  // It shows on her caseload as a first contact to make.
  await page.getByRole("link", { name: "Caseload", exact: true }).click();
  const row = page.getByRole("row", { name: new RegExp(`${given} Demo-Whitfield`) });
  await expect(row).toContainText("First contact due");
  await look(page, "caseload-with-referral");

  await page.goto(referralUrl);
  await page.getByLabel("First contact made").check();
  await page.getByRole("button", { name: "Save update" }).click();
  await expect(page.getByText("The referral has been updated.")).toBeVisible();
  await page.getByLabel("Ended").check();
  await page.getByLabel("Completed").check();
  await page.getByRole("button", { name: "Save update" }).click();
  await expect(page.getByText("The referral has been updated.")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Ended" }).first()).toBeVisible();
  const history = page.getByRole("table", { name: "Status history" });
  await expect(history.getByRole("row")).toHaveCount(4);
  await expect(history).toContainText("Contacted to Ended");
  await expect(page.getByRole("button", { name: "Save update" })).toHaveCount(0);
  await look(page, "referral-ended");

  await page.goto(`/people/${personId}`);
  await expect(page.getByRole("table", { name: "Referrals" })).toContainText("Ended");
});

test("someone new found through the directory is recorded and goes straight on to their referral; a measure asked for before any referral leads to it", async ({
  page,
}) => {
  await signInAs(page, "prescriber");
  await page.goto("/directory");
  await page.getByRole("link", { name: "Chatter Chairs seated exercise" }).click();
  await page.getByRole("link", { name: "Refer someone to this activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Who is the referral for?" })).toBeVisible();
  // Not known yet: recording them keeps the activity chosen, so the referral form follows with it selected.
  await page.getByRole("link", { name: "Record a new person" }).click();
  const given = `Wilfred-${unique()}`;
  await fillPerson(page, { given, family: "Demo-Newcome", dob: ["2", "5", "1939"], phone: "07700 900177" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Refer or signpost" })).toBeVisible();
  await expect(page.locator("#activityId option:checked")).toContainText("Chatter Chairs seated exercise");
  const personId = personIdIn(page.url());

  // A measure belongs to a referral: with none yet, the page says so and offers the way to make one.
  await page.goto(`/people/${personId}/measures/new`);
  await expect(page.getByText("has no open referral")).toBeVisible();
  await page.getByRole("link", { name: "Refer or signpost" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Refer or signpost" })).toBeVisible();
});

test("a self-referral reaches triage: a coordinator makes a new person and a referral, then links a second request to that record", async ({
  page,
}) => {
  const family = `Demo-Caller${unique()}`;
  await page.goto("/start");
  await look(page, "start");
  await page.getByRole("button", { name: "Ask for a call back" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter your first name");
  await expect(page.getByRole("alert")).toContainText("Select the best time to call you");
  await look(page, "start-errors");

  const ask = async (contact: { phone?: string; email?: string }) => {
    await page.getByLabel("First name").fill("Brenda");
    await page.getByLabel("Last name").fill(family);
    await page.getByLabel("Day", { exact: true }).fill("5");
    await page.getByLabel("Month", { exact: true }).fill("6");
    await page.getByLabel("Year", { exact: true }).fill("1947");
    if (contact.phone) await page.getByLabel("Phone number").fill(contact.phone);
    if (contact.email) await page.getByLabel("Email address (optional)").fill(contact.email);
    await page.getByLabel("Which area do you live in?").selectOption({ label: "Melton" });
    await page.getByLabel("Morning").check();
    await page.getByLabel("I feel lonely").check();
    await page.getByRole("button", { name: "Ask for a call back" }).click();
    await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
  };
  await ask({ phone: "07700 900555" });
  await look(page, "thank-you");
  // She asks again a few days later, this time by email.
  await page.goto("/start");
  await ask({ email: "brenda.demo@example.com" });

  await signInAs(page, "coordinator");
  const openQueue = async () => {
    await page.getByRole("link", { name: "Self-referrals" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Self-referrals" })).toBeVisible();
  };
  await openQueue();
  const requests = page.getByRole("link", { name: `Brenda ${family}` });
  await expect(requests).toHaveCount(2);
  await look(page, "triage");
  await requests.first().click();
  await expect(page.getByText("No existing record has a similar name and the same date of birth.")).toBeVisible();
  await look(page, "triage-item-new");
  await page.getByRole("button", { name: "Create a new person" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Refer or signpost" })).toBeVisible();
  await expect(page.getByText(`Brenda ${family}, born 5 Jun 1947`)).toBeVisible();
  const personId = personIdIn(page.url());
  await expect(page.getByLabel("Self-referral")).toBeChecked();
  await page.getByLabel("A direct referral to an activity").check();
  await selectOptionContaining(page, "activityId", "Gather Create Grow craft club");
  await page.getByLabel("Social isolation").check();
  await page.getByRole("button", { name: "Save referral" }).click();
  await expect(page.getByText("The referral has been recorded.")).toBeVisible();
  // The source says when she asked, carried from her request (decision 0853).
  await expect(
    page.getByText(/^Self-referral: Asked through .Start a conversation. on \d{1,2} \w{3} \d{4}$/),
  ).toBeVisible();

  // The second request is from someone now known: it is linked, not made into a second person. Wait for the queue
  // itself: the referral page links her name too, so counting links before the queue arrives counts the wrong page.
  await openQueue();
  await expect(requests).toHaveCount(1);
  await requests.click();
  await expect(page.getByText("These records have a similar name and the same date of birth.")).toBeVisible();
  await look(page, "triage-item-match");
  await page.getByRole("button", { name: new RegExp(`^Link to this record\\W+Brenda ${family}$`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Refer or signpost" })).toBeVisible();
  expect(personIdIn(page.url())).toBe(personId);
  await openQueue();
  await expect(requests).toHaveCount(0);
});

test("two prescribers change the same record: the later save is refused with its input kept, and can then be saved", async ({
  browser,
}) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signInAs(first, "prescriber");
  await signInAs(second, "prescriber");
  const family = `Demo-Edit${unique()}`;
  const id = await recordPerson(first, { given: "Norman", family, dob: ["9", "9", "1939"] });

  await first.goto(`/people/${id}/edit`);
  await second.goto(`/people/${id}/edit`);
  await look(first, "person-edit");
  await first.getByLabel("Phone number (optional)").fill("07700 900321");
  await first.getByRole("button", { name: "Save changes" }).click();
  await expect(first.getByText("Changes saved.")).toBeVisible();

  await second.getByLabel("Communication needs (optional)").fill("Hard of hearing: face him when speaking");
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByRole("alert")).toContainText("Someone else changed these details while you were editing");
  await expect(second.getByLabel("Communication needs (optional)")).toHaveValue(
    "Hard of hearing: face him when speaking",
  );
  // What the other prescriber saved is shown beside the kept input.
  await expect(second.getByText("Saved: 07700 900321")).toBeVisible();
  await look(second, "person-edit-conflict");

  // Having checked the current record, the second prescriber keeps the new phone number and saves again.
  await second.getByLabel("Phone number (optional)").fill("07700 900321");
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByText("Changes saved.")).toBeVisible();
  await expect(second.getByText("Hard of hearing: face him when speaking")).toBeVisible();
  await expect(second.getByText("07700 900321")).toBeVisible();
});

for (const role of ["activity_lead", "analyst"] as const) {
  test(`an ${role === "analyst" ? "analyst" : "activity lead"} is refused the person page and the people search`, async ({
    page,
    browser,
  }) => {
    const prescriber = await (await browser.newContext()).newPage();
    await signInAs(prescriber, "prescriber");
    const id = await recordPerson(prescriber, {
      given: "Private",
      family: `Demo-Refused${unique()}`,
      dob: [role === "analyst" ? "2" : "3", "1", "1944"],
    });
    await prescriber.context().close();

    await signInAs(page, role);
    await expect(page.getByRole("link", { name: "People", exact: true })).toHaveCount(0);
    // An analyst works only with figures: a person's page answers as if it did not exist, so it confirms nothing.
    const refused = role === "analyst" ? 404 : 403;
    const response = await page.goto(`/people/${id}`);
    expect(response?.status()).toBe(refused);
    await expect(
      page.getByRole("heading", {
        name: refused === 404 ? "Page not found" : "You do not have permission to see this page",
      }),
    ).toBeVisible();
    await expect(page.getByText("Demo-Refused")).toHaveCount(0);
    await look(page, `refused-${role}`);
    expect((await page.goto("/people"))?.status()).toBe(refused);
    expect((await page.goto(`/people/${id}/edit`))?.status()).toBe(refused);
  });
}

test("a coordinator merges two records of the same person, keeping what each held", async ({ page }) => {
  const family = `Demo-Twice${unique()}`;
  await signInAs(page, "coordinator");
  const edith = await recordPerson(page, { given: "Edith", family, dob: ["2", "2", "1942"], phone: "07700 900222" });
  const edie = await recordPerson(page, {
    given: "Edie",
    family,
    dob: ["2", "2", "1942"],
    email: "edie.demo@example.com",
    expectWarning: true,
  });
  await page.getByLabel("Note", { exact: true }).fill("Spoke to her daughter about the craft club.");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByText("Note saved.")).toBeVisible();

  await page.getByRole("link", { name: "People", exact: true }).click();
  await page.getByRole("link", { name: "Check for duplicate records" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Possible duplicate records" })).toBeVisible();
  await look(page, "duplicates");
  const pair = page
    .getByRole("row")
    .filter({ hasText: `Edith ${family}` })
    .filter({ hasText: `Edie ${family}` });
  await pair.getByRole("link", { name: /^Compare/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compare two records" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Name/ }).first()).toContainText("Differs");
  await look(page, "merge");

  await page.getByRole("button", { name: "Merge records" }).click();
  await expect(page.getByRole("alert")).toContainText("Select which record to keep");
  await look(page, "merge-error");
  await page.getByLabel(new RegExp(`Keep the (first|second) record \\(Edith ${family}\\)`)).check();
  await page.getByRole("button", { name: "Merge records" }).click();

  await expect(page.getByText("The records have been merged.")).toBeVisible();
  expect(personIdIn(page.url())).toBe(edith);
  await expect(page.getByRole("heading", { level: 1, name: `Edith ${family}` })).toBeVisible();
  await expect(page.getByText("07700 900222")).toBeVisible();
  await expect(page.getByText("edie.demo@example.com")).toBeVisible();
  await expect(page.getByText("Spoke to her daughter about the craft club.")).toBeVisible();

  // The merged-away record still resolves, to the kept one; the pair has left the list.
  await page.goto(`/people/${edie}`);
  await expect(page).toHaveURL(new RegExp(`/people/${edith}$`));
  await page.goto("/people/duplicates");
  await expect(page.getByRole("row").filter({ hasText: family })).toHaveCount(0);
});

test("a search is one request: the page keeps its data, and the idle warning counts from the search", async ({
  page,
}) => {
  await page.clock.install();
  await signInAs(page, "prescriber");
  await page.getByRole("link", { name: "People", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  const warning = page.getByText(/you will be signed out in/);

  // Ten minutes on the page without a request: the session, as the page last heard, has five minutes left.
  await page.clock.fastForward("10:00");
  const requests: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith(".data"))
      requests.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`);
  });
  await page.getByLabel("Find a person by name or NHS number").fill("Demo-Whitfield");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: "Arthur Demo-Whitfield" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(requests).toEqual(["POST /people.data?index"]);

  // The search told the page how long the session has left, so four more minutes bring no warning (the page's
  // own figure would have warned at thirteen), and fourteen more do.
  await page.clock.fastForward("04:00");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(warning).toHaveCount(0);
  await page.clock.fastForward("10:00");
  await expect(warning).toBeVisible();
  await expect(page.getByRole("link", { name: "Arthur Demo-Whitfield" })).toBeVisible();
});
