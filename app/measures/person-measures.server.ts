// Reading a person's measures for staff screens. Each public function writes its audit row in the same
// transaction as the read, so the data is never returned without its access being recorded.

import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditAction, type AuditActor, type AuditEntry, type Executor } from "~/audit/audit.server";
import { formatIsoDate } from "~/ui/format";
import type { Comparison } from "./change";
import { wemwbsLicensed } from "./settings.server";
import { type DueItem, type ScheduledMeasure, sortDue } from "./due";
import { measureScheduleForPerson } from "./due.server";
import { londonDate, londonToday } from "~/calendar";
import { changesSinceBaseline, chronological, isLive, noChangeText, type MeasureRecord } from "./timeline";
import { DEFAULT_FOLLOW_UP_WEEKS, type Mode, type RecordedTimePoint } from "./time-points";
import { MIN_FOLLOW_UP_DAYS } from "./follow-up-interval";

export interface MeasuresPerson {
  id: string;
  name: string;
}

export interface ReferralOption {
  id: string;
  label: string;
  status: string;
  receivedOn: string;
  firstSessionOn: string | null;
  followUpWeeks: number[];
  /** Least days after the baseline a follow-up counts as change (the activity's schedule, 28 by default). */
  minFollowUpDays: number;
}

async function findPerson(db: Executor, personId: string): Promise<MeasuresPerson | undefined> {
  const row = await db
    .selectFrom("person")
    .select(["id", "given_name", "family_name", "preferred_name"])
    .where("id", "=", personId)
    .executeTakeFirst();
  if (!row) return undefined;
  const given = row.preferred_name ? `${row.given_name} (${row.preferred_name})` : row.given_name;
  return { id: row.id, name: `${given} ${row.family_name}` };
}

/**
 * One read of a person's measures, in one transaction with its audit row: `read` returns what to show and the entry
 * to audit it by (against the person unless it names another entity), or null when there is nothing to show. Null,
 * and nothing audited, when there is no such person.
 */
async function readAudited<T>(
  db: Kysely<DB>,
  actor: AuditActor,
  personId: string,
  read: (
    trx: Executor,
    person: MeasuresPerson,
  ) => Promise<{ view: T; audited: Omit<AuditEntry, "personId" | "outcome"> } | null>,
): Promise<T | null> {
  return db.transaction().execute(async (trx) => {
    const person = await findPerson(trx, personId);
    if (!person) return null;
    const found = await read(trx, person);
    if (!found) return null;
    await audit(trx, actor, { entityId: personId, ...found.audited, personId });
    return found.view;
  });
}

/** The person's referrals as choices for a measure, newest first. */
async function referralOptions(db: Executor, personId: string): Promise<ReferralOption[]> {
  const rows = await db
    .selectFrom("referral as r")
    .leftJoin("activity as a", "a.id", "r.activity_id")
    .leftJoin("measure_schedule as ms", "ms.activity_id", "r.activity_id")
    .select([
      "r.id",
      "r.status",
      "r.kind",
      "r.received_at",
      "r.first_attended_on",
      "a.name as activity_name",
      "ms.follow_up_weeks",
      "ms.min_follow_up_days",
    ])
    .where("r.person_id", "=", personId)
    .orderBy("r.received_at", "desc")
    .execute();
  return rows.map((r) => {
    const receivedOn = londonDate(r.received_at);
    const what = r.activity_name ?? (r.kind === "signpost" ? "Signposting" : "Referral");
    return {
      id: r.id,
      label: `${what} (referred ${formatIsoDate(receivedOn)})`,
      status: r.status,
      receivedOn,
      firstSessionOn: r.first_attended_on,
      followUpWeeks: r.follow_up_weeks ?? [...DEFAULT_FOLLOW_UP_WEEKS],
      minFollowUpDays: r.min_follow_up_days ?? MIN_FOLLOW_UP_DAYS,
    };
  });
}

