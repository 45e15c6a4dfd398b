import { type Kysely, sql } from "kysely";

// The outcome summaries are kept current by adding each change's difference instead of rebuilding the periods it
// touched (docs/decisions/0930-summaries-kept-current-by-difference.md). That needs two things:
// - **The facts the summaries were built from**, one row per referral, per referral and month of register marks,
//   per baseline and per pair, with the survivor (`sid`) and the dimension values they were counted under: a change
//   subtracts a person's stored facts and adds their new ones. Only the refresh reads or writes these tables.
// - **A log of the people a change touched** (`outcome_change_person`), beside the log of months: statement-level
//   triggers with transition tables name the person of each changed referral, referral event, register mark,
//   session's marks and questionnaire response, a person whose grouped details changed (and the records they were
//   merged into, before and after), and the people referred to an activity whose provider or category changed.
//   Append-only with no unique key, like the month log, so writers never wait for each other or for a refresh.
const DIMENSIONS = ["district", "provider", "category", "activity", "source", "age", "sex", "ethnicity", "imd"];
const dims = DIMENSIONS.map((d) => `${d} text`).join(", ");

// What a referral's figures read; other edits (notes, versions) do not change whom the figures count.
const REFERRAL_COLUMNS = [
  "received_at",
  "person_id",
  "activity_id",
  "source",
  "kind",
  "status",
  "contacted_at",
  "first_attended_on",
  "ended_at",
  "declined_by",
  "decline_reason",
  "provider_responded_at",
  "needs",
  "barriers",
];
const PERSON_COLUMNS = [
  "date_of_birth",
  "district_code",
  "sex",
  "ethnicity",
  "imd_quintile",
  "imd_decile",
  "record_key",
  "merged_into_id",
];
const SESSION_COLUMNS = ["status", "session_date", "activity_id"];
const differ = (columns: string[]) =>
  `(${columns.map((c) => `o.${c}`).join(", ")}) is distinct from (${columns.map((c) => `n.${c}`).join(", ")})`;

const tables = [
  "referral",
  "referral_event",
  "attendance",
  "activity_session",
  "measure_response",
  "person",
  "activity",
];
const events = ["insert", "update", "delete"] as const;

/** Rows of the statement's transition tables: `new_rows` on insert and update, `old_rows` on update and delete. */
const byOp = (body: (rows: string) => string) =>
  `if tg_op = 'INSERT' then
          ${body("new_rows")}
        elsif tg_op = 'DELETE' then
          ${body("old_rows")}
        else
          ${body("(select * from old_rows union all select * from new_rows)")}
        end if;`;

/** The people of the referrals whose ids `ids` selects (a subquery). */
const referralPeople = (ids: string) =>
  `perform outcome_touch_people(array(select r.person_id from referral r join (${ids}) i(id) on i.id = r.id));`;

