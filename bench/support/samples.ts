import type pg from "pg";

// Inputs for the load: people to open and terms to search for, drawn from the data set. They are also written to
// a scratch schema so pgbench scripts can draw the same inputs (dropped when the run ends).

export interface SearchTerm {
  kind: "prefix" | "contains" | "nhs";
  term: string;
}

export async function samplePeople(pool: pg.Pool, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `select id from person tablesample bernoulli (least(100, greatest(0.5, 100.0 * $1 / greatest(1, (select reltuples from pg_class where relname = 'person')))))
     where merged_into_id is null limit $1`,
    [count],
  );
  await pool.query("create schema if not exists bench");
  await pool.query("drop table if exists bench.person_sample");
  await pool.query("create table bench.person_sample (k serial primary key, id uuid not null)");
  await pool.query("insert into bench.person_sample (id) select unnest($1::uuid[])", [rows.map((r) => r.id)]);
  return rows.map((r) => r.id);
}

/** A person a staff member may open: one on that member's care team (docs/decisions/0800). */
export interface CareTeamRead {
  personId: string;
  userId: string;
}

/**
 * Up to `count` (person, reader) pairs where the reader is one of `userIds` and on the person's care team, so each
 * record view is one the app answers 200 (anyone else gets the break-glass 403). Also written to
 * bench.person_sample (id, uid) so pgbench draws the same pairs. Throws when the readers have no care teams.
 */
export async function sampleCareTeamReads(pool: pg.Pool, userIds: string[], count: number): Promise<CareTeamRead[]> {
  const { rows } = await pool.query<{ person_id: string; user_id: string }>(
    `select ctm.person_id, ctm.user_id from care_team_member ctm join person p on p.id = ctm.person_id
     where ctm.user_id = any($1::uuid[]) and p.merged_into_id is null order by random() limit $2`,
    [userIds, count],
  );
  if (rows.length === 0) throw new Error("The benchmark's readers are on no care team: generate a data set first");
  await pool.query("create schema if not exists bench");
  await pool.query("drop table if exists bench.person_sample");
  await pool.query("create table bench.person_sample (k serial primary key, id uuid not null, uid uuid not null)");
  await pool.query("insert into bench.person_sample (id, uid) select * from unnest($1::uuid[], $2::uuid[])", [
    rows.map((r) => r.person_id),
    rows.map((r) => r.user_id),
  ]);
  return rows.map((r) => ({ personId: r.person_id, userId: r.user_id }));
}

/** Four in ten by the start of a surname, four in ten by part of a name, two in ten by NHS number. */
export async function sampleSearchTerms(pool: pg.Pool, count: number): Promise<SearchTerm[]> {
  const { rows } = await pool.query<{ given_name: string; family_name: string; nhs_number: string | null }>(
    `select given_name, family_name, nhs_number from person tablesample bernoulli (least(100, greatest(0.5, 100.0 * $1 / greatest(1, (select reltuples from pg_class where relname = 'person'))))) limit $1`,
    [count],
  );
  const terms: SearchTerm[] = rows.map((r, i) => {
    const full = `${r.given_name} ${r.family_name}`.toLowerCase();
    if (i % 5 === 4 && r.nhs_number) return { kind: "nhs", term: r.nhs_number };
    if (i % 5 < 2) return { kind: "prefix", term: r.family_name.slice(0, 3 + (i % 3)).toLowerCase() };
    const start = i % Math.max(1, full.length - 4);
    return { kind: "contains", term: full.slice(start, start + 4).trim() || full.slice(0, 4) };
  });
  await pool.query("create schema if not exists bench");
  await pool.query("drop table if exists bench.search_sample");
  // The LIKE patterns are made here exactly as searchPeople makes them, so pgbench runs the same statements; `widen`
  // says whether searchPeople's first step leaves room, so pgbench runs the widening steps exactly when the app does.
  await pool.query(`create table bench.search_sample (k serial primary key, is_nhs int not null, is_words int not null, term text not null,
    prefix_pat text not null, contains_pat text not null, widen int not null default 0)`);
  const norm = (t: string) => t.trim().toLowerCase().replace(/\s+/g, " ");
  const esc = (t: string) => norm(t).replace(/[\\%_]/g, (c) => `\\${c}`);
  await pool.query(
    "insert into bench.search_sample (is_nhs, is_words, term, prefix_pat, contains_pat) select * from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[])",
    [
      terms.map((t) => (t.kind === "nhs" ? 1 : 0)),
      terms.map((t) => (norm(t.term).includes(" ") ? 1 : 0)),
      terms.map((t) => t.term),
      terms.map((t) => `${esc(t.term)}%`),
      terms.map((t) => `%${esc(t.term)}%`),
    ],
  );
  // One query per term, as the app sends it: a LIKE pattern must be a constant for PostgreSQL to use an index range.
  const { rows: sample } = await pool.query<{ k: number; is_words: number; prefix_pat: string }>(
    "select k, is_words, prefix_pat from bench.search_sample where is_nhs = 0",
  );
  for (const t of sample) {
    const match = t.is_words
      ? `lower(given_name || ' ' || family_name) like $1`
      : `lower(family_name) collate "C" like $1`;
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from (select 1 from person where merged_into_id is null and ${match} limit 26) x`,
      [t.prefix_pat],
    );
    if (rows[0].n < 26) await pool.query("update bench.search_sample set widen = 1 where k = $1", [t.k]);
  }
  return terms;
}

/**
 * Prescribers whose sessions drive the reads (distinct staff, as twenty people at twenty desks): those with the
 * largest care teams first, so the record views have people to open.
 */
export async function prescribers(pool: pg.Pool, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `select u.id from app_user u
     left join lateral (select count(*) as n from care_team_member ctm where ctm.user_id = u.id) ct on true
     where u.role = 'prescriber' and u.disabled_at is null order by ct.n desc, u.id limit $1`,
    [count],
  );
  if (rows.length === 0) throw new Error("No prescriber accounts: generate a data set first");
  return rows.map((r) => r.id);
}

export async function dropSamples(pool: pg.Pool): Promise<void> {
  await pool.query("drop schema if exists bench cascade");
}
