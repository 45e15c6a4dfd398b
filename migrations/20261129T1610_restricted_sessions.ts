import { type Kysely, sql } from "kysely";

// A member of staff hands the device to a person for a self-completion questionnaire: their session is restricted
// to that one questionnaire until they type their password again (docs/decisions/0820-restricted-self-completion.md).
// No foreign key: a session is not data about the person who answered, so it must not join the tables a subject
// access export walks to from `person`. Should the questionnaire be erased, the session stays restricted to an id
// that no longer opens anything, so it still reaches nothing but hand-back and sign-out.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user_session").addColumn("restricted_to_self_session_id", "uuid").execute();
  await sql`create index user_session_restricted_to_idx on user_session (restricted_to_self_session_id)
    where restricted_to_self_session_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user_session").dropColumn("restricted_to_self_session_id").execute();
}
