import type { Kysely } from "kysely";
import type { DB } from "@db/types";
import type { AuditActor } from "~/audit/audit.server";
import type { z } from "zod";
import { transitionReferral } from "./transition.server";
import type { transitionSchema } from "./transition-form";

/** A caseworker's move, in its own transaction (the history and audit rows commit with it). */
export async function caseworkerTransition(
  db: Kysely<DB>,
  actor: AuditActor,
  referralId: string,
  input: z.infer<typeof transitionSchema>,
) {
  return db.transaction().execute((trx) =>
    transitionReferral(trx, actor, {
      referralId,
      to: input.to,
      actor: "caseworker",
      expectedVersion: input.version,
      declinedBy: input.declinedBy,
      reason: input.reason,
      endReason: input.endReason,
    }),
  );
}
