import { afterEach, describe, expect, it, vi } from "vitest";
import { action as newPersonAction } from "../../../app/routes/people.new";
import { testDb, useTestDatabase } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { call, formRequest } from "../../support/http";

useTestDatabase();

const personForm = (over: Record<string, string> = {}) => ({
  givenName: "Arthur",
  familyName: "Whitfield",
  dobDay: "14",
  dobMonth: "3",
  dobYear: "1941",
  nhsNumber: "",
  consentVolunteer: "yes",
  consentQuote: "no",
  idempotencyKey: crypto.randomUUID(),
  ...over,
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function record(cookie: string, over: Record<string, string>) {
  return call(() =>
    newPersonAction({ request: formRequest("/people/new", personForm(over), cookie), params: {}, context: context() }),
  );
}

describe("NHS numbers that are never issued", () => {
  it("refuses 999 999 9999 and the test range outside demo mode, saying to leave the field blank", async () => {
    vi.stubEnv("DEMO", "0");
    const { cookie } = await signedIn("prescriber");
    for (const nhsNumber of ["999 999 9999", "000 000 0000", "999 100 0003"]) {
      const res = await record(cookie, { nhsNumber });
      expect(res.status, nhsNumber).toBe(400);
      expect(res.body.errors.nhsNumber).toMatch(/leave this blank/);
      expect(res.body.values.nhsNumber).toBe(nhsNumber);
    }
    expect(await testDb().selectFrom("person").select("id").execute()).toHaveLength(0);
    expect((await record(cookie, { nhsNumber: "943 476 5919" })).status).toBe(302);
  });

  it("a second person given the placeholder is never steered to the first one's record", async () => {
    vi.stubEnv("DEMO", "1");
    const { cookie } = await signedIn("prescriber");
    const first = await record(cookie, { nhsNumber: "999 999 9999" });
    expect(first.status).toBe(400);
    const second = await record(cookie, { givenName: "Joan", familyName: "Pegg", nhsNumber: "999 999 9999" });
    expect(second.status).toBe(400);
    expect(second.body.errors.nhsNumber).not.toMatch(/use that record/);
    // Demo mode still takes the seed's 999-range test numbers.
    expect((await record(cookie, { nhsNumber: "999 100 0003" })).status).toBe(302);
  });
});
