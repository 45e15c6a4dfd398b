import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { seedDirectory } from "../../../db/seed/directory";
import { seedMeasures } from "../../../db/seed/measures";
import { seedOutcomesDemo } from "../../../db/seed/outcomes-demo";
import { seedPeople } from "../../../db/seed/people";
import { seedUsers } from "../../../db/seed/users";
import { codesByColumn } from "~/code-lists";
import { testDb, useTestDatabase } from "../../support/db";

useTestDatabase();

// The demo data is what a new user first reads: a value outside its code list shows as "Not recognised (…)"
// wherever it is labelled (the triage page once showed "Not recognised (Mornings)" as the best time to call).
describe("demo data", { timeout: 300_000 }, () => {
  it("stores only known codes in every coded column", async () => {
    await testDb()
      .transaction()
      .execute(async (trx) => {
        const users = await seedUsers(trx, "not-a-real-hash");
        const directory = await seedDirectory(trx, users);
        await seedPeople(trx, users, directory);
        await seedMeasures(trx);
        await seedOutcomesDemo(trx, users, directory, { size: "small" });
      });
    const unknown: string[] = [];
    for (const [table, columns] of Object.entries(codesByColumn)) {
      for (const [column, labels] of Object.entries(columns)) {
        // A column of one code or of a list of codes: unnest a list so each code is checked.
        const { rows } = await sql<{ code: string }>`
          select distinct v::text as code
          from ${sql.table(table)},
               lateral unnest(case when pg_typeof(${sql.ref(column)})::text like '%[]'
                                   then ${sql.ref(column)}::text[] else array[${sql.ref(column)}::text] end) as v
          where v is not null`.execute(testDb());
        for (const { code } of rows) if (!(code in labels)) unknown.push(`${table}.${column}: ${code}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
