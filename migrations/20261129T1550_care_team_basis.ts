import { type Kysely, sql } from "kysely";

// The legitimate relationship (docs/decisions/0800-care-team-is-the-legitimate-relationship.md). Each care team
// membership says how it began (`basis`) and who added it; rows from before this have no basis. Break-glass
// access is kept as its own record, with the stated reason and the administrator's review.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("care_team_member")
    .addColumn("basis", "text", (c) =>
      c.check(sql`basis in ('recorded', 'caseworker', 'triage', 'added', 'break_glass')`),
    )
    .addColumn("added_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("care_team_member_added_by_idx").on("care_team_member").column("added_by").execute();

  await db.schema
    .createTable("break_glass_access")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`length(reason) between 1 and 2000`))
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("reviewed_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("reviewed_at", "timestamptz")
    .addCheckConstraint("break_glass_access_review_check", sql`(reviewed_by is null) = (reviewed_at is null)`)
    .execute();
  await db.schema.createIndex("break_glass_access_person_idx").on("break_glass_access").column("person_id").execute();
  await db.schema.createIndex("break_glass_access_user_idx").on("break_glass_access").column("user_id").execute();
  await db.schema
    .createIndex("break_glass_access_reviewed_by_idx")
    .on("break_glass_access")
    .column("reviewed_by")
    .execute();
  await sql`create index break_glass_access_occurred_idx on break_glass_access (occurred_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("break_glass_access").execute();
  await db.schema.alterTable("care_team_member").dropColumn("added_by").dropColumn("basis").execute();
}
