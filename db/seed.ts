import { hashPassword } from "../app/auth/password.server";
import type { Database } from "./connection";

export const DEMO_PASSWORD = "connect-well-demo";

export const demoUsers = [
  { email: "prescriber@demo.connectwell.example", display_name: "Priya Shah (demo)", role: "prescriber", district_code: "hinckley_bosworth" },
  { email: "coordinator@demo.connectwell.example", display_name: "Callum Reid (demo)", role: "coordinator", district_code: "melton" },
  { email: "lead@demo.connectwell.example", display_name: "Liz Morgan (demo)", role: "activity_lead", district_code: "hinckley_bosworth" },
  { email: "analyst@demo.connectwell.example", display_name: "Ade Okafor (demo)", role: "analyst", district_code: null },
  { email: "commissioner@demo.connectwell.example", display_name: "Chris Patel (demo)", role: "commissioner", district_code: null },
  { email: "admin@demo.connectwell.example", display_name: "Alex Jones (demo)", role: "admin", district_code: null },
] as const;

/** Loads the demo data once. Returns false when it was already there. */
export async function seedDemo(db: Database): Promise<boolean> {
  const existing = await db.selectFrom("app_user").select("id").where("demo", "=", true).limit(1).executeTakeFirst();
  if (existing) return false;
  const password_hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("app_user")
      .values(demoUsers.map((u) => ({ ...u, password_hash, demo: true })))
      .execute();
  });
  return true;
}
