import type { Kysely } from "kysely";
import { preparedQuery } from "@db/prepared-query";
import type { DB } from "@db/types";
import { audit, type AuditAction, type AuditActor, type Executor } from "~/audit/audit.server";
import { actorOf, requirePermission, type Guarded } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import type { RequestContext } from "~/context";
import { notFound } from "~/errors";
import { isUuid } from "~/params";

/**
 * Whose directory entries a user may change or run: someone who leads activities works only on their own;
 * a directory administrator on all of them. Derived from permissions, not role names.
 */
export function leadsOnlyOwn(guard: Guarded): boolean {
  return can(guard.user.role, "activities:lead");
}

export interface OwnActivity {
  id: string;
  name: string;
  provider_id: string;
  provider_name: string;
  format: string;
  referral_mode: string;
  status: string;
}

// Every page of a lead's work starts here: compiled once (db/prepared-query.ts).
const activityQuery = (db: Kysely<DB>, activityId: string) =>
  db
    .selectFrom("activity as a")
    .innerJoin("provider as p", "p.id", "a.provider_id")
    .select(["a.id", "a.name", "a.provider_id", "p.name as provider_name", "a.format", "a.referral_mode", "a.status"])
    .where("a.id", "=", activityId);
const anyActivity = preparedQuery((db, p: { activityId: string }) => activityQuery(db, p.activityId));
const ledActivity = preparedQuery((db, p: { activityId: string; userId: string }) =>
  activityQuery(db, p.activityId).where((eb) =>
    eb.exists(
      eb
        .selectFrom("activity_lead as l")
        .select("l.user_id")
        .whereRef("l.activity_id", "=", "a.id")
        .where("l.user_id", "=", p.userId),
    ),
  ),
);

/**
 * The activity, if this user may work on it. Anything else — another lead's activity or an id that does not
 * exist — answers the same 404, and the attempt is recorded as denied. Give it the database, not the caller's
 * transaction, so the denial row survives the refusal.
 */
export async function requireActivityAccess(
  db: Executor,
  guard: Guarded,
  activityId: string | undefined,
  attempted: AuditAction,
): Promise<OwnActivity> {
  let found: OwnActivity | undefined;
  if (isUuid(activityId)) {
    [found] = leadsOnlyOwn(guard)
      ? await ledActivity(db, { activityId, userId: guard.user.id })
      : await anyActivity(db, { activityId });
  }
  if (!found) {
    await audit(db, actorOf(guard), {
      action: attempted,
      outcome: "denied",
      entityType: "activity",
      entityId: isUuid(activityId) ? activityId : undefined,
      details: { reason: "not_found_or_not_lead" },
    });
    notFound();
  }
  return found;
}

/**
 * Activity leads edit their own listings but do not add organisations: for them such a page does not exist. Records
 * the refused `attempted` action and ends in the 404 page; returns for everyone else.
 */
export async function refuseLeads(
  db: Executor,
  guard: Guarded,
  attempted: AuditAction,
  entityType: string,
): Promise<void> {
  if (!leadsOnlyOwn(guard)) return;
  await audit(db, actorOf(guard), {
    action: attempted,
    outcome: "denied",
    entityType,
    details: { reason: "lead_scope" },
  });
  notFound();
}

/** Records a refused look at something inside an activity (a session or referral that is not this activity's). */
export async function deniedInside(
  db: Executor,
  guard: Guarded,
  attempted: AuditAction,
  entityType: string,
  entityId: string | undefined,
): Promise<never> {
  await audit(db, actorOf(guard), {
    action: attempted,
    outcome: "denied",
    entityType,
    entityId: isUuid(entityId) ? entityId : undefined,
    details: { reason: "not_found_or_not_lead" },
  });
  return notFound();
}

/**
 * A lead's page about one thing inside one of their activities (a referral to it, one of its sessions): the user
 * leads activities, the activity is theirs (requireActivityAccess), and `find` reads the thing named by the route's
 * `param` within it. An id that is not one, or a thing of another activity, ends in the same 404 page, the attempt
 * recorded as denied against `entityType`. The refusals are recorded with the route's `context.db`.
 */
export async function requireInsideActivity<T>(
  {
    request,
    context,
    params,
  }: { request: Request; context: RequestContext; params: Record<string, string | undefined> },
  attempted: AuditAction,
  inside: {
    param: string;
    entityType: string;
    find: (actor: AuditActor, activityId: string, id: string) => Promise<T | null | undefined>;
  },
): Promise<{ guard: Guarded; activity: OwnActivity; found: T }> {
  const guard = await requirePermission(request, context, "activities:lead");
  const activity = await requireActivityAccess(context.db, guard, params.activityId, attempted);
  const id = params[inside.param];
  const found = isUuid(id) ? await inside.find(actorOf(guard), activity.id, id) : null;
  if (found === null || found === undefined) return deniedInside(context.db, guard, attempted, inside.entityType, id);
  return { guard, activity, found };
}
