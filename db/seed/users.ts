import type { Transaction } from "kysely";
import type { DB } from "../types";

export const DEMO_PASSWORD = "connect-well-demo";

export const demoUsers = [
  {
    email: "prescriber@demo.connectwell.example",
    display_name: "Priya Shah (demo)",
    role: "prescriber",
    district_code: "hinckley_bosworth",
  },
  {
    email: "coordinator@demo.connectwell.example",
    display_name: "Callum Reid (demo)",
    role: "coordinator",
    district_code: "melton",
  },
  {
    email: "lead@demo.connectwell.example",
    display_name: "Liz Morgan (demo)",
    role: "activity_lead",
    district_code: "hinckley_bosworth",
  },
  {
    email: "analyst@demo.connectwell.example",
    display_name: "Ade Okafor (demo)",
    role: "analyst",
    district_code: null,
  },
  {
    email: "commissioner@demo.connectwell.example",
    display_name: "Chris Patel (demo)",
    role: "commissioner",
    district_code: null,
  },
  { email: "admin@demo.connectwell.example", display_name: "Alex Jones (demo)", role: "admin", district_code: null },
] as const;

export type DemoUserIds = Record<(typeof demoUsers)[number]["role"], string>;

export async function seedUsers(trx: Transaction<DB>, passwordHash: string): Promise<DemoUserIds> {
  const rows = await trx
    .insertInto("app_user")
    .values(demoUsers.map((u) => ({ ...u, password_hash: passwordHash, demo: true })))
    .returning(["id", "role"])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.role, r.id])) as DemoUserIds;
}
