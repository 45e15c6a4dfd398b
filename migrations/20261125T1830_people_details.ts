import { type Kysely, sql } from "kysely";

// Details the person record and the self-referral queue need beyond the core schema: ethnicity codes checked
// against the ONS 2021 list, an IMD quintile where only the quintile is known, who merged a record and when,
// and for self-referrals what the person wants to talk about plus a key that makes a double submit harmless.
const ethnicityCodes = [
  "asian_bangladeshi",
  "asian_chinese",
  "asian_indian",
  "asian_pakistani",
  "asian_other",
  "black_african",
  "black_caribbean",
  "black_other",
  "mixed_white_asian",
  "mixed_white_black_african",
  "mixed_white_black_caribbean",
  "mixed_other",
  "white_british",
  "white_irish",
  "white_gypsy_traveller",
  "white_roma",
  "white_other",
  "other_arab",
  "other_any",
  "not_stated",
];

export async function up(db: Kysely<any>): Promise<void> {
  const list = sql.join(ethnicityCodes.map((c) => sql.lit(c)));
  await sql`alter table person add constraint person_ethnicity_code check (ethnicity is null or ethnicity in (${list}))`.execute(
    db,
  );
  await db.schema
    .alterTable("person")
    .addColumn("imd_quintile", "integer", (c) => c.check(sql`imd_quintile between 1 and 5`))
    .addColumn("merged_at", "timestamptz")
    .addColumn("merged_by", "uuid", (c) => c.references("app_user.id"))
    .execute();
  await sql`alter table person add constraint person_imd_consistent check (imd_decile is null or imd_quintile is null or imd_quintile = (imd_decile + 1) / 2)`.execute(
    db,
  );
  await sql`alter table person add constraint person_lawful_basis check (lawful_basis in ('direct_care'))`.execute(db);

  await db.schema
    .alterTable("self_referral")
    .addColumn("topics", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("idempotency_key", "uuid", (c) => c.unique())
    .addColumn("closed_reason", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("self_referral")
    .dropColumn("topics")
    .dropColumn("idempotency_key")
    .dropColumn("closed_reason")
    .execute();
  await sql`alter table person drop constraint person_lawful_basis, drop constraint person_imd_consistent, drop constraint person_ethnicity_code`.execute(
    db,
  );
  await db.schema
    .alterTable("person")
    .dropColumn("imd_quintile")
    .dropColumn("merged_at")
    .dropColumn("merged_by")
    .execute();
}
