// The retention schedule: `npm run retention -- --dry-run` reports what would be erased; without --dry-run it
// erases. Runs as the schema's owner (like migrations), because only the owner may put pseudonyms into the
// append-only audit trail. Prints counts only, never a name, NHS number or record id.
// See docs/decisions/0811-retention-schedule.md and 0812-audit-pseudonyms.md.
//   RETENTION_HMAC_KEY=<secret> npm run retention -- --dry-run [--years 8]
// On the embedded database, stop the server first: PGlite's data folder is opened by one process at a time.
import { sql } from "kysely";
import { londonToday } from "../../app/calendar";
import { retentionCutoff } from "../../app/people/retention";
import { applyRetention, planRetention, type RetentionReport } from "../../app/people/retention.server";
import { dbEnv } from "../env";
import { closeConnection, getConnection } from "../index";
import { migrateToLatest } from "../migrate";
import { retentionOptions } from "./retention-options";

const env = dbEnv();
const options = retentionOptions(process.argv.slice(2), process.env, env.demo);
if ("error" in options) {
  console.error(options.error);
  process.exit(2);
}

const conn = await getConnection();
const db = conn.db;
await migrateToLatest(db);
const { rows } = await sql<{ user: string; owner: string; is_owner: boolean }>`
  select current_user as user, pg_get_userbyid(c.relowner) as owner,
    pg_has_role(current_user, c.relowner, 'USAGE') as is_owner
  from pg_class c where c.oid = 'audit_event'::regclass`.execute(db);
const who = rows[0];
if (!who.is_owner) {
  console.error(
    `Connected as ${who.user}, which does not own the audit trail (owner: ${who.owner}). Run the retention command with the owner's DATABASE_URL, as for migrations.`,
  );
  await closeConnection();
  process.exit(2);
}
console.log(
  `Database: ${conn.kind === "pglite" ? "embedded" : "PostgreSQL"}, as ${who.user} (owner of the audit trail)`,
);
if (options.demoKey) console.log("Demo mode: audit pseudonyms use the demo's public key, which is for demo data only");

const cutoff = retentionCutoff(londonToday(), options.years);
console.log(`Retention: ${options.years} years after the last contact; erasing people last contacted before ${cutoff}`);
const report = options.dryRun ? await planRetention(db, cutoff) : await applyRetention(db, cutoff, options.hmacKey);
print(report, options.dryRun);
await closeConnection();

function print(r: RetentionReport, dryRun: boolean) {
  const verb = dryRun ? "would be" : "were";
  console.log(`${dryRun ? "Dry run: nothing changed." : "Done."}`);
  console.log(`People ${verb} erased: ${r.people} (${r.records} records, merged ones included)`);
  console.log(
    `  records deleted: ${r.recordsDeleted}; records kept anonymised for the outcome figures: ${r.recordsAnonymised}`,
  );
  for (const t of r.tables) {
    const what = t.action === "delete" ? "deleted" : "anonymised";
    console.log(`  ${t.table.padEnd(22)} ${String(t.rows).padStart(8)} rows ${what}`);
  }
  console.log(`Self-referrals never linked to a record, ${verb} deleted: ${r.unlinkedSelfReferrals}`);
  console.log(`Audit rows ${verb} kept with pseudonymised references: ${r.auditRows}`);
}
