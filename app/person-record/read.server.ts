import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { dueInputsFrom, firstSessionOnSql, referralForDue, scheduleFrom } from "~/measures/due.server";
import { londonToday } from "~/calendar";
import { recordsQuery, summariseMeasures, toMeasureRecords } from "~/measures/person-measures.server";
import { isLive } from "~/measures/timeline";
import { measureTimelineItems } from "~/measures/timeline-items";
import { preparedQuery } from "@db/prepared-query";
import { withDates } from "@db/json-dates";
import { AUDIT_COLUMNS, auditSelect, type AuditActor, type Executor } from "~/audit/audit.server";
import {
  endReasonLabels,
  providerReplyOverdue,
  statusLabels,
  type ReferralKind,
  type ReferralStatus,
} from "~/referrals/lifecycle";
import { consentsFrom, consentsQuery } from "~/people/people.server";
import type { TimelineItem } from "~/ui/timeline-item";
import { onCareTeamSql } from "~/care-team/access.server";
import { careTeamQuery } from "~/care-team/members.server";
import type { CareTeamWay } from "~/people/care-team";
import { selfReferralSummary } from "~/referrals/self-referral";
import { labelOf } from "~/labels";

// One statement: the person row with everything the page lists beside it as JSON arrays (the lists were seven
// statements, and on this page each statement's round trip cost more than its work: docs/decisions/0012), and the
// audit row, written only when a live record is read (a merged record answers with where it went). Compiled once.
const personStatement = preparedQuery(
  (db, p: { personId: string; userId: string; role: string | null; requestId: string }) => {
    const careTeamCheck = onCareTeamSql(sql.ref("person.id"), p.userId);
    return db
      .with("read_audit", (qc) =>
        qc
          .insertInto("audit_event")
          .columns([...AUDIT_COLUMNS])
          .expression((eb) =>
            eb
              .selectFrom("person")
              .select(
                auditSelect(
                  { userId: p.userId, role: p.role, requestId: p.requestId },
                  {
                    action: "person.read",
                    entityType: "person",
                    entityId: sql`person.id`,
                    personId: sql`person.id`,
                    details: sql`jsonb_build_object('view', 'record', 'careTeam', ${careTeamCheck}, 'safeguardingShown', ${careTeamCheck})`,
                  },
                ),
              )
              .where("person.id", "=", p.personId)
              .where("person.merged_into_id", "is", null),
          ),
      )
      .selectFrom("person")
      .leftJoin("district", "district.code", "person.district_code")
      .selectAll("person")
      .select("district.name as district_name")
      .select(careTeamCheck.as("on_care_team"))
      .select(() => [
        jsonArrayFrom(consentsQuery(db, p.personId)).as("consents"),
        jsonArrayFrom(careTeamQuery(db, p.personId)).as("care_team"),
        jsonArrayFrom(
          db
            .selectFrom("referral as r")
            .leftJoin("activity", "activity.id", "r.activity_id")
            .leftJoin("app_user", "app_user.id", "r.caseworker_id")
            .leftJoin("measure_schedule as ms", "ms.activity_id", "r.activity_id")
            .select([
              "r.id",
              "r.kind",
              "r.status",
              "r.received_at",
              "r.provider_responded_at",
              "r.end_reason",
              "r.needs",
              "r.ended_at",
              "activity.name as activity_name",
              "app_user.display_name as caseworker",
            ])
            .select([firstSessionOnSql.as("first_session_on"), "ms.follow_up_weeks"])
            .where("r.person_id", "=", p.personId)
            .orderBy("r.received_at", "desc"),
        ).as("referrals"),
        jsonArrayFrom(
          db
            .selectFrom("referral_event")
            .innerJoin("referral", "referral.id", "referral_event.referral_id")
            .leftJoin("activity", "activity.id", "referral.activity_id")
            .leftJoin("app_user", "app_user.id", "referral_event.actor_id")
            .select([
              "referral_event.id",
              "referral_event.referral_id",
              "referral_event.from_status",
              "referral_event.to_status",
              "referral_event.occurred_at",
              "activity.name as activity_name",
              "app_user.display_name as actor",
            ])
            .where("referral.person_id", "=", p.personId),
        ).as("events"),
        jsonArrayFrom(
          db
            .selectFrom("attendance")
            .innerJoin("activity_session", "activity_session.id", "attendance.session_id")
            .innerJoin("activity", "activity.id", "activity_session.activity_id")
            .select([
              "attendance.session_id",
              "attendance.referral_id",
              "attendance.status",
              "activity_session.session_date",
              "activity.name as activity_name",
            ])
            .where("attendance.person_id", "=", p.personId),
        ).as("attendance"),
        jsonArrayFrom(
          db
            .selectFrom("case_note")
            .leftJoin("app_user", "app_user.id", "case_note.author_id")
            .select([
              "case_note.id",
              "case_note.kind",
              "case_note.body",
              "case_note.created_at",
              "app_user.display_name as author",
            ])
            .where("case_note.person_id", "=", p.personId)
            // Safeguarding concerns only for the person's care team.
            .where((eb) => eb.or([eb("case_note.kind", "!=", "safeguarding"), careTeamCheck]))
            .orderBy("case_note.created_at", "desc"),
        ).as("notes"),
        jsonArrayFrom(recordsQuery(db, p.personId)).as("records"),
        // What the person wrote at /start, once triage linked the request to this record.
        jsonArrayFrom(
          db
            .selectFrom("self_referral")
            .select(["id", "received_at", "message", "topics", "best_time", "referral_id"])
            .where("person_id", "=", p.personId)
            .orderBy("received_at", "desc"),
        ).as("self_referrals"),
      ])
      .where("person.id", "=", p.personId);
  },
);

