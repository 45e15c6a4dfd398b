import { describe, expect, it } from "vitest";
import { loader as referralLoader } from "~/routes/referrals.$referralId._index";
import { labelledSubjectValue } from "~/person-record/subject-labels";
import { SNOMED_DECLINED } from "~/referrals/lifecycle";
import { useTestDatabase, testDb } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { makeReferral } from "../../support/measures-factories";
import { joinCareTeam } from "../../support/people-factories";

// Issue 16, the walkthrough of the prescriber's day: the referral page showed the GP record code as a bare number,
// and had no way to record a measure, so the prescriber went back to the person page to take the baseline.

useTestDatabase();

async function page(
  role: "prescriber" | "coordinator",
  opts: Parameters<typeof makeReferral>[0] = {},
  before?: (referralId: string) => Promise<unknown>,
) {
  const { cookie, user } = await signedIn(role);
  const ref = await makeReferral(opts);
  await joinCareTeam(ref.personId, user.id);
  await before?.(ref.referralId);
  const data = (await referralLoader({
    request: new Request(`http://localhost/referrals/${ref.referralId}`, { headers: { Cookie: cookie } }),
    params: { referralId: ref.referralId },
    context: context(),
  })) as Awaited<ReturnType<typeof referralLoader>>;
  return { ref, data };
}

describe("the referral page", () => {
  it("shows the GP record code with its SNOMED CT term beside it", async () => {
    const { data } = await page("prescriber");
    expect(data.referral.snomed).toBe("871731000000106 Referral to social prescribing service");
  });

  it("shows a person's decline by its term too", async () => {
    const { data } = await page("prescriber", { status: "declined" }, (id) =>
      testDb().updateTable("referral").set({ snomed_code: SNOMED_DECLINED }).where("id", "=", id).execute(),
    );
    expect(data.referral.snomed).toBe("871711000000103 Social prescribing declined");
  });

  it("offers 'Record a measure' on an open referral, with the referral chosen", async () => {
    for (const status of ["received", "contacted", "accepted", "attending"]) {
      const { ref, data } = await page("prescriber", { status });
      expect(data.recordMeasureHref, status).toBe(`/people/${ref.personId}/measures/new?referral=${ref.referralId}`);
    }
  });

  it("does not offer it on a referral that has ended or was declined", async () => {
    for (const status of ["ended", "declined"]) {
      const { data } = await page("coordinator", { status });
      expect(data.recordMeasureHref, status).toBeNull();
    }
  });
});

describe("the subject access export's printable page", () => {
  it("shows a referral's GP record code with its term", () => {
    expect(labelledSubjectValue("referral", "snomed_code", SNOMED_DECLINED)).toBe(
      "871711000000103 Social prescribing declined",
    );
  });
});
