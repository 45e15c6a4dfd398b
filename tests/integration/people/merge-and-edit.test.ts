import { describe, expect, it } from "vitest";
import { loader as duplicatesLoader } from "../../../app/routes/people.duplicates";
import { action as mergeAction, loader as mergeLoader } from "../../../app/routes/people.merge";
import {
  action as editReferralAction,
  loader as editReferralLoader,
} from "../../../app/routes/referrals.$referralId.edit";
import { createReferral } from "../../../app/referrals/referrals.server";
import { testDb, useTestDatabase } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { call, formRequest, getRequest } from "../../support/http";
import { makeActivity, makePerson } from "../../support/people-factories";

useTestDatabase();

const audits = (action: string) =>
  testDb().selectFrom("audit_event").selectAll().where("action", "=", action).execute();

describe("the duplicates list and the merge page", () => {
  async function pair() {
    const a = await makePerson({
      given_name: "Edith",
      family_name: "Crane",
      date_of_birth: "1942-02-02",
      phone: "07700 900001",
    });
    const b = await makePerson({
      given_name: "Edie",
      family_name: "Crane",
      date_of_birth: "1942-02-02",
      email: "edie@example.com",
    });
    await testDb()
      .insertInto("case_note")
      .values({ person_id: b.id, body: "Spoke to her daughter", kind: "note" })
      .execute();
    return { a, b };
  }

  it("lists the pair (an audited read) and shows both records side by side, each read audited", async () => {
    const { cookie, user } = await signedIn("coordinator");
    const { a, b } = await pair();
    const list = await call(() =>
      duplicatesLoader({ request: getRequest("/people/duplicates", cookie), params: {}, context: context() }),
    );
    expect(list.body.pairs).toEqual([
      expect.objectContaining({ aId: [a.id, b.id].sort()[0], bId: [a.id, b.id].sort()[1], dateOfBirth: "1942-02-02" }),
    ]);
    expect(await audits("person.duplicates-list")).toHaveLength(1);

    const page = await call(() =>
      mergeLoader({ request: getRequest(`/people/merge?a=${a.id}&b=${b.id}`, cookie), params: {}, context: context() }),
    );
    expect(page.body.first).toMatchObject({ id: a.id, version: a.version });
    expect(page.body.second.rows).toMatchObject({ email: "edie@example.com", notes: "1" });
    const reads = await audits("person.read");
    expect(reads.map((r) => [r.actor_user_id, r.person_id, (r.details as { view: string }).view]).sort()).toEqual(
      [
        [user.id, a.id, "merge"],
        [user.id, b.id, "merge"],
      ].sort(),
    );
  });

  it("merges into the chosen record, keeping everything, then the pair is gone", async () => {
    const { cookie } = await signedIn("coordinator");
    const { a, b } = await pair();
    const post = (fields: Record<string, string>) =>
      call(() =>
        mergeAction({ request: formRequest("/people/merge", fields, cookie), params: {}, context: context() }),
      );
    const base = { a: a.id, b: b.id, aVersion: String(a.version), bVersion: String(b.version) };

    const unchosen = await post(base);
    expect(unchosen.status).toBe(400);
    expect(unchosen.body.errors.keep).toBe("Select which record to keep");

    const stale = await post({ ...base, aVersion: String(a.version + 1), keep: "b" });
    expect(stale.status).toBe(409);
    expect(stale.body.values.keep).toBe("b");

    const done = await post({ ...base, keep: "b" });
    expect(done.location).toBe(`/people/${b.id}?merged=1`);
    const db = testDb();
    expect(await db.selectFrom("person").select(["merged_into_id"]).where("id", "=", a.id).executeTakeFirst()).toEqual({
      merged_into_id: b.id,
    });
    expect(await db.selectFrom("person").select(["phone", "email"]).where("id", "=", b.id).executeTakeFirst()).toEqual({
      phone: "07700 900001",
      email: "edie@example.com",
    });
    expect(await db.selectFrom("case_note").select("person_id").execute()).toEqual([{ person_id: b.id }]);
    expect(await audits("person.merge")).toHaveLength(1);

    const again = await call(() =>
      mergeLoader({ request: getRequest(`/people/merge?a=${a.id}&b=${b.id}`, cookie), params: {}, context: context() }),
    );
    expect(again.body.gone).toBe(true);
    const list = await call(() =>
      duplicatesLoader({ request: getRequest("/people/duplicates", cookie), params: {}, context: context() }),
    );
    expect(list.body.pairs).toEqual([]);
  });

  it("an administrator (who may merge but not read person pages) returns to the list", async () => {
    const { cookie } = await signedIn("admin");
    const { a, b } = await pair();
    const done = await call(() =>
      mergeAction({
        request: formRequest("/people/merge", { a: a.id, b: b.id, aVersion: "1", bVersion: "1", keep: "a" }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(done.location).toBe("/people/duplicates?merged=1");
  });

  it("refuses records with different NHS numbers", async () => {
    const { cookie } = await signedIn("coordinator");
    const a = await makePerson({ date_of_birth: "1950-01-01", family_name: "Same", nhs_number: "9434765919" });
    const b = await makePerson({ date_of_birth: "1950-01-01", family_name: "Same", nhs_number: "9991000003" });
    const page = await call(() =>
      mergeLoader({ request: getRequest(`/people/merge?a=${a.id}&b=${b.id}`, cookie), params: {}, context: context() }),
    );
    expect(page.body.differentNhsNumbers).toBe(true);
    const res = await call(() =>
      mergeAction({
        request: formRequest("/people/merge", { a: a.id, b: b.id, aVersion: "1", bVersion: "1", keep: "a" }, cookie),
        params: {},
        context: context(),
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.errors.form).toMatch(/different NHS numbers/);
    expect(await testDb().selectFrom("person").select("id").where("merged_into_id", "is not", null).execute()).toEqual(
      [],
    );
  });
});

describe("changing a referral's details", () => {
  it("saves needs, barriers and notes with an audit row; a stale save is refused with the input kept", async () => {
    const { cookie, user } = await signedIn("prescriber");
    const person = await makePerson();
    const activity = await makeActivity("direct");
    const id = (await createReferral(testDb(), { userId: user.id, role: "prescriber", requestId: "t" }, person.id, {
      kind: "direct",
      activityId: activity.id,
      source: "prescriber",
      needs: ["loneliness"],
      barriers: [],
      idempotencyKey: crypto.randomUUID(),
    }))!;
    const post = (fields: Record<string, string | string[]>) =>
      call(() =>
        editReferralAction({
          request: formRequest(`/referrals/${id}/edit`, fields, cookie),
          params: { referralId: id },
          context: context(),
        }),
      );

    const page = await call(() =>
      editReferralLoader({
        request: getRequest(`/referrals/${id}/edit`, cookie),
        params: { referralId: id },
        context: context(),
      }),
    );
    expect(page.body).toMatchObject({ version: 1, needs: ["loneliness"] });

    const none = await post({ version: "1", supportNotes: "x" });
    expect(none.status).toBe(400);
    expect(none.body.errors.needs).toMatch(/at least one need/);
    expect(none.body.values.supportNotes).toBe("x");

    expect(
      (
        await post({
          version: "1",
          needs: ["loneliness", "bereavement"],
          barriers: "transport",
          supportNotes: "Needs the bus",
        })
      ).location,
    ).toBe(`/referrals/${id}?saved=1`);
    const stale = await post({ version: "1", needs: "housing", supportNotes: "Mine" });
    expect(stale.status).toBe(409);
    expect({ ...stale.body.lists, supportNotes: stale.body.values.supportNotes }).toEqual({
      needs: ["housing"],
      barriers: [],
      supportNotes: "Mine",
    });

    const row = await testDb()
      .selectFrom("referral")
      .select(["needs", "barriers", "support_notes", "version"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      needs: ["loneliness", "bereavement"],
      barriers: ["transport"],
      support_notes: "Needs the bus",
      version: 2,
    });
    const [audit] = await audits("referral.update");
    expect(audit.details).toEqual({ changed: ["needs", "barriers", "support_notes"] });
  });
});
