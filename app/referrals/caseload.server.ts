import { sql, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { auditListing, type AuditActor } from "~/audit/audit.server";
import { nameKey } from "~/people/name-key";
import type { TableState } from "~/ui/table-state";
import { ATTENTION_RANKS, type CaseloadRow, type CaseloadSort, nextActions, openStatuses } from "./caseload";
import type { ReferralKind, ReferralStatus } from "./lifecycle";

export interface CaseloadFilters {
  status?: ReferralStatus;
  activityId?: string;
  district?: string;
  /** From a POST body only: a name or NHS number. */
  search?: string;
}

const orderBy: Record<CaseloadSort, string> = {
  person: "person.family_name",
  activity: "activity.name",
  status: "referral.status",
  district: "district.name",
  received_at: "referral.received_at",
};

/**
 * A referral the provider declined that the referrer has not yet acted on: not closed by them, and no later
 * referral for the same person (referring elsewhere is acting on it). Computed on read, so nothing has to run.
 */
const declineToFollowUp = sql<boolean>`(referral.status = 'declined' and referral.declined_by = 'provider'
  and referral.decline_closed_at is null
  and not exists (select 1 from referral later where later.person_id = referral.person_id
    and later.id <> referral.id and later.received_at > coalesce(referral.provider_responded_at, referral.received_at)))`;

/** Declines to follow up first, then referrals the provider has not answered, then the rest (ATTENTION_RANKS). */
const attentionRank = sql`case when ${declineToFollowUp} then ${sql.lit(ATTENTION_RANKS.decline)}
  when referral.kind = 'direct' and referral.status in ('received', 'contacted') and referral.provider_responded_at is null
  then ${sql.lit(ATTENTION_RANKS.unanswered)} else ${sql.lit(ATTENTION_RANKS.rest)} end`;

/**
 * A caseworker's open referrals, and the provider declines they still have to act on, one page at a time: declines
 * and referrals the provider has not answered come first, then the chosen sort. The list names people, so reading it writes one audit row
 * (with how many rows and whether a search was used, never the term).
 */
export async function listCaseload(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  state: TableState<CaseloadSort>,
  f: CaseloadFilters,
) {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom("referral")
      .innerJoin("person", "person.id", "referral.person_id")
      .leftJoin("activity", "activity.id", "referral.activity_id")
      .leftJoin("district", "district.code", "person.district_code")
      .where("referral.caseworker_id", "=", actor.userId)
      .where((eb) =>
        f.status
          ? eb("referral.status", "=", f.status)
          : eb.or([eb("referral.status", "in", [...openStatuses]), declineToFollowUp]),
      );
    if (f.activityId) q = q.where("referral.activity_id", "=", f.activityId);
    if (f.district) q = q.where("person.district_code", "=", f.district);
    if (f.search) {
      const compact = f.search.replace(/[\s-]/g, "");
      // Names compare by their key (app/people/name-key.ts), as the People search does.
      const term = nameKey(f.search).replace(/[\\%_]/g, (c) => `\\${c}`);
      q = /^[0-9]{10}$/.test(compact)
        ? q.where("person.nhs_number", "=", compact)
        : q.where((eb) =>
            eb.or([
              eb("person.full_name_key", "like", `%${term}%`),
              eb("person.preferred_name_key", "like", `${term}%`),
            ]),
          );
    }
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
    const rows = await q
      .select([
        "referral.id",
        "referral.person_id",
        "referral.kind",
        "referral.status",
        "referral.received_at",
        "referral.contacted_at",
        "referral.provider_responded_at",
        "person.given_name",
        "person.family_name",
        "person.preferred_name",
        "activity.name as activity_name",
        "district.name as district",
      ])
      .select(declineToFollowUp.as("decline_to_follow_up"))
      .select((eb) =>
        eb
          .selectFrom("attendance")
          .innerJoin("activity_session", "activity_session.id", "attendance.session_id")
          .select(sql<string>`max(activity_session.session_date)::text`.as("d"))
          .whereRef("attendance.referral_id", "=", "referral.id")
          .where("attendance.status", "=", "present")
          .as("last_attended_on"),
      )
      .orderBy(attentionRank)
      .orderBy(sql`${sql.ref(orderBy[state.sort])} ${sql.raw(state.dir)} nulls last`)
      .orderBy("referral.id")
      .limit(state.pageSize)
      .offset((state.page - 1) * state.pageSize)
      .execute();
    await auditListing(
      trx,
      actor,
      {
        action: "caseload.read",
        entityType: "referral",
        details: {
          rows: rows.length,
          searched: Boolean(f.search),
          filters: Object.keys(f).filter((k) => k !== "search" && f[k as keyof CaseloadFilters]),
        },
      },
      rows.map((r) => ({ personId: r.person_id, entityType: "referral", entityId: r.id })),
    );
    const now = new Date();
    const out: CaseloadRow[] = rows.map((r) => ({
      referralId: r.id,
      personId: r.person_id,
      personName: `${r.given_name} ${r.family_name}${r.preferred_name ? ` (${r.preferred_name})` : ""}`,
      activityName: r.activity_name,
      kind: r.kind as ReferralKind,
      status: r.status as ReferralStatus,
      district: r.district,
      receivedAt: r.received_at.toISOString(),
      actions: nextActions(
        {
          kind: r.kind as ReferralKind,
          status: r.status as ReferralStatus,
          receivedAt: r.received_at,
          contactedAt: r.contacted_at,
          providerRespondedAt: r.provider_responded_at,
          lastAttendedOn: r.last_attended_on ?? null,
          declineToFollowUp: r.decline_to_follow_up,
        },
        now,
      ),
    }));
    return { rows: out, total: Number(total) };
  });
}
