// Due and overdue measures for referrals, computed on read (docs/decisions/0503-due-computed-on-read.md).
// The caseload asks for many referrals at once, so everything is read in three queries whatever the count.

import { sql } from "kysely";
import type { Executor } from "~/audit/audit.server";
import {
  type DueItem,
  dueItems,
  measureSchedule,
  type ReferralForDue,
  type ResponseForDue,
  type ScheduledMeasure,
} from "./due";
import { londonDate, londonToday } from "~/calendar";
import { DEFAULT_FOLLOW_UP_WEEKS, type RecordedTimePoint } from "./time-points";

interface DueInputs {
  referral: ReferralForDue;
  responses: ResponseForDue[];
}

/** The first session: stamped on the referral by the lifecycle, or the earliest register mark "present". For `referral as r`. */
export const firstSessionOnSql = sql<string | null>`coalesce(r.first_attended_on, (
  select min(s.session_date) from attendance a join activity_session s on s.id = a.session_id
  where a.referral_id = r.id and a.status = 'present'))`;

/** A referral row read with `firstSessionOnSql` and `measure_schedule.follow_up_weeks`, as the due rules take it. */
export function referralForDue(r: {
  id: string;
  status: string;
  received_at: Date;
  ended_at: Date | null;
  first_session_on: string | null;
  follow_up_weeks: number[] | null;
}): ReferralForDue {
  return {
    id: r.id,
    status: r.status,
    receivedOn: londonDate(r.received_at),
    firstSessionOn: r.first_session_on,
    endedOn: r.ended_at ? londonDate(r.ended_at) : null,
    followUpWeeks: r.follow_up_weeks ?? DEFAULT_FOLLOW_UP_WEEKS,
  };
}

/** Pairs each referral with its live responses (rows not entered in error). */
export function dueInputsFrom(
  referrals: ReferralForDue[],
  responses: (ResponseForDue & { referralId: string })[],
): DueInputs[] {
  return referrals.map((referral) => ({
    referral,
    responses: responses
      .filter((x) => x.referralId === referral.id)
      .map((x) => ({ instrumentCode: x.instrumentCode, timePoint: x.timePoint, followUpWeek: x.followUpWeek })),
  }));
}

/** The full schedule (upcoming, done and missed too) of each referral, keyed by referral id. */
export function scheduleFrom(inputs: DueInputs[], today: string): Record<string, ScheduledMeasure[]> {
  return Object.fromEntries(
    inputs.map(({ referral, responses }) => [referral.id, measureSchedule(referral, responses, today)]),
  );
}

async function loadDueInputs(db: Executor, where: { referralIds?: string[]; personId?: string }): Promise<DueInputs[]> {
  let q = db
    .selectFrom("referral as r")
    .leftJoin("measure_schedule as ms", "ms.activity_id", "r.activity_id")
    .select([
      "r.id",
      "r.status",
      "r.received_at",
      "r.ended_at",
      firstSessionOnSql.as("first_session_on"),
      "ms.follow_up_weeks",
    ]);
  if (where.referralIds) q = q.where("r.id", "in", where.referralIds);
  if (where.personId) q = q.where("r.person_id", "=", where.personId);
  const referrals = await q.orderBy("r.received_at").execute();
  if (referrals.length === 0) return [];
  const responses = await db
    .selectFrom("measure_response")
    .select(["referral_id", "instrument_code", "time_point", "follow_up_week"])
    .where(
      "referral_id",
      "in",
      referrals.map((r) => r.id),
    )
    .where("entered_in_error_at", "is", null)
    .execute();
  return dueInputsFrom(
    referrals.map(referralForDue),
    responses.map((x) => ({
      referralId: x.referral_id,
      instrumentCode: x.instrument_code,
      timePoint: x.time_point as RecordedTimePoint,
      followUpWeek: x.follow_up_week,
    })),
  );
}

/** Due and overdue measures per referral id (every id asked for is a key, with [] when nothing is due). */
export async function measuresDueForReferrals(
  db: Executor,
  referralIds: string[],
  today = londonToday(),
): Promise<Map<string, DueItem[]>> {
  const result = new Map<string, DueItem[]>(referralIds.map((id) => [id, []]));
  if (referralIds.length === 0) return result;
  const inputs = await loadDueInputs(db, { referralIds: [...new Set(referralIds)] });
  for (const { referral, responses } of inputs) result.set(referral.id, dueItems(referral, responses, today));
  return result;
}

/** The full schedule (upcoming, done and missed too) of each of a person's referrals, keyed by referral id. */
export async function measureScheduleForPerson(
  db: Executor,
  personId: string,
  today = londonToday(),
): Promise<Record<string, ScheduledMeasure[]>> {
  return scheduleFrom(await loadDueInputs(db, { personId }), today);
}
