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
export async function seedDemo(db: Database): Promise<boolean> {
  const existing = await db.selectFrom("app_user").select("id").where("demo", "=", true).limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const users = await seedUsers(trx, passwordHash);
    const directory = await seedDirectory(trx, users);
    await seedPeople(trx, users, directory);
    await seedMeasures(trx);
    // A year of outcome data for the dashboard. DEMO_OUTCOMES=small loads about a sixth of it and DEMO_OUTCOMES=0
    // none: the browser tests' server starts with the small set, since building the outcome summaries over the
    // full year takes the embedded database a while.
    const outcomes = process.env.DEMO_OUTCOMES;
    if (outcomes !== "0")
      await seedOutcomesDemo(trx, users, directory, { size: outcomes === "small" ? "small" : "full" });
  });
  await (await import("./reports")).seedReports(db); // the archived demo report, built from the data committed above
  return true;
}