const bodies: Record<(typeof tables)[number], string> = {
  referral: `if tg_op = 'INSERT' then
          perform outcome_touch_people(array(select person_id from new_rows));
        elsif tg_op = 'DELETE' then
          perform outcome_touch_people(array(select person_id from old_rows));
        else
          perform outcome_touch_people(array(
            select o.person_id from old_rows o join new_rows n using (id) where ${differ(REFERRAL_COLUMNS)}
            union all
            select n.person_id from old_rows o join new_rows n using (id) where ${differ(REFERRAL_COLUMNS)}));
        end if;`,
  referral_event: byOp((rows) => referralPeople(`select distinct referral_id from ${rows} e`)),
  attendance: byOp((rows) => referralPeople(`select distinct referral_id from ${rows} t`)),
  // A session's status, date and activity decide whether, when and under what its marks count; other edits (its
  // register's version, notes) move no figure.
  activity_session: `if tg_op = 'UPDATE' then
          ${referralPeople(
            `select distinct t.referral_id from attendance t join (
              select n.id from new_rows n join old_rows o using (id) where ${differ(SESSION_COLUMNS)}) x on x.id = t.session_id`,
          )}
        elsif tg_op = 'DELETE' then
          ${referralPeople(`select distinct t.referral_id from attendance t join old_rows x on x.id = t.session_id`)}
        end if;`,
  measure_response: byOp((rows) => referralPeople(`select distinct referral_id from ${rows} f`)),
  // A person's details are counted under every referral of theirs and of the records merged into them: the refresh
  // recounts the survivor of each logged record, so the record, and the records it was merged into before and after.
  person: `if tg_op = 'DELETE' then
          perform outcome_touch_people(array(select id from old_rows union all select merged_into_id from old_rows));
        elsif tg_op = 'UPDATE' then
          perform outcome_touch_people(array(
            select n.id from new_rows n join old_rows o using (id) where ${differ(PERSON_COLUMNS)}
            union all select o.merged_into_id from new_rows n join old_rows o using (id) where ${differ(PERSON_COLUMNS)}
            union all select n.merged_into_id from new_rows n join old_rows o using (id) where ${differ(PERSON_COLUMNS)}));
        end if;`,
  activity: `if tg_op = 'DELETE' then
          perform outcome_touch_people(array(
            select r.person_id from referral r join old_rows o on o.id = r.activity_id));
        elsif tg_op = 'UPDATE' then
          perform outcome_touch_people(array(
            select r.person_id from referral r join (
              select n.id from new_rows n join old_rows o using (id) where ${differ(["provider_id", "category_code"])}
            ) c on c.id = r.activity_id));
        end if;`,
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table outcome_change_person (
    id bigint generated always as identity primary key,
    person_id uuid not null)`.execute(db);
  await sql`create function outcome_touch_people(ids uuid[]) returns void language sql as $$
    insert into outcome_change_person (person_id) select distinct i from unnest(ids) i where i is not null
  $$`.execute(db);

  // The facts, as the summaries last counted them (columns as app/outcomes/summaries.server.ts builds them).
  await sql
    .raw(
      `create table outcome_fact_ref (
        id uuid primary key, sid uuid not null, key integer not null, d date not null, ${dims},
        kind text, contacted boolean, accepted boolean, declined boolean, declined_by text, decline_reason text,
        responded boolean, attending boolean, ended boolean,
        days_contact integer, days_first integer, days_reply integer, needs text[], barriers text[])`,
    )
    .execute(db);
  await sql
    .raw(
      `create table outcome_fact_att (
        sid uuid not null, key integer not null, ${dims}, d date not null,
        present integer not null, absent integer not null, excused integer not null)`,
    )
    .execute(db);
  await sql
    .raw(
      `create table outcome_fact_base (
        sid uuid not null, key integer not null, ${dims}, d date not null, instrument text not null,
        followed boolean not null)`,
    )
    .execute(db);
  await sql
    .raw(
      `create table outcome_fact_pair (
        sid uuid not null, key integer not null, ${dims}, d date not null, score text not null,
        b numeric not null, a numeric not null, ch numeric not null,
        better boolean not null, same boolean not null, worse boolean not null, mbetter boolean not null,
        mworse boolean not null, inband boolean not null, outband boolean not null)`,
    )
    .execute(db);
  for (const t of ["ref", "att", "base", "pair"]) {
    await sql.raw(`create index outcome_fact_${t}_sid_idx on outcome_fact_${t} (sid)`).execute(db);
    await sql.raw(`create index outcome_fact_${t}_d_idx on outcome_fact_${t} (d)`).execute(db);
    // The app's role (20261129T1230) may read and write them; a full rebuild empties them at once.
    await sql.raw(`grant truncate on outcome_fact_${t} to connect_well_app`).execute(db);
  }
  // Fresh planner statistics after a full rebuild rewrote the summaries. ANALYZE needs the table's owner, so the app's
  // role runs it through this function, which runs as the migrations' role.
  await sql`create function outcome_analyze_summaries() returns void language plpgsql security definer
    set search_path = public as $$
    begin
      analyze outcome_summary;
      analyze outcome_group_size;
    end $$`.execute(db);
  await sql`revoke all on function outcome_analyze_summaries() from public`.execute(db);
  await sql`grant execute on function outcome_analyze_summaries() to connect_well_app`.execute(db);

  for (const table of tables) {
    await sql
      .raw(
        `create function outcome_${table}_people() returns trigger language plpgsql as $$
      begin
        ${bodies[table]}
        return null;
      end $$`,
      )
      .execute(db);
    for (const event of events) {
      const referencing =
        event === "insert"
          ? "new table as new_rows"
          : event === "delete"
            ? "old table as old_rows"
            : "old table as old_rows new table as new_rows";
      await sql
        .raw(
          `create trigger ${table}_outcome_${event}_people after ${event} on ${table}
           referencing ${referencing} for each statement execute function outcome_${table}_people()`,
        )
        .execute(db);
    }
  }

  // Adds a change's difference to a stored summary (both `ViewSummary` JSON): keyed counts [count, key sum] add and
  // their key sums are reduced modulo 256 into 0–255; plain numbers add. Then what a build from the facts would not
  // hold is dropped, so the result equals a rebuild: a part with no facts left (no people, no referrals, no marks, no
  // pairs), tally values and histogram bars at zero, and empty objects.
  await sql`create function outcome_json_add(a jsonb, b jsonb) returns jsonb language plpgsql immutable as $$
    declare
      k text;
      v jsonb;
      result jsonb;
    begin
      if b is null then return a; end if;
      if jsonb_typeof(b) = 'object' then
        result := coalesce(a, '{}'::jsonb);
        for k, v in select * from jsonb_each(b) loop
          result := jsonb_set(result, array[k], outcome_json_add(a -> k, v), true);
        end loop;
        return result;
      elsif jsonb_typeof(b) = 'array' then
        return jsonb_build_array(
          coalesce((a ->> 0)::bigint, 0) + (b ->> 0)::bigint,
          (((coalesce((a ->> 1)::bigint, 0) + (b ->> 1)::bigint) % 256) + 256) % 256);
      else
        return to_jsonb(coalesce((a #>> '{}')::numeric, 0) + (b #>> '{}')::numeric);
      end if;
    end $$`.execute(db);
  await sql`create function outcome_summary_add(stored jsonb, delta jsonb) returns jsonb language plpgsql immutable as $$
    declare
      f jsonb := outcome_json_add(coalesce(stored, '{}'::jsonb), delta);
      k text;
      v jsonb;
      kept jsonb;
    begin
      if (f -> 'any' ->> 0)::bigint = 0 then f := f - 'any'; end if;
      if (f -> 'ref' -> 'referrals' ->> 0)::bigint = 0 then f := f - 'ref'; end if;
      if f ? 'att' and (f -> 'att' -> 'present' ->> 0)::bigint + (f -> 'att' -> 'absent' ->> 0)::bigint
          + (f -> 'att' -> 'excused' ->> 0)::bigint = 0 then
        f := f - 'att';
      end if;
      if f ? 'base' then
        select jsonb_object_agg(e.key, e.value) into kept from jsonb_each(f -> 'base') e
          where (e.value -> 'people' ->> 0)::bigint <> 0;
        f := case when kept is null then f - 'base' else jsonb_set(f, '{base}', kept) end;
      end if;
      if f ? 'pair' then
        select jsonb_object_agg(e.key, jsonb_set(e.value, '{hist}', coalesce(
            (select jsonb_object_agg(h.key, h.value) from jsonb_each(e.value -> 'hist') h where (h.value #>> '{}')::numeric <> 0),
            '{}'::jsonb)))
          into kept from jsonb_each(f -> 'pair') e
          where (e.value -> 'n' ->> 0)::bigint <> 0;
        f := case when kept is null then f - 'pair' else jsonb_set(f, '{pair}', kept) end;
      end if;
      if f ? 'tally' then
        kept := null;
        for k, v in select * from jsonb_each(f -> 'tally') loop
          v := (select jsonb_object_agg(t.key, t.value) from jsonb_each(v) t where (t.value ->> 0)::bigint <> 0);
          if v is not null then kept := coalesce(kept, '{}'::jsonb) || jsonb_build_object(k, v); end if;
        end loop;
        f := case when kept is null then f - 'tally' else jsonb_set(f, '{tally}', kept) end;
      end if;
      return f;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists outcome_analyze_summaries()`.execute(db);
  await sql`drop function if exists outcome_summary_add(jsonb, jsonb)`.execute(db);
  await sql`drop function if exists outcome_json_add(jsonb, jsonb)`.execute(db);
  for (const table of tables) {
    for (const event of events) {
      await sql.raw(`drop trigger if exists ${table}_outcome_${event}_people on ${table}`).execute(db);
    }
    await sql.raw(`drop function if exists outcome_${table}_people()`).execute(db);
  }
  for (const t of ["ref", "att", "base", "pair"]) await sql.raw(`drop table if exists outcome_fact_${t}`).execute(db);
  await sql`drop function if exists outcome_touch_people(uuid[])`.execute(db);
  await sql`drop table if exists outcome_change_person`.execute(db);
}
