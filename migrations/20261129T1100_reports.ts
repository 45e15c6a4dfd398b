import { type Kysely, sql } from "kysely";

// Outcome reports: background jobs kept in the database (so they survive a restart and several app servers share
// them), the archive of generated reports (figures as data, the PDF and its SHA-256; immutable once written),
// who each report is shared with, and the service's cost per period entered by an administrator.

export async function up(db: Kysely<any>): Promise<void> {
  // A job is claimed with FOR UPDATE SKIP LOCKED and held by a lease: a server that dies mid-job leaves a lease
  // that expires, and another server (or the same one restarted) takes the job again. See docs/decisions/0730.
  await db.schema
    .createTable("job")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('report')`))
    .addColumn("params", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("queued")
        .check(sql`status in ('queued','running','done','failed')`),
    )
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("Waiting to start"))
    .addColumn("percent", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`percent between 0 and 100`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("run_after", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("lease_until", "timestamptz")
    .addColumn("locked_by", "text")
    .addColumn("last_error", "text")
    .addColumn("result_id", "uuid")
    .addColumn("created_by", "uuid", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .addCheckConstraint("job_running_has_lease", sql`(status = 'running') = (lease_until is not null)`)
    .execute();
  // The claim looks for due queued jobs and running jobs whose lease has run out.
  await sql`create index job_due_idx on job (run_after) where status = 'queued'`.execute(db);
  await sql`create index job_lease_idx on job (lease_until) where status = 'running'`.execute(db);
  await db.schema.createIndex("job_created_by_idx").on("job").column("created_by").execute();

  await db.schema
    .createTable("report")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("period_key", "text", (c) => c.notNull())
    .addColumn("period_kind", "text", (c) => c.notNull().check(sql`period_kind in ('month','quarter','year')`))
    .addColumn("scope_kind", "text", (c) =>
      c.notNull().check(sql`scope_kind in ('service','provider','activity','district')`),
    )
    .addColumn("scope_id", "text")
    .addColumn("scope_label", "text", (c) => c.notNull())
    .addColumn("rule_code", "text", (c) => c.notNull())
    .addColumn("model", "jsonb", (c) => c.notNull())
    .addColumn("pdf", "bytea", (c) => c.notNull())
    .addColumn("pdf_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) =>
      c
        .notNull()
        .unique()
        .check(sql`sha256 ~ '^[0-9a-f]{64}$'`),
    )
    .addColumn("generated_by", "uuid", (c) => c.notNull().references("app_user.id"))
    .addColumn("generated_at", "timestamptz", (c) => c.notNull())
    .addColumn("job_id", "uuid", (c) => c.references("job.id").unique())
    .addCheckConstraint("report_scope_id", sql`(scope_kind = 'service') = (scope_id is null)`)
    .execute();
  await sql`create index report_generated_idx on report (generated_at desc)`.execute(db);
  await db.schema.createIndex("report_generated_by_idx").on("report").column("generated_by").execute();

  // Immutable once generated: a report is evidence of what was published, and its checksum must keep matching.
  await sql`
    create function report_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'an archived report cannot be changed' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger report_no_change before update or delete on report
    for each row execute function report_immutable()`.execute(db);

  await db.schema
    .createTable("report_share")
    .addColumn("report_id", "uuid", (c) => c.notNull().references("report.id"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id"))
    .addColumn("shared_by", "uuid", (c) => c.notNull().references("app_user.id"))
    .addColumn("shared_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("report_share_pkey", ["report_id", "user_id"])
    .execute();
  await db.schema.createIndex("report_share_user_idx").on("report_share").column("user_id").execute();
  await db.schema.createIndex("report_share_shared_by_idx").on("report_share").column("shared_by").execute();

  // Costs are held in pence so sums are exact; the page takes and shows pounds.
  await db.schema
    .createTable("service_cost")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("period_key", "text", (c) => c.notNull())
    .addColumn("scope_kind", "text", (c) =>
      c.notNull().check(sql`scope_kind in ('service','provider','activity','district')`),
    )
    .addColumn("scope_id", "text")
    .addColumn("cost_pence", "bigint", (c) => c.notNull().check(sql`cost_pence > 0 and cost_pence < 100000000000`))
    .addColumn("note", "text", (c) => c.check(sql`length(note) <= 500`))
    .addColumn("entered_by", "uuid", (c) => c.notNull().references("app_user.id"))
    .addColumn("entered_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("service_cost_scope_id", sql`(scope_kind = 'service') = (scope_id is null)`)
    .execute();
  await sql`create unique index service_cost_key on service_cost (period_key, scope_kind, coalesce(scope_id, ''))`.execute(
    db,
  );
  await db.schema.createIndex("service_cost_entered_by_idx").on("service_cost").column("entered_by").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("service_cost").execute();
  await db.schema.dropTable("report_share").execute();
  await db.schema.dropTable("report").execute();
  await sql`drop function report_immutable`.execute(db);
  await db.schema.dropTable("job").execute();
}
