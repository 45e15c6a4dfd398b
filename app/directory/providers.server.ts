import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { conflictOn } from "~/versioned.server";
import { audit, type AuditActor, type Executor } from "~/audit/audit.server";
import { onceByKey } from "~/idempotency.server";

/** Where the provider `p` runs an activity that `userId` leads: the providers an activity lead works with. */
export function runsActivityLedBy(userId: string) {
  return (eb: ExpressionBuilder<DB & { p: DB["provider"] }, "p">) =>
    eb.exists(
      eb
        .selectFrom("activity as a")
        .innerJoin("activity_lead as l", "l.activity_id", "a.id")
        .select("a.id")
        .whereRef("a.provider_id", "=", "p.id")
        .where("l.user_id", "=", userId),
    );
}

export interface ProviderInput {
  name: string;
  kind: string;
  description: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
}

/** Providers this user may see in the admin list: all, or those running an activity the user leads. */
export async function listProviders(db: Executor, onlyLedBy: string | null) {
  let q = db
    .selectFrom("provider as p")
    .select(["p.id", "p.name", "p.kind", "p.updated_at"])
    .select((eb) =>
      eb
        .selectFrom("activity as a")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("a.provider_id", "=", "p.id")
        .as("activities"),
    );
  if (onlyLedBy) q = q.where(runsActivityLedBy(onlyLedBy));
  return q.orderBy("p.name").execute();
}

export async function getProvider(db: Executor, id: string, onlyLedBy: string | null) {
  let q = db.selectFrom("provider as p").selectAll("p").where("p.id", "=", id);
  if (onlyLedBy) q = q.where(runsActivityLedBy(onlyLedBy));
  const provider = await q.executeTakeFirst();
  if (!provider) return null;
  let aq = db
    .selectFrom("activity as a")
    .select(["a.id", "a.name", "a.status", "a.last_checked_on"])
    .where("a.provider_id", "=", id);
  if (onlyLedBy)
    aq = aq.where((eb) =>
      eb.exists(
        eb
          .selectFrom("activity_lead as l")
          .select("l.user_id")
          .whereRef("l.activity_id", "=", "a.id")
          .where("l.user_id", "=", onlyLedBy),
      ),
    );
  return { provider, activities: await aq.orderBy("a.name").execute() };
}

/**
 * Creates a provider once per idempotency key: a double submit, even two posts at once, returns the first one's id
 * (app/idempotency.server.ts).
 */
export async function createProvider(db: Kysely<DB>, actor: AuditActor, input: ProviderInput, idempotencyKey: string) {
  const earlier = async (ex: Executor) =>
    (await ex.selectFrom("provider").select("id").where("idempotency_key", "=", idempotencyKey).executeTakeFirst())?.id;
  return onceByKey(
    "provider_idempotency_key_key",
    () => earlier(db),
    () =>
      db.transaction().execute(async (trx) => {
        const existing = await earlier(trx);
        if (existing) return existing;
        const { id } = await trx
          .insertInto("provider")
          .values({ ...input, idempotency_key: idempotencyKey })
          .returning("id")
          .executeTakeFirstOrThrow();
        await audit(trx, actor, {
          action: "provider.create",
          entityType: "provider",
          entityId: id,
          details: { kind: input.kind },
        });
        return id;
      }),
  );
}

export async function updateProvider(
  db: Kysely<DB>,
  actor: AuditActor,
  id: string,
  expectedVersion: number,
  input: ProviderInput,
) {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("provider")
      .set({ ...input, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw await conflictOn(trx, "provider", id);
    await audit(trx, actor, {
      action: "provider.update",
      entityType: "provider",
      entityId: id,
      details: { fields: Object.keys(input) },
    });
  });
}
