// Creates a staff account from the command line: how the first administrator of a real deployment is made
// (there are no demo sign-ins outside demo mode). The password is read from the terminal, never an argument.
//   npm run user:create -- --email admin@example.nhs.uk --name "Sam Admin" --role admin
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { passwordProblem } from "../../app/auth/password-policy";
import { hashPassword } from "../../app/auth/password.server";
import { roles } from "../../app/auth/roles";
import { closeConnection, getDb } from "../index";
import { migrateToLatest } from "../migrate";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "admin" },
    district: { type: "string" },
  },
});
const input = z
  .object({
    email: z.string().email(),
    name: z.string().trim().min(1).max(120),
    role: z.enum(roles),
    district: z.string().optional(),
  })
  .safeParse(values);
if (!input.success) {
  console.error(
    `Usage: npm run user:create -- --email <email> --name <name> [--role ${roles.join("|")}] [--district <code>]`,
  );
  console.error(input.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n"));
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.NEW_USER_PASSWORD) return process.env.NEW_USER_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const answer = await rl.question("Password (12+ characters): ");
  rl.close();
  return answer;
}

const password = await readPassword();
const problem = passwordProblem(password, { email: input.data.email, name: input.data.name });
if (problem) {
  console.error(problem);
  process.exit(2);
}
const db = await getDb();
await migrateToLatest(db);
const { id } = await db.transaction().execute(async (trx) => {
  const row = await trx
    .insertInto("app_user")
    .values({
      email: input.data.email,
      display_name: input.data.name,
      role: input.data.role,
      district_code: input.data.district ?? null,
      password_hash: await hashPassword(password),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("audit_event")
    .values({
      action: "user.create",
      entity_type: "app_user",
      entity_id: row.id,
      details: JSON.stringify({ role: input.data.role, via: "command line" }),
    })
    .execute();
  return row;
});
console.log(`Created ${input.data.role} account ${id}`);
await closeConnection();
