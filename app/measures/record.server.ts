// Saving a measure: the checks a time point must pass, scoring at the moment of saving, and the audit row,
// all in one transaction. Answers, scores, bands and the instrument version are stored together so a later
// correction of a scoring rule can rescore history (see docs/decisions/0501-store-answers-and-scores.md).

import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { shortName } from "./catalogue";
import { formatIsoDate } from "~/ui/format";
import { londonDate, londonToday } from "~/calendar";
import { findInstrument, scoreResponse } from "./scoring";
import { MIN_FOLLOW_UP_DAYS, placeFollowUp, type FollowUpPlacement } from "./follow-up-interval";
import { type Mode, type RecordedTimePoint, type TimePointRef, timePointLabel, timePointRefusal } from "./time-points";
import { FieldError } from "~/errors";
import { onceByKey } from "~/idempotency.server";

export interface RecordInput extends TimePointRef {
  personId: string;
  referralId: string;
  instrumentCode: string;
  administeredOn: string;
  mode: Mode;
  answers: Record<string, number>;
  idempotencyKey: string;
  wemwbsLicensed: boolean;
}

export interface RecordedMeasure {
  id: string;
  /** True when the same form had already been saved (a double submit): nothing new was written. */
  replayed: boolean;
  /** Where it was saved: a follow-up too soon after the baseline, or with none, is `baseline_extra`. */
  timePoint: RecordedTimePoint;
}

const UNIQUE_VIOLATION = "23505";

/** Records one completed questionnaire. Throws FieldError for anything the user must correct. */
export async function recordMeasure(db: Kysely<DB>, actor: AuditActor, input: RecordInput): Promise<RecordedMeasure> {
  try {
    return await onceByKey(
      "measure_response_idempotency_key_key",
      () => replayOf(db, input),
      () => db.transaction().execute((trx) => recordMeasureIn(trx, actor, input)),
    );
  } catch (err) {
    // Two people saving the same time point at once: the partial unique index decides, the loser is told why.
    if (
      (err as { code?: string }).code === UNIQUE_VIOLATION &&
      /measure_response_(baseline|follow_up|exit)_key/.test(String((err as Error).message))
    ) {
      throw new FieldError("timePoint", duplicateMessage(input));
    }
    throw err;
  }
}

function duplicateMessage(input: RecordInput, on?: string): string {
  const when = on ? ` on ${formatIsoDate(on)}` : "";
  return `A ${timePointLabel(input).toLowerCase()} ${shortName(input.instrumentCode)} is already recorded for this referral${when}. If it is wrong, mark it as entered in error first.`;
}

/** The response an earlier post of the same form saved, if any (a double submit). */
async function replayOf(ex: Executor, input: RecordInput): Promise<RecordedMeasure | undefined> {
  const replay = await ex
    .selectFrom("measure_response")
    .select(["id", "person_id", "time_point"])
    .where("idempotency_key", "=", input.idempotencyKey)
    .executeTakeFirst();
  if (!replay) return undefined;
  if (replay.person_id !== input.personId)
    throw new FieldError("form", "This form has already been used: reload the page and try again");
  return { id: replay.id, replayed: true, timePoint: replay.time_point as RecordedTimePoint };
}

/**
 * The referral a measure is for, if it is the person's: its status and when it arrived. `lock`: held until the
 * transaction ends, so two saves for the referral are checked one after the other.
 */
export function personsReferral(
  trx: Executor,
  { personId, referralId }: { personId: string; referralId: string },
  { lock }: { lock: boolean },
) {
  return trx
    .selectFrom("referral")
    .select(["id", "status", "received_at"])
    .where("id", "=", referralId)
    .where("person_id", "=", personId)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
}

