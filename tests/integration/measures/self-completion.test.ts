import { describe, expect, it } from "vitest";
import { answerSelfStep, getSelfState, startSelfCompletion } from "~/measures/self-completion.server";
import { FieldError } from "~/errors";
import { useTestDatabase, testDb } from "../../support/db";
import { hashSessionId, readSessionId } from "~/auth/session.server";
import { makeUser, signedIn } from "../../support/factories";
import { getRequest } from "../../support/http";
import { actor, makeReferral } from "../../support/measures-factories";

useTestDatabase();

async function started(codes = ["ucla3", "ons_loneliness"]) {
  const { user, cookie } = await signedIn("coordinator");
  const sessionHash = hashSessionId((await readSessionId(getRequest("/", cookie)))!);
  const who = actor(user.id, "coordinator");
  const ref = await makeReferral({ receivedAt: new Date(Date.now() - 5 * 86_400_000) });
  const id = await startSelfCompletion(testDb(), who, {
    personId: ref.personId,
    referralId: ref.referralId,
    instrumentCodes: codes,
    timePoint: "baseline",
    followUpWeek: null,
    idempotencyKey: crypto.randomUUID(),
    wemwbsLicensed: false,
    sessionHash,
  });
  return { who, ref, id, sessionHash };
}

describe("self-completion", () => {
  it("steps through one question at a time and saves scored responses only after the last", async () => {
    const { who, ref, id } = await started();
    let state = await getSelfState(testDb(), who, id);
    expect(state).toMatchObject({
      status: "question",
      step: 0,
      total: 4,
      instrumentCode: "ucla3",
      itemId: "ucla3_companionship",
    });

    // A missing or invalid answer is refused at the field and nothing moves on.
    expect((await answerSelfStep(testDb(), who, id, { kind: "answer", step: 0, value: undefined }))?.error).toBe(
      "Select an answer",
    );
    expect((await answerSelfStep(testDb(), who, id, { kind: "answer", step: 0, value: "9" }))?.error).toBe(
      "Select an answer",
    );

    await answerSelfStep(testDb(), who, id, { kind: "answer", step: 0, value: "3" });
    // A repeated post for a step already answered changes nothing.
    await answerSelfStep(testDb(), who, id, { kind: "answer", step: 0, value: "1" });
    await answerSelfStep(testDb(), who, id, { kind: "answer", step: 1, value: "3" });
    // Back, and the earlier answer is shown again.
    state = (await answerSelfStep(testDb(), who, id, { kind: "back", step: 2 }))!.state;
    expect(state).toMatchObject({ status: "question", step: 1, current: 3 });
    await answerSelfStep(testDb(), who, id, { kind: "answer", step: 1, value: "2" });
    await answerSelfStep(testDb(), who, id, { kind: "answer", step: 2, value: "2" });
    expect(await testDb().selectFrom("measure_response").select("id").execute()).toEqual([]);

    state = (await answerSelfStep(testDb(), who, id, { kind: "answer", step: 3, value: "1" }))!.state;
    expect(state).toEqual({ status: "completed", personId: ref.personId });
    const rows = await testDb().selectFrom("measure_response").selectAll().orderBy("instrument_code").execute();
    expect(rows.map((r) => [r.instrument_code, r.mode, r.scores, r.answers])).toEqual([
      ["ons_loneliness", "self", { frequency: 1 }, { ons_lonely: 1 }],
      ["ucla3", "self", { total: 7 }, { ucla3_companionship: 3, ucla3_left_out: 2, ucla3_isolated: 2 }],
    ]);
    const draft = await testDb()
      .selectFrom("measure_self_session")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(draft.answers).toEqual({});
    expect(draft.completed_at).not.toBeNull();
    const actions = (
      await testDb().selectFrom("audit_event").select("action").where("person_id", "=", ref.personId).execute()
    ).map((a) => a.action);
    expect(actions).toContain("measures.self.start");
    expect(actions).toContain("measures.self.complete");
    expect(actions.filter((a) => a === "measure.record")).toHaveLength(2);
  });

  it("is open only to the member of staff who started it", async () => {
    const { id } = await started();
    const other = await makeUser("prescriber");
    expect(await getSelfState(testDb(), actor(other.id), id)).toBeNull();
    expect(await answerSelfStep(testDb(), actor(other.id), id, { kind: "answer", step: 0, value: "1" })).toBeNull();
  });

  it("closes when it has expired, saving nothing", async () => {
    const { who, id } = await started(["ons_loneliness"]);
    await testDb()
      .updateTable("measure_self_session")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", id)
      .execute();
    expect(await getSelfState(testDb(), who, id)).toMatchObject({ status: "expired" });
    expect((await answerSelfStep(testDb(), who, id, { kind: "answer", step: 0, value: "2" }))!.state.status).toBe(
      "expired",
    );
    expect(await testDb().selectFrom("measure_response").select("id").execute()).toEqual([]);
  });

  it("refuses to start a time point already recorded, or with no questionnaire", async () => {
    const { who, ref, sessionHash } = await started(["ons_loneliness"]);
    const again = (codes: string[]) =>
      startSelfCompletion(testDb(), who, {
        personId: ref.personId,
        referralId: ref.referralId,
        instrumentCodes: codes,
        timePoint: "baseline",
        followUpWeek: null,
        idempotencyKey: crypto.randomUUID(),
        wemwbsLicensed: false,
        sessionHash,
      });
    // Not yet completed, so the first session's time point is still free.
    await expect(again(["ons_loneliness"])).resolves.toBeTypeOf("string");
    await expect(again([])).rejects.toBeInstanceOf(FieldError);
    await expect(again(["wemwbs"])).rejects.toMatchObject({ field: "instrumentCodes" });
  });

  it("when the time point was recorded by someone else meanwhile, saves nothing and tells staff why", async () => {
    const { who, ref, id } = await started(["ons_loneliness"]);
    await testDb()
      .insertInto("measure_response")
      .values({
        person_id: ref.personId,
        referral_id: ref.referralId,
        instrument_code: "ons_loneliness",
        instrument_version: "1",
        time_point: "baseline",
        administered_on: new Date().toISOString().slice(0, 10),
        mode: "staff",
        answers: JSON.stringify({ ons_lonely: 2 }),
        scores: JSON.stringify({ frequency: 2 }),
        bands: JSON.stringify({ frequency: "Some of the time" }),
      })
      .execute();
    const result = await answerSelfStep(testDb(), who, id, { kind: "answer", step: 0, value: "3" });
    expect(result!.state).toMatchObject({ status: "failed", personId: ref.personId });
    expect((result!.state as { message: string }).message).toMatch(/already recorded/);
    expect(await testDb().selectFrom("measure_response").select("id").execute()).toHaveLength(1);
    const draft = await testDb()
      .selectFrom("measure_self_session")
      .select(["completed_at", "step"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(draft).toEqual({ completed_at: null, step: 0 });
  });
});
