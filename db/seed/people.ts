import type { Transaction } from "kysely";
import type { DB } from "../types";
import type { seedDirectory } from "./directory";
import type { DemoUserIds } from "./users";

export type DemoDirectory = Awaited<ReturnType<typeof seedDirectory>>;

// Fictional demo people, their referrals, attendance and measures: filled in by the people/referrals work.
export async function seedPeople(_trx: Transaction<DB>, _users: DemoUserIds, _directory: DemoDirectory) {}