/**
 * Everything the person page shows, read in one statement that also writes its audit row. Safeguarding concerns
 * are left out unless the reader is on the person's care team (the audit row records whether they were shown).
 * This is the busiest page: each statement costs a round trip and a plan, so related reads are joined (the care
 * team check rides on the person row; the referral rows carry what the due-measure rules need).
 */
export async function readPersonRecord(
  db: Executor,
  actor: AuditActor & { userId: string },
  personId: string,
  today = londonToday(),
) {
  const [row] = await personStatement(db, {
    personId,
    userId: actor.userId,
    role: actor.role,
    requestId: actor.requestId,
  });
  if (!row) return null;
  if (row.merged_into_id) return { mergedInto: row.merged_into_id } as const;
  const {
    consents: consentRows,
    care_team: careTeamRows,
    referrals: referralRows,
    events: eventRows,
    attendance,
    notes: noteRows,
    records: recordRows,
    self_referrals: selfReferralRows,
    ...person
  } = row;
  const onCareTeam = person.on_care_team;
  const consents = consentsFrom(withDates(consentRows, "recorded_at"));
  // Every way each member is on the team (careTeamQuery); the page folds them into one entry a member.
  const careTeam: CareTeamWay[] = withDates(careTeamRows, "since").map((w) => ({ ...w, since: w.since.toISOString() }));
  const referrals = withDates(referralRows, "received_at", "provider_responded_at", "ended_at");
  const events = withDates(eventRows, "occurred_at");
  const notes = withDates(noteRows, "created_at");
  const records = toMeasureRecords(withDates(recordRows, "recorded_at", "entered_in_error_at"));

  const timeline: TimelineItem[] = [
    ...events.map(
      (e): TimelineItem => ({
        key: `event:${e.id}`,
        at: e.occurred_at.toISOString(),
        kind: e.from_status === null ? "referral" : "status",
        title:
          e.from_status === null
            ? `Referred${e.activity_name ? ` to ${e.activity_name}` : " (signposting)"}`
            : `${labelOf(statusLabels, e.to_status)}${e.activity_name ? `: ${e.activity_name}` : ""}`,
        href: `/referrals/${e.referral_id}`,
        by: e.actor,
      }),
    ),
    ...attendance.map(
      (a): TimelineItem => ({
        key: `attendance:${a.session_id}:${a.referral_id}`,
        at: a.session_date,
        kind: "attendance",
        title: `${a.status === "present" ? "Attended" : a.status === "excused" ? "Sent apologies to" : "Missed"} ${a.activity_name}`,
      }),
    ),
    ...withDates(selfReferralRows, "received_at").map(
      (r): TimelineItem => ({
        key: `self-referral:${r.id}`,
        at: r.received_at.toISOString(),
        kind: "self_referral",
        title: "Asked for a call back through Start a conversation",
        detail: selfReferralSummary({ topics: r.topics, bestTime: r.best_time, message: r.message }),
        href: r.referral_id ? `/referrals/${r.referral_id}` : undefined,
      }),
    ),
    ...notes.map(
      (n): TimelineItem => ({
        key: `note:${n.id}`,
        at: n.created_at.toISOString(),
        kind: n.kind === "safeguarding" ? "safeguarding" : n.kind === "quote" ? "quote" : "note",
        title: n.kind === "safeguarding" ? "Safeguarding concern" : n.kind === "quote" ? "Their words" : "Case note",
        detail: n.body,
        by: n.author,
      }),
    ),
  ];

  // Measures are read in the same audited transaction: the person page's one audit row covers them.
  const live = records.filter(isLive).map((r) => ({
    referralId: r.referralId,
    instrumentCode: r.instrumentCode,
    timePoint: r.timePoint,
    followUpWeek: r.followUpWeek,
  }));
  const schedule = scheduleFrom(dueInputsFrom(referrals.map(referralForDue).reverse(), live), today);
  const measures = summariseMeasures(personId, records, schedule);
  const measureItems = measureTimelineItems(personId, records);
  const { on_care_team: _onCareTeam, ...personRow } = person;
  return {
    person: personRow,
    onCareTeam,
    measures,
    measureItems,
    consents,
    careTeam,
    referrals: referrals.map((r) => ({
      id: r.id,
      kind: r.kind as ReferralKind,
      status: r.status as ReferralStatus,
      activityName: r.activity_name,
      caseworker: r.caseworker,
      receivedAt: r.received_at.toISOString(),
      endReason: r.end_reason ? labelOf(endReasonLabels, r.end_reason) : null,
      needs: r.needs,
      providerReplyOverdue: providerReplyOverdue({
        kind: r.kind as ReferralKind,
        status: r.status as ReferralStatus,
        receivedAt: r.received_at,
        providerRespondedAt: r.provider_responded_at,
      }),
    })),
    timeline,
  };
}
