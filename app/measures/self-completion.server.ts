// Self-completion: a member of staff starts it for a person, referral and time point, then hands the device
// over. The person answers one question per screen; answers wait server-side in measure_self_session (never in
// the page or the URL) and become scored responses together after the last question. The screens show no
// name or other record data (see docs/decisions/0504-self-completion.md).

import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { offeredInstruments } from "./catalogue";
import { londonToday } from "~/calendar";
import { personsReferral, recordMeasureIn } from "./record.server";
import { answersFor, selfSteps } from "./self-steps";
import { itemError } from "./answers-form";
import type { TimePointRef } from "./time-points";
import { timePointLabel, timePointRefusal } from "./time-points";
import { shortName } from "./catalogue";
import { FieldError } from "~/errors";
import { onceByKey } from "~/idempotency.server";
import { restrictSession } from "~/auth/session.server";

/** How long a handed-over questionnaire stays open. */
const SELF_SESSION_MINUTES = 60;

export interface StartInput extends TimePointRef {
  personId: string;
  referralId: string;
  instrumentCodes: string[];
  idempotencyKey: string;
  wemwbsLicensed: boolean;
  /**
   * The staff member's session (`user_session.id_hash`) on the device being handed over: it is restricted to this
   * questionnaire in the same transaction (docs/decisions/0820-restricted-self-completion.md).
   */
  sessionHash: string;
}

/**
 * Starts a self-completion questionnaire and restricts the staff member's session to it, returning its id. Once per
 * idempotency key: a repeated or concurrent post with the same key gets the first one's id (and the same
 * restriction). Throws FieldError when the questionnaires, referral or time point cannot be used.
 */
