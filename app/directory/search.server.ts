import { sql } from "kysely";
import type { Executor } from "~/audit/audit.server";
import type { TableState } from "~/ui/table-state";
import { needCategories } from "./options";
import type { ReplyFigures } from "./listing";
import type { DirectorySort, SearchFilters } from "./search";

/**
 * How each activity's provider has answered direct referrals received in the last 12 months: answered, accepted
 * (answered and not declined by the provider), median hours to answer, and still waiting.
 */
async function replyFigures(db: Executor, activityIds: string[]): Promise<Map<string, ReplyFigures>> {
  const out = new Map<string, ReplyFigures>();
  if (activityIds.length === 0) return out;
  const rows = await db
    .selectFrom("referral")
    .select([
      "activity_id",
      sql<number>`count(*) filter (where provider_responded_at is not null)`.as("answered"),
      sql<number>`count(*) filter (where provider_responded_at is not null and declined_by is distinct from 'provider')`.as(
        "accepted",
      ),
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from provider_responded_at - received_at) / 3600) filter (where provider_responded_at is not null)`.as(
        "median_hours",
      ),
      sql<number>`count(*) filter (where provider_responded_at is null and status in ('received', 'contacted'))`.as(
        "waiting",
      ),
    ])
    .where("kind", "=", "direct")
    .where("activity_id", "in", activityIds)
    .where("received_at", ">", sql<Date>`now() - interval '12 months'`)
    .groupBy("activity_id")
    .execute();
  for (const r of rows) {
    out.set(r.activity_id!, {
      answered: Number(r.answered),
      accepted: Number(r.accepted),
      medianReplyHours: r.median_hours === null ? null : Number(r.median_hours),
      waiting: Number(r.waiting),
    });
  }
  return out;
}

const none: ReplyFigures = { answered: 0, accepted: 0, medianReplyHours: null, waiting: 0 };

export async function searchDirectory(db: Executor, f: SearchFilters, state: TableState<DirectorySort>, today: string) {
  let q = db
    .selectFrom("activity as a")
    .innerJoin("provider as p", "p.id", "a.provider_id")
    .innerJoin("activity_category as c", "c.code", "a.category_code")
    .leftJoin("district as d", "d.code", "a.district_code")
    .where("a.status", "=", "active");
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([eb("a.name", "ilike", like), eb("p.name", "ilike", like), eb("a.description", "ilike", like)]),
    );
  }
  if (f.category) q = q.where("a.category_code", "=", f.category);
  if (f.need) q = q.where("a.category_code", "in", [...(needCategories[f.need] ?? [])]);
  if (f.district) q = q.where("a.district_code", "=", f.district);
  if (f.mode) q = q.where("a.referral_mode", "=", f.mode);
  if (f.access.length) q = q.where(sql<boolean>`a.accessibility @> ${sql.val(f.access)}::text[]`);
  if (f.transport) q = q.where(sql<boolean>`a.transport @> array[${f.transport}]::text[]`);
  if (f.day) {
    const day = f.day;
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("activity_schedule as s")
            .select("s.id")
            .whereRef("s.activity_id", "=", "a.id")
            .where("s.weekday", "=", day)
            .where((w) => w.or([w("s.valid_to", "is", null), w("s.valid_to", ">=", today)])),
        ),
        eb.exists(
          eb
            .selectFrom("activity_session as o")
            .select("o.id")
            .whereRef("o.activity_id", "=", "a.id")
            .where("o.ad_hoc", "=", true)
            .where("o.status", "!=", "cancelled")
            .where("o.session_date", ">=", today)
            .where(sql<boolean>`extract(isodow from o.session_date) = ${day}`),
        ),
      ]),
    );
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const order =
    state.sort === "district" ? sql`d.name` : state.sort === "last_checked_on" ? sql`a.last_checked_on` : sql`a.name`;
  const rows = await q
    .select([
      "a.id",
      "a.name",
      "a.referral_mode",
      "a.format",
      "a.free",
      "a.cost",
      "a.accessibility",
      "a.transport",
      "a.transport_zones",
      "a.last_checked_on",
      "p.name as provider_name",
      "c.label as category",
      "d.name as district",
    ])
    .select((eb) =>
      eb
        .selectFrom("activity_schedule as s")
        .select(
          sql<string>`string_agg(s.weekday::text || ' ' || to_char(s.start_time, 'HH24:MI'), ',' order by s.weekday, s.start_time)`.as(
            "w",
          ),
        )
        .whereRef("s.activity_id", "=", "a.id")
        .where((w) => w.or([w("s.valid_to", "is", null), w("s.valid_to", ">=", today)]))
        .as("when"),
    )
    .orderBy(sql`${order} ${sql.raw(state.dir)} nulls last`)
    .orderBy("a.id")
    .limit(state.pageSize)
    .offset((state.page - 1) * state.pageSize)
    .execute();
  const figures = await replyFigures(
    db,
    rows.filter((r) => r.referral_mode === "direct").map((r) => r.id),
  );
  return { total: Number(total), rows: rows.map((r) => ({ ...r, replies: figures.get(r.id) ?? none })) };
}

/** One listing as a prescriber reads it, with its schedule, coming one-off sessions and reply figures. */
export async function getListing(db: Executor, id: string, today: string) {
  const a = await db
    .selectFrom("activity as a")
    .innerJoin("provider as p", "p.id", "a.provider_id")
    .innerJoin("activity_category as c", "c.code", "a.category_code")
    .leftJoin("district as d", "d.code", "a.district_code")
    .selectAll("a")
    .select([
      "p.name as provider_name",
      "p.kind as provider_kind",
      "p.website as provider_website",
      "c.label as category",
      "d.name as district",
    ])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!a) return null;
  const [schedules, oneOffs, figures] = await Promise.all([
    db
      .selectFrom("activity_schedule")
      .select(["weekday", "start_time", "end_time", "valid_from", "valid_to"])
      .where("activity_id", "=", id)
      .where((w) => w.or([w("valid_to", "is", null), w("valid_to", ">=", today)]))
      .orderBy("weekday")
      .orderBy("start_time")
      .execute(),
    db
      .selectFrom("activity_session")
      .select(["session_date", "start_time", "end_time"])
      .where("activity_id", "=", id)
      .where("ad_hoc", "=", true)
      .where("status", "!=", "cancelled")
      .where("session_date", ">=", today)
      .orderBy("session_date")
      .limit(10)
      .execute(),
    replyFigures(db, [id]),
  ]);
  return { activity: a, schedules, oneOffs, replies: figures.get(id) ?? none };
}