/** The same checks and insert inside a caller's transaction (the self-completion flow saves several at once). */
export async function recordMeasureIn(trx: Executor, actor: AuditActor, input: RecordInput): Promise<RecordedMeasure> {
  const replay = await replayOf(trx, input);
  if (replay) return replay;

  const instrument = findInstrument(input.instrumentCode);
  if (!instrument || (instrument.licensed && !input.wemwbsLicensed)) {
    throw new FieldError("instrumentCode", "Select one of the questionnaires offered");
  }

  // Locks the referral so two saves for it are checked one after the other.
  const referral = await personsReferral(trx, input, { lock: true });
  if (!referral) throw new FieldError("referralId", "Select one of this person's referrals");
  // The same form posted twice at once waited here for the first post, whose response this statement now sees: it
  // is answered as that one, not as a clash with it.
  const sameForm = await replayOf(trx, input);
  if (sameForm) return sameForm;
  if (referral.status === "declined")
    throw new FieldError(
      "referralId",
      "This referral was declined: measures are recorded only on referrals that went ahead",
    );
  const notYet = timePointRefusal(referral.status, input);
  if (notYet) throw new FieldError("timePoint", notYet);

  const receivedOn = londonDate(referral.received_at);
  if (input.administeredOn < receivedOn) {
    throw new FieldError(
      "administeredOn",
      `The date the questions were answered must be on or after the referral arrived (${formatIsoDate(receivedOn)})`,
    );
  }
  if (input.administeredOn > londonToday()) {
    throw new FieldError("administeredOn", "The date the questions were answered must be today or in the past");
  }

  const live = await trx
    .selectFrom("measure_response")
    .select(["time_point", "follow_up_week", "administered_on"])
    .where("referral_id", "=", input.referralId)
    .where("instrument_code", "=", instrument.code)
    .where("entered_in_error_at", "is", null)
    .execute();
  const baseline = live.find((r) => r.time_point === "baseline");
  if (input.timePoint !== "baseline" && baseline && input.administeredOn < baseline.administered_on) {
    throw new FieldError(
      "administeredOn",
      `A ${timePointLabel(input).toLowerCase()} must be on or after the baseline (${formatIsoDate(baseline.administered_on)})`,
    );
  }
  // A follow-up too soon after the baseline (or with none) is kept as an extra baseline-window response: it takes
  // no follow-up week, so the real follow-up can still be recorded, and it is never compared.
  const placement: FollowUpPlacement =
    input.timePoint === "follow_up"
      ? placeFollowUp({
          baselineOn: baseline?.administered_on ?? null,
          administeredOn: input.administeredOn,
          minDays: await minFollowUpDays(trx, input.referralId),
        })
      : { placement: "follow_up" };
  const timePoint: RecordedTimePoint = placement.placement === "baseline_extra" ? "baseline_extra" : input.timePoint;
  const clash =
    timePoint === "baseline_extra"
      ? undefined
      : live.find(
          (r) =>
            r.time_point === input.timePoint &&
            (input.timePoint !== "follow_up" || r.follow_up_week === input.followUpWeek),
        );
  if (clash) throw new FieldError("timePoint", duplicateMessage(input, clash.administered_on));
  const earliestLater = live
    .filter((r) => r.time_point === "follow_up" || r.time_point === "exit")
    .map((r) => r.administered_on)
    .sort()[0];
  if (input.timePoint === "baseline" && earliestLater && input.administeredOn > earliestLater) {
    throw new FieldError(
      "administeredOn",
      `A baseline must be on or before the first later measure (${formatIsoDate(earliestLater)})`,
    );
  }

  // A MeasureValidationError is a FieldError at the item at fault.
  const scored = scoreResponse(instrument.code, input.answers);

  const row = await trx
    .insertInto("measure_response")
    .values({
      person_id: input.personId,
      referral_id: input.referralId,
      instrument_code: instrument.code,
      instrument_version: instrument.version,
      time_point: timePoint,
      follow_up_week: timePoint === "follow_up" ? input.followUpWeek : null,
      administered_on: input.administeredOn,
      mode: input.mode,
      answers: JSON.stringify(input.answers),
      scores: JSON.stringify(scored.scores),
      bands: JSON.stringify(scored.bands),
      recorded_by: actor.userId,
      idempotency_key: input.idempotencyKey,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(trx, actor, {
    action: "measure.record",
    entityType: "measure_response",
    entityId: row.id,
    personId: input.personId,
    details: {
      referralId: input.referralId,
      instrumentCode: instrument.code,
      timePoint,
      followUpWeek: timePoint === "follow_up" ? input.followUpWeek : null,
      ...(timePoint === "baseline_extra" && {
        enteredAs: "follow_up",
        enteredAsWeek: input.followUpWeek,
        why: placement.placement === "baseline_extra" ? placement.why : undefined,
      }),
      mode: input.mode,
    },
  });
  return { id: row.id, replayed: false, timePoint };
}

/** The referral's activity schedule's least days between baseline and a counted follow-up (28 without one). */
async function minFollowUpDays(db: Executor, referralId: string): Promise<number> {
  const row = await db
    .selectFrom("referral as r")
    .innerJoin("measure_schedule as ms", "ms.activity_id", "r.activity_id")
    .select("ms.min_follow_up_days")
    .where("r.id", "=", referralId)
    .executeTakeFirst();
  return row?.min_follow_up_days ?? MIN_FOLLOW_UP_DAYS;
}

export type MarkResult = "marked" | "already_marked" | "not_found";

/**
 * Marks a response as entered in error: kept and still shown (struck through), but excluded from scores,
 * change and due calculations. Never deleted.
 */
export async function markEnteredInError(
  db: Kysely<DB>,
  actor: AuditActor,
  input: { personId: string; responseId: string; reason: string },
): Promise<MarkResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("measure_response")
      .select(["id", "entered_in_error_at", "instrument_code", "referral_id"])
      .where("id", "=", input.responseId)
      .where("person_id", "=", input.personId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return "not_found";
    if (row.entered_in_error_at) return "already_marked";
    await trx
      .updateTable("measure_response")
      .set({
        entered_in_error_at: sql`now()`,
        entered_in_error_by: actor.userId,
        entered_in_error_reason: input.reason,
      })
      .where("id", "=", row.id)
      .execute();
    await audit(trx, actor, {
      action: "measure.entered-in-error",
      entityType: "measure_response",
      entityId: row.id,
      personId: input.personId,
      details: {
        referralId: row.referral_id,
        instrumentCode: row.instrument_code,
        fields: ["entered_in_error_reason"],
      },
    });
    return "marked";
  });
}