export async function startSelfCompletion(db: Kysely<DB>, actor: AuditActor, input: StartInput): Promise<string> {
  const replay = async (trx: Executor) => {
    const earlier = await trx
      .selectFrom("measure_self_session")
      .select(["id", "person_id", "created_by"])
      .where("idempotency_key", "=", input.idempotencyKey)
      .executeTakeFirst();
    if (!earlier) return undefined;
    if (earlier.person_id !== input.personId || earlier.created_by !== actor.userId)
      throw new FieldError("form", "This form has already been used: reload the page and try again");
    await restrictSession(trx, input.sessionHash, earlier.id);
    return earlier.id;
  };
  return onceByKey(
    "measure_self_session_idempotency_key_key",
    () => db.transaction().execute(replay),
    () =>
      db.transaction().execute(async (trx) => {
        const earlier = await replay(trx);
        if (earlier) return earlier;
        const offered = new Set(offeredInstruments(input.wemwbsLicensed).map((i) => i.code as string));
        // Keep the catalogue's order whatever order the boxes were ticked in.
        const codes = offeredInstruments(input.wemwbsLicensed)
          .map((i) => i.code as string)
          .filter((c) => input.instrumentCodes.includes(c));
        if (codes.length === 0 || input.instrumentCodes.some((c) => !offered.has(c)))
          throw new FieldError("instrumentCodes", "Select at least one of the questionnaires offered");
        const referral = await personsReferral(trx, input, { lock: false });
        if (!referral || referral.status === "declined")
          throw new FieldError("referralId", "Select one of this person's referrals that went ahead");
        // Refused before the person answers anything, as recording it at the end would be.
        const notYet = timePointRefusal(referral.status, input);
        if (notYet) throw new FieldError("timePoint", notYet);
        // Refuse now rather than after the person has answered everything.
        const taken = await trx
          .selectFrom("measure_response")
          .select("instrument_code")
          .where("referral_id", "=", input.referralId)
          .where("instrument_code", "in", codes)
          .where("time_point", "=", input.timePoint)
          .$if(input.timePoint === "follow_up", (q) => q.where("follow_up_week", "=", input.followUpWeek))
          .where("entered_in_error_at", "is", null)
          .execute();
        if (taken.length > 0) {
          throw new FieldError(
            "timePoint",
            `A ${timePointLabel(input).toLowerCase()} is already recorded for this referral for ${taken.map((t) => shortName(t.instrument_code)).join(" and ")}`,
          );
        }
        const row = await trx
          .insertInto("measure_self_session")
          .values({
            person_id: input.personId,
            referral_id: input.referralId,
            instrument_codes: codes,
            time_point: input.timePoint,
            follow_up_week: input.timePoint === "follow_up" ? input.followUpWeek : null,
            created_by: actor.userId!,
            expires_at: sql`now() + make_interval(mins => ${SELF_SESSION_MINUTES})`,
            idempotency_key: input.idempotencyKey,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await audit(trx, actor, {
          action: "measures.self.start",
          entityType: "measure_self_session",
          entityId: row.id,
          personId: input.personId,
          details: { referralId: input.referralId, instruments: codes, timePoint: input.timePoint },
        });
        await restrictSession(trx, input.sessionHash, row.id);
        return row.id;
      }),
  );
}

export type SelfState =
  | {
      status: "question";
      personId: string;
      step: number;
      total: number;
      instrumentCode: string;
      itemId: string;
      current?: number;
    }
  | { status: "completed"; personId: string }
  | { status: "expired"; personId: string }
  | { status: "failed"; personId: string; message: string };

async function loadSession(trx: Executor, actor: AuditActor, sessionId: string, lock: boolean) {
  let q = trx
    .selectFrom("measure_self_session")
    .selectAll()
    .select(sql<boolean>`expires_at < now()`.as("expired"))
    .where("id", "=", sessionId)
    // Only the member of staff who started it may continue it: the device never changes hands silently.
    .where("created_by", "=", actor.userId!)
    .where("cancelled_at", "is", null);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

function stateOf(row: NonNullable<Awaited<ReturnType<typeof loadSession>>>, message?: string): SelfState {
  if (row.completed_at) return { status: "completed", personId: row.person_id };
  if (message) return { status: "failed", personId: row.person_id, message };
  if (row.expired) return { status: "expired", personId: row.person_id };
  const steps = selfSteps(row.instrument_codes);
  const step = steps[Math.min(row.step, steps.length - 1)];
  const answers = row.answers as Record<string, number>;
  return {
    status: "question",
    personId: row.person_id,
    step: step.index,
    total: steps.length,
    instrumentCode: step.instrument.code,
    itemId: step.item.id,
    current: answers[step.item.id],
  };
}

/** The screen to show, or null when there is no such questionnaire for this member of staff. Audited. */
export async function getSelfState(db: Kysely<DB>, actor: AuditActor, sessionId: string): Promise<SelfState | null> {
  return db.transaction().execute(async (trx) => {
    const row = await loadSession(trx, actor, sessionId, false);
    if (!row) return null;
    await audit(trx, actor, {
      action: "measures.self.view",
      entityType: "measure_self_session",
      entityId: sessionId,
      personId: row.person_id,
      details: { step: row.step },
    });
    return stateOf(row);
  });
}

export type SelfAnswer = { kind: "answer"; step: number; value: string | undefined } | { kind: "back"; step: number };

/**
 * Applies one screen's answer (or a step back). A post for a step other than the current one (a double
 * submit, a browser back button) changes nothing. After the last answer every questionnaire is scored and
 * saved in one transaction. Returns the new state, or an error for the answer field.
 */
export async function answerSelfStep(
  db: Kysely<DB>,
  actor: AuditActor,
  sessionId: string,
  answer: SelfAnswer,
): Promise<{ state: SelfState; error?: string } | null> {
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await loadSession(trx, actor, sessionId, true);
      if (!row) return null;
      if (row.completed_at || row.expired || answer.step !== row.step) return { state: stateOf(row) };
      const steps = selfSteps(row.instrument_codes);
      if (answer.kind === "back") {
        const step = Math.max(0, row.step - 1);
        await trx.updateTable("measure_self_session").set({ step }).where("id", "=", row.id).execute();
        return { state: stateOf({ ...row, step }) };
      }
      const current = steps[row.step];
      const error = itemError(current.instrument, current.item, answer.value);
      if (error) return { state: stateOf(row), error: "Select an answer" };
      const answers = { ...(row.answers as Record<string, number>), [current.item.id]: Number(answer.value) };
      const next = row.step + 1;
      if (next < steps.length) {
        await trx
          .updateTable("measure_self_session")
          .set({ step: next, answers: JSON.stringify(answers) })
          .where("id", "=", row.id)
          .execute();
        return { state: stateOf({ ...row, step: next, answers }) };
      }
      // Last answer: save every questionnaire, or none (a clash leaves the draft for staff to sort out).
      try {
        const ids: string[] = [];
        for (const code of row.instrument_codes) {
          const instrument = steps.find((s) => s.instrument.code === code)!.instrument;
          const saved = await recordMeasureIn(trx, actor, {
            personId: row.person_id,
            referralId: row.referral_id,
            instrumentCode: code,
            timePoint: row.time_point as TimePointRef["timePoint"],
            followUpWeek: row.follow_up_week,
            administeredOn: londonToday(),
            mode: "self",
            answers: answersFor(instrument, answers),
            idempotencyKey: crypto.randomUUID(),
            // Offered when the session started; the licence is checked there.
            wemwbsLicensed: true,
          });
          ids.push(saved.id);
        }
        // The answers now live in the scored responses; the draft keeps none.
        await trx
          .updateTable("measure_self_session")
          .set({ step: next, answers: "{}", completed_at: sql`now()`, response_ids: ids })
          .where("id", "=", row.id)
          .execute();
        await audit(trx, actor, {
          action: "measures.self.complete",
          entityType: "measure_self_session",
          entityId: row.id,
          personId: row.person_id,
          details: { responseIds: ids },
        });
        return { state: { status: "completed", personId: row.person_id } satisfies SelfState };
      } catch (err) {
        if (err instanceof FieldError) throw new SelfSaveError(row.person_id, err.message);
        throw err;
      }
    })
    .catch((err): { state: SelfState } => {
      // The transaction rolled back; report it outside so the draft (with its last answer unsaved) stays usable.
      if (err instanceof SelfSaveError)
        return { state: { status: "failed", personId: err.personId, message: err.message } };
      throw err;
    });
}

class SelfSaveError extends Error {
  constructor(
    public readonly personId: string,
    message: string,
  ) {
    super(message);
  }
}
