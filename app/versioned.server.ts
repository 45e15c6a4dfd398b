// Editable records carry a version, and an update says `where version = $expected`. When that matches no row,
// someone saved first: the error says so and carries the version the record now has, so the page can offer a
// deliberate second save by someone who has seen the warning.

import { ConflictError } from "~/errors";
import type { Executor } from "~/audit/audit.server";

type VersionedTable = "activity" | "provider" | "volunteer" | "app_user";

/** The ConflictError for a versioned update of `table` row `id` that matched no row: with the row's current version,
 * or none when the row has gone. */
export async function conflictOn(db: Executor, table: VersionedTable, id: string): Promise<ConflictError> {
  const row = await db
    .selectFrom(table as "activity")
    .select("version")
    .where("id", "=", id)
    .executeTakeFirst();
  return new ConflictError({ currentVersion: row?.version });
}
