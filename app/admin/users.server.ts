import { sql, type Kysely } from "kysely";
import { conflictOn } from "~/versioned.server";
import type { DB } from "@db/types";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import type { Role } from "~/auth/roles";
import { endAllSessionsForUser } from "~/auth/session.server";

import type { UserSort } from "./users";
import { FieldError, RefusedError } from "~/errors";

export async function listUsers(
  db: Executor,
  opts: {
    sort: UserSort;
    dir: "asc" | "desc";
    page: number;
    pageSize: number;
    role?: Role;
    status?: "active" | "disabled";
  },
) {
  let q = db.selectFrom("app_user");
  if (opts.role) q = q.where("role", "=", opts.role);
  if (opts.status === "active") q = q.where("disabled_at", "is", null);
  if (opts.status === "disabled") q = q.where("disabled_at", "is not", null);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const orderColumn = opts.sort === "status" ? sql`disabled_at is not null` : sql.ref(opts.sort);
  const rows = await q
    .select(["id", "display_name", "email", "role", "district_code", "disabled_at", "created_at"])
    // Last sign-in: the start of the user's newest session (a session starts only at sign-in).
    .select((eb) =>
      eb
        .selectFrom("user_session")
        .select((s) => s.fn.max("user_session.created_at").as("at"))
        .whereRef("user_session.user_id", "=", "app_user.id")
        .as("last_signed_in_at"),
    )
    .orderBy(sql`${orderColumn} ${sql.raw(opts.dir)}`)
    .orderBy("id")
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return { total: Number(total), rows };
}

export async function getUser(db: Executor, id: string) {
  return db
    .selectFrom("app_user")
    .select(["id", "display_name", "email", "role", "district_code", "disabled_at", "created_at", "version"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function createUser(
  db: Kysely<DB>,
  actor: AuditActor,
  input: { email: string; displayName: string; role: Role; districtCode?: string; password: string },
) {
  const password_hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom("app_user")
      .select("id")
      .where(sql`lower(email)`, "=", input.email.toLowerCase())
      .executeTakeFirst();
    if (clash) throw new RefusedError("A user with this email address already exists", "email");
    const { id } = await trx
      .insertInto("app_user")
      .values({
        email: input.email,
        display_name: input.displayName,
        role: input.role,
        district_code: input.districtCode ?? null,
        password_hash,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, {
      action: "user.create",
      entityType: "app_user",
      entityId: id,
      details: { role: input.role },
    });
    return id;
  });
}

/**
 * Role, name, area and enabled state, guarded by the version the admin saw. Disabling ends every session at once.
 * Throws FieldError at "role" when an administrator would remove their own access, and ConflictError when someone
 * saved first.
 */
export async function updateUser(
  db: Kysely<DB>,
  actor: AuditActor,
  id: string,
  expectedVersion: number,
  changes: { displayName: string; role: Role; districtCode?: string; disabled: boolean },
) {
  if (actor.userId === id && (changes.disabled || changes.role !== "admin"))
    throw new FieldError("role", "You cannot remove your own administrator access or disable yourself");
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("app_user")
      .select(["role", "display_name", "district_code", "disabled_at"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return null;
    const updated = await trx
      .updateTable("app_user")
      .set({
        display_name: changes.displayName,
        role: changes.role,
        district_code: changes.districtCode ?? null,
        disabled_at: changes.disabled ? (before.disabled_at ?? sql`now()`) : null,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw await conflictOn(trx, "app_user", id);
    const changed: string[] = [];
    if (before.role !== changes.role) changed.push("role");
    if (before.display_name !== changes.displayName) changed.push("display_name");
    if ((before.district_code ?? undefined) !== changes.districtCode) changed.push("district_code");
    if (Boolean(before.disabled_at) !== changes.disabled) changed.push(changes.disabled ? "disabled" : "enabled");
    if (changes.disabled || before.role !== changes.role) await endAllSessionsForUser(trx, id);
    await audit(trx, actor, {
      action: "user.update",
      entityType: "app_user",
      entityId: id,
      details: { changed, role: changes.role },
    });
    return true;
  });
}

export async function resetPassword(db: Kysely<DB>, actor: AuditActor, id: string, password: string) {
  const password_hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("app_user")
      .set({ password_hash, updated_at: sql`now()`, version: sql`version + 1` })
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await endAllSessionsForUser(trx, id);
    await audit(trx, actor, { action: "user.password-reset", entityType: "app_user", entityId: id });
    return true;
  });
}

export async function listDistricts(db: Executor) {
  return db.selectFrom("district").select(["code", "name"]).orderBy("name").execute();
}
