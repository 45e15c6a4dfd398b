import { sql } from "kysely";
import type { Executor } from "~/audit/audit.server";
import { londonToday } from "~/calendar";
import { ids } from "./ids";
import type { OrukActivityRow } from "./map";
import type { ServiceParams } from "./params";

function base(db: Executor) {
  return db
    .selectFrom("activity as a")
    .innerJoin("provider as p", "p.id", "a.provider_id")
    .innerJoin("activity_category as c", "c.code", "a.category_code")
    .leftJoin("district as d", "d.code", "a.district_code");
}

const columns = [
  "a.id",
  "a.name",
  "a.description",
  "a.category_code",
  "c.label as category_label",
  "c.taxonomy",
  "c.taxonomy_term",
  "a.address",
  "a.postcode",
  "d.name as district_name",
  "d.area as district_area",
  "a.cost",
  "a.free",
  "a.accessibility",
  "a.min_age",
  "a.max_age",
  "a.eligibility",
  "a.transport",
  "a.transport_zones",
  "a.referral_mode",
  "a.contact_email",
  "a.last_checked_on",
  "a.status",
  "a.updated_at",
  "p.id as provider_id",
  "p.name as provider_name",
  "p.description as provider_description",
  "p.email as provider_email",
  "p.website as provider_website",
] as const;

export async function categories(db: Executor) {
  return db
    .selectFrom("activity_category")
    .select(["code", "label", "taxonomy", "taxonomy_term"])
    .orderBy("code")
    .execute();
}

/** Services (activities) matching the ORUK filters, one page, in a stable order. */
export async function findServices(db: Executor, p: ServiceParams, opts: { venueOnly: boolean }) {
  const cats = await categories(db);
  let q = base(db);
  if (opts.venueOnly) q = q.where("a.address", "is not", null);
  if (p.search) {
    const like = `%${p.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([eb("a.name", "ilike", like), eb("a.description", "ilike", like), eb("p.name", "ilike", like)]),
    );
  }
  if (p.taxonomy_term_id)
    q = q.where("a.category_code", "in", [
      ...cats.filter((c) => ids.term(c.code) === p.taxonomy_term_id).map((c) => c.code),
      "",
    ]);
  if (p.taxonomy_id)
    q = q.where("a.category_code", "in", [
      ...cats.filter((c) => ids.taxonomy(c.taxonomy) === p.taxonomy_id).map((c) => c.code),
      "",
    ]);
  if (p.organization_id) q = q.where("a.provider_id", "=", p.organization_id);
  if (p.minimum_age !== undefined) q = q.where("a.min_age", ">=", p.minimum_age);
  if (p.maximum_age !== undefined) q = q.where("a.max_age", "<=", p.maximum_age);
  if (p.modified_after) q = q.where("a.updated_at", ">=", new Date(p.modified_after));
  // Without coordinates, a postcode narrows to the same postcode district (outward code); proximity cannot refine it.
  if (p.postcode)
    q = q.where(
      sql<boolean>`split_part(a.postcode, ' ', 1) = ${p.postcode.length > 4 ? p.postcode.slice(0, -3) : p.postcode}`,
    );
  if (p.day !== undefined || p.start_time || p.end_time) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("activity_schedule as s")
          .select("s.id")
          .whereRef("s.activity_id", "=", "a.id")
          .$if(p.day !== undefined, (s) => s.where("s.weekday", "=", p.day!))
          .$if(Boolean(p.start_time), (s) => s.where("s.start_time", ">=", p.start_time!))
          .$if(Boolean(p.end_time), (s) => s.where("s.end_time", "<=", p.end_time!)),
      ),
    );
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await q
    .select(columns)
    .orderBy("a.name")
    .orderBy("a.id")
    .limit(p.per_page)
    .offset((p.page - 1) * p.per_page)
    .execute();
  return { total: Number(total), rows: rows as OrukActivityRow[] };
}

export async function findService(db: Executor, id: string) {
  const row = await base(db).select(columns).where("a.id", "=", id).executeTakeFirst();
  if (!row) return null;
  // The UK's today: between midnight and 01:00 in summer UTC still says yesterday.
  const today = londonToday();
  const [schedules, oneOffs] = await Promise.all([
    db
      .selectFrom("activity_schedule")
      .select(["id", "weekday", "start_time", "end_time", "valid_from", "valid_to"])
      .where("activity_id", "=", id)
      .orderBy("weekday")
      .orderBy("start_time")
      .execute(),
    db
      .selectFrom("activity_session")
      .select(["id", "session_date", "start_time", "end_time"])
      .where("activity_id", "=", id)
      .where("ad_hoc", "=", true)
      .where("status", "!=", "cancelled")
      .where("session_date", ">=", today)
      .orderBy("session_date")
      .limit(20)
      .execute(),
  ]);
  return { row: row as OrukActivityRow, schedules, oneOffs };
}

/** The activity behind a service-at-location id (derived from the activity id), when it has a venue. */
export async function findServiceAtLocation(db: Executor, salId: string) {
  // Name-based ids cannot be reversed; the directory is small enough (thousands) to match by recomputing.
  const candidates = await db.selectFrom("activity").select("id").where("address", "is not", null).execute();
  const match = candidates.find((c) => ids.serviceAtLocation(c.id) === salId);
  if (!match) return null;
  const row = await base(db).select(columns).where("a.id", "=", match.id).executeTakeFirst();
  return (row as OrukActivityRow | undefined) ?? null;
}