/** The statement behind loadRecords, for callers that read it inside a larger statement (jsonArrayFrom). */
export function recordsQuery(db: Executor, personId: string) {
  return db
    .selectFrom("measure_response as m")
    .leftJoin("app_user as rec", "rec.id", "m.recorded_by")
    .leftJoin("app_user as err", "err.id", "m.entered_in_error_by")
    .select([
      "m.id",
      "m.referral_id",
      "m.instrument_code",
      "m.instrument_version",
      "m.time_point",
      "m.follow_up_week",
      "m.administered_on",
      "m.mode",
      "m.answers",
      "m.scores",
      "m.bands",
      "m.recorded_at",
      "rec.display_name as recorded_by_name",
      "m.entered_in_error_at",
      "m.entered_in_error_reason",
      "err.display_name as error_by_name",
    ])
    .where("m.person_id", "=", personId);
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>["execute"]>>[number];

/** A person's measure responses, in the order they were given, entered-in-error ones included and marked. */
export function toMeasureRecords(rows: RecordRow[]): MeasureRecord[] {
  return chronological(
    rows.map((r) => ({
      id: r.id,
      referralId: r.referral_id,
      instrumentCode: r.instrument_code,
      instrumentVersion: r.instrument_version,
      timePoint: r.time_point as RecordedTimePoint,
      followUpWeek: r.follow_up_week,
      administeredOn: r.administered_on,
      mode: r.mode as Mode,
      answers: r.answers as Record<string, number>,
      scores: r.scores as Record<string, number>,
      bands: r.bands as Record<string, string>,
      recordedAt: r.recorded_at.toISOString(),
      recordedBy: r.recorded_by_name,
      enteredInError: r.entered_in_error_at
        ? { at: r.entered_in_error_at.toISOString(), by: r.error_by_name, reason: r.entered_in_error_reason ?? "" }
        : null,
    })),
  );
}

async function loadRecords(db: Executor, personId: string, responseId?: string): Promise<MeasureRecord[]> {
  let q = recordsQuery(db, personId);
  if (responseId) q = q.where("m.id", "=", responseId);
  return toMeasureRecords(await q.execute());
}

export interface PersonMeasures {
  person: MeasuresPerson;
  referrals: ReferralOption[];
  records: MeasureRecord[];
  changes: Record<string, Comparison>;
  schedule: Record<string, ScheduledMeasure[]>;
  wemwbsLicensed: boolean;
}

/** Everything the person's measures page shows, or null when there is no such person. Audited. */
export async function getPersonMeasures(
  db: Kysely<DB>,
  actor: AuditActor,
  personId: string,
  today = londonToday(),
): Promise<PersonMeasures | null> {
  return readAudited(db, actor, personId, async (trx, person) => {
    const [referrals, records, schedule] = [
      await referralOptions(trx, personId),
      await loadRecords(trx, personId),
      await measureScheduleForPerson(trx, personId, today),
    ];
    return {
      audited: { action: "measures.view", entityType: "person", details: { responses: records.length } },
      view: {
        person,
        referrals,
        records,
        changes: changesSinceBaseline(records),
        schedule,
        wemwbsLicensed: wemwbsLicensed(),
      },
    };
  });
}

export interface MeasureDetail {
  person: MeasuresPerson;
  record: MeasureRecord;
  baseline: MeasureRecord | null;
  change: Comparison | null;
  referral: ReferralOption | null;
}

/** One response with its change since baseline, or null when it is not this person's. Audited. */
export async function getMeasureDetail(
  db: Kysely<DB>,
  actor: AuditActor,
  personId: string,
  responseId: string,
): Promise<MeasureDetail | null> {
  return readAudited(db, actor, personId, async (trx, person) => {
    const records = await loadRecords(trx, personId);
    const record = records.find((r) => r.id === responseId);
    if (!record) return null;
    const referral = (await referralOptions(trx, personId)).find((r) => r.id === record.referralId) ?? null;
    const changes = changesSinceBaseline(records);
    const baseline =
      records.find(
        (r) =>
          isLive(r) &&
          r.timePoint === "baseline" &&
          r.referralId === record.referralId &&
          r.instrumentCode === record.instrumentCode &&
          r.id !== record.id,
      ) ?? null;
    return {
      audited: {
        action: "measures.view",
        entityType: "measure_response",
        entityId: responseId,
        details: { instrumentCode: record.instrumentCode },
      },
      view: {
        person,
        record,
        baseline: record.timePoint === "baseline" ? null : baseline,
        change: changes[record.id] ?? null,
        referral,
      },
    };
  });
}

export interface MeasuresSummaryData {
  personId: string;
  /** Latest live response per instrument, with change since that referral's baseline when there is one. */
  latest: {
    record: MeasureRecord;
    change: Comparison | null;
    /** What the change column says when there is no change to show (`noChangeText`). */
    noChange: string;
  }[];
  due: DueItem[];
}

/** The summary from records and a schedule already read (the person page reads both with its other rows). */
export function summariseMeasures(
  personId: string,
  records: MeasureRecord[],
  schedule: Record<string, ScheduledMeasure[]>,
): MeasuresSummaryData {
  const changes = changesSinceBaseline(records);
  const latestByCode = new Map<string, MeasureRecord>();
  for (const r of records.filter(isLive)) latestByCode.set(r.instrumentCode, r); // chronological, so the last one wins
  const due = sortDue(
    Object.values(schedule)
      .flat()
      .filter((m): m is DueItem => m.status === "due" || m.status === "overdue"),
  );
  return {
    personId,
    latest: [...latestByCode.values()].map((record) => ({
      record,
      change: changes[record.id] ?? null,
      noChange: noChangeText(record, records),
    })),
    due,
  };
}

export interface LiveBaseline {
  referralId: string;
  instrumentCode: string;
  administeredOn: string;
}

export interface RecordFormData {
  person: MeasuresPerson;
  referrals: ReferralOption[];
  schedule: Record<string, ScheduledMeasure[]>;
  /** Each referral's live baseline of each questionnaire, so the form can say when a follow-up counts. */
  baselines: LiveBaseline[];
  wemwbsLicensed: boolean;
}

/** What the record-a-measure and self-completion set-up forms need, or null for an unknown person. Audited. */
export async function getRecordFormData(
  db: Kysely<DB>,
  actor: AuditActor,
  personId: string,
  action: AuditAction,
  today = londonToday(),
): Promise<RecordFormData | null> {
  return readAudited(db, actor, personId, async (trx, person) => {
    const referrals = await referralOptions(trx, personId);
    const schedule = await measureScheduleForPerson(trx, personId, today);
    const baselines = await trx
      .selectFrom("measure_response")
      .select(["referral_id", "instrument_code", "administered_on"])
      .where("person_id", "=", personId)
      .where("time_point", "=", "baseline")
      .where("entered_in_error_at", "is", null)
      .execute();
    return {
      audited: { action, entityType: "person" },
      view: {
        person,
        referrals,
        schedule,
        baselines: baselines.map((b) => ({
          referralId: b.referral_id,
          instrumentCode: b.instrument_code,
          administeredOn: b.administered_on,
        })),
        wemwbsLicensed: wemwbsLicensed(),
      },
    };
  });
}
