import { type Kysely, sql } from "kysely";

// Person search at national scale (a million people): a surname prefix is answered from one index range in the
// order it is shown, so a common surname reads 26 index entries instead of every Smith. Byte order ("C") lets the
// same index serve both the LIKE prefix and the ORDER BY. Preferred names get their own small index because a
// search for "Peggy" must find Margaret.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index person_name_order_idx on person ((lower(family_name) collate "C"), (lower(given_name) collate "C"), id) where merged_into_id is null`.execute(
    db,
  );
  await sql`create index person_preferred_name_idx on person ((lower(preferred_name)) text_pattern_ops) where preferred_name is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index person_preferred_name_idx`.execute(db);
  await sql`drop index person_name_order_idx`.execute(db);
}
