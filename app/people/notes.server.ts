import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit, type AuditActor } from "~/audit/audit.server";
import { isUniqueViolation } from "~/errors";
import type { NoteKind } from "./notes";
import { FieldError } from "~/errors";
import { isLivePerson } from "./people.server";

/**
 * Adds a case note. A double submit (same idempotency key) adds one. A quote needs the person's consent to be quoted,
 * recorded and current. The audit row holds the kind, never the text.
 */
export async function addCaseNote(
  db: Kysely<DB>,
  actor: AuditActor & { userId: string },
  personId: string,
  input: { kind: NoteKind; body: string; idempotencyKey: string },
) {
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await isLivePerson(trx, personId))) return null;
      if (input.kind === "quote") {
        const consent = await trx
          .selectFrom("person_consent")
          .select("given")
          .where("person_id", "=", personId)
          .where("kind", "=", "quote_in_reports")
          .orderBy("recorded_at", "desc")
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirst();
        if (!consent?.given)
          throw new FieldError(
            "kind",
            "They have not agreed to be quoted: record their consent first, or save this as a case note",
          );
      }
      const { id } = await trx
        .insertInto("case_note")
        .values({
          person_id: personId,
          kind: input.kind,
          body: input.body,
          author_id: actor.userId,
          idempotency_key: input.idempotencyKey,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, actor, {
        action: "case-note.create",
        entityType: "case_note",
        entityId: id,
        personId,
        details: { kind: input.kind },
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, "case_note_idempotency_key_key")) {
      const row = await db
        .selectFrom("case_note")
        .select("id")
        .where("idempotency_key", "=", input.idempotencyKey)
        .executeTakeFirstOrThrow();
      return row.id;
    }
    throw err;
  }
}
