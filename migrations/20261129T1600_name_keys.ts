import { type Kysely, sql } from "kysely";

// Names in Unicode (docs/decisions/0840-one-name-key.md, 0841-names-stored-nfc.md).
// 1. Names already stored are put in Unicode normalisation form C (NFC), as every form now stores them: "Müller" typed
//    as "u" + a combining diaeresis becomes the one-character "ü" spelling.
// 2. name_fold and name_key: how two spellings of a name are found to be the same name (accents and case folded,
//    apostrophes dropped, hyphens and spaces made one space or none). The same rule as app/people/name-key.ts,
//    written out here because a migration never imports the app's code; a test holds the two to agreement.
// 3. The person table carries the keys as generated columns, so every way a person is written (forms, triage, the
//    demo seed, the synthetic data generator, a bulk load) keys the name the same way, and the name searches read
//    them from indexes that replace those on lower(name).

const APOSTROPHES = "[\\u0027\\u2018\\u2019\\u201b\\u02bc\\u02bb\\u0060\\u00b4\\u2032\\u02b9]";
const MARKS = "[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]";
const SEPARATORS =
  "[\\u002d\\u2010\\u2011\\u2012\\u2013\\u2014\\u2015\\u2212\\u002e\\u0020\\u0009\\u000a\\u000b\\u000c\\u000d\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";

const NFC_COLUMNS: [table: string, column: string][] = [
  ["person", "given_name"],
  ["person", "family_name"],
  ["person", "preferred_name"],
  ["self_referral", "given_name"],
  ["self_referral", "family_name"],
  ["app_user", "display_name"],
  ["volunteer", "name"],
  ["activity", "contact_name"],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column] of NFC_COLUMNS) {
    // Only rows stored in another form are rewritten; the name is the same, so no version or audit row changes.
    await sql`update ${sql.id(table)} set ${sql.id(column)} = normalize(${sql.id(column)}, NFC) where ${sql.id(column)} is not nfc normalized`.execute(
      db,
    );
  }

  // Immutable, so generated columns and indexes may use them; the search path is fixed so they mean the same
  // whatever the caller's.
  await sql
    .raw(
      `create function name_fold(name text) returns text
      language sql immutable strict parallel safe
      set search_path = pg_catalog
      as $$select btrim(regexp_replace(
        replace(replace(replace(replace(
          translate(
            regexp_replace(
              regexp_replace(lower(normalize(regexp_replace(name, '${APOSTROPHES}', '', 'g'), NFKD)), '${MARKS}', '', 'g'),
              '${APOSTROPHES}', '', 'g'),
            'øłđðħıŧς', 'olddhitσ'),
          'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th'),
        '${SEPARATORS}', ' ', 'g'), ' ')$$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function name_key(name text) returns text
      language sql immutable strict parallel safe
      set search_path = pg_catalog, public
      as $$select replace(public.name_fold(name), ' ', '')$$`,
    )
    .execute(db);

  await sql`alter table person
    add column family_name_key text generated always as (name_key(family_name)) stored,
    add column full_name_key text generated always as (name_key(given_name || ' ' || family_name)) stored,
    add column full_name_fold text generated always as (name_fold(given_name || ' ' || family_name)) stored,
    add column preferred_name_key text generated always as (name_key(preferred_name)) stored`.execute(db);

  // A surname prefix, read in the order shown (byte order serves both the LIKE prefix and the ORDER BY).
  await sql`create index person_name_key_order_idx on person ((family_name_key collate "C"), (full_name_key collate "C"), id) where merged_into_id is null`.execute(
    db,
  );
  // A full name starting with, or holding, the term's key (LIKE from trigrams).
  await sql`create index person_full_name_key_trgm_idx on person using gin (full_name_key gin_trgm_ops)`.execute(db);
  // Names similar to a misspelt term: trigrams need the word boundaries the fold keeps.
  await sql`create index person_full_name_fold_trgm_idx on person using gin (full_name_fold gin_trgm_ops)`.execute(db);
  await sql`create index person_preferred_name_key_idx on person (preferred_name_key text_pattern_ops) where preferred_name_key is not null`.execute(
    db,
  );
  await sql`drop index person_name_order_idx`.execute(db);
  await sql`drop index person_name_trgm_idx`.execute(db);
  await sql`drop index person_family_name_idx`.execute(db);
  await sql`drop index person_preferred_name_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index person_name_order_idx on person ((lower(family_name) collate "C"), (lower(given_name) collate "C"), id) where merged_into_id is null`.execute(
    db,
  );
  await sql`create index person_name_trgm_idx on person using gin ((lower(given_name || ' ' || family_name)) gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index person_family_name_idx on person (lower(family_name) text_pattern_ops)`.execute(db);
  await sql`create index person_preferred_name_idx on person ((lower(preferred_name)) text_pattern_ops) where preferred_name is not null`.execute(
    db,
  );
  await sql`alter table person drop column family_name_key, drop column full_name_key, drop column full_name_fold, drop column preferred_name_key`.execute(
    db,
  );
  await sql`drop function name_key(text)`.execute(db);
  await sql`drop function name_fold(text)`.execute(db);
  // Names stay in NFC: the same names, which no earlier code depended on being decomposed.
}
