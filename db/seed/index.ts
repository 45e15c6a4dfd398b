import { hashPassword } from "../../app/auth/password.server";
import type { Database } from "../connection";
import { seedDirectory } from "./directory";
import { seedMeasures } from "./measures";
import { seedOutcomesDemo } from "./outcomes-demo";
import { seedPeople } from "./people";
import { DEMO_PASSWORD, seedUsers } from "./users";

export { DEMO_PASSWORD, demoUsers } from "./users";

/**
 * Loads the demo data once (clearly fictional people; real Leicestershire services). Returns false when it was
 * already there. Each part takes the ids the earlier parts made, so the demo hangs together.
 */
export async function seedDemo(db: Database, options: { outcomes?: "full" | "small" | "none" } = {}): Promise<boolean> {
  const existing = await db.selectFrom("app_user").select("id").where("demo", "=", true).limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const users = await seedUsers(trx, passwordHash);
    const directory = await seedDirectory(trx, users);
    await seedPeople(trx, users, directory);
    await seedMeasures(trx);
    // A year of outcome data for the dashboard: `outcomes`, or DEMO_OUTCOMES (full by default; "small" is about a
    // sixth of it over five months, "0" none). The browser tests' server starts with the small set, since building
    // the outcome summaries over the full year takes the embedded database a while.
    const env = process.env.DEMO_OUTCOMES;
    const outcomes = options.outcomes ?? (env === "0" ? "none" : env === "small" ? "small" : "full");
    if (outcomes !== "none") await seedOutcomesDemo(trx, users, directory, { size: outcomes });
  });
  await (await import("./reports")).seedReports(db); // the archived demo report, built from the data committed above
  return true;
}
