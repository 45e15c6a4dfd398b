import { data } from "@remix-run/node";
import { sql, type RawBuilder } from "kysely";
import { audit, type Executor } from "~/audit/audit.server";
import { actorOf, requirePermission, type Guarded } from "~/auth/guards.server";
import type { Permission } from "~/auth/roles";
import type { RequestContext } from "~/context";
import { idParam } from "~/params";
import { breakGlassPath } from "~/people/care-team";
import { OPEN_STATUSES } from "~/referrals/lifecycle";

/**
 * The legitimate relationship as SQL (docs/decisions/0800): true when `userId` is on the care team of the person
 * whose id is `personId` (a column reference or a value). A member is someone with a care team row (they recorded
 * the person, handled their self-referral, were added by a member or broke glass) or the caseworker of one of the
 * person's open referrals. The one definition: the person page, its safeguarding filter, search and every
 * person-level guard use it. The open statuses are the referral
 * lifecycle's own (`OPEN_STATUSES`, app/referrals/lifecycle.ts): this module sits above both people and referrals
 * (docs/decisions/0880), so it reads the one list.
 */
export function onCareTeamSql(
  personId: RawBuilder<unknown>,
  userId: string | RawBuilder<unknown>,
): RawBuilder<boolean> {
  return sql<boolean>`(exists (select 1 from care_team_member ctm where ctm.person_id = ${personId} and ctm.user_id = ${userId}::uuid)
    or exists (select 1 from referral ctr where ctr.person_id = ${personId} and ctr.caseworker_id = ${userId}::uuid
      and ctr.status in (${sql.join(OPEN_STATUSES.map((s) => sql.lit(s)))})))`;
}

/** Of the people `personIds`, those on whose care team `userId` is (one statement, for a list of people). */
export async function careTeamsAmong(db: Executor, personIds: readonly string[], userId: string): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("person")
    .select("person.id")
    .where(sql<boolean>`person.id = any(${[...personIds]}::uuid[])`)
    .where(onCareTeamSql(sql.ref("person.id"), userId))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Where a person-level page stands for a user: "member" (on the live record's care team), "outside", or "missing"
 * (no such person, or no such referral: the page answers its own 404). A merged record is judged by the record it
 * was merged into, which holds its care team. Pass `personId` or `referralId` (the referral's person).
 */
export async function careTeamAccess(
  db: Executor,
  userId: string,
  target: { personId: string } | { referralId: string },
): Promise<{ status: "member" | "outside"; personId: string } | { status: "missing" }> {
  const base =
    "personId" in target
      ? db.selectFrom("person").where("person.id", "=", target.personId)
      : db
          .selectFrom("referral")
          .innerJoin("person", "person.id", "referral.person_id")
          .where("referral.id", "=", target.referralId);
  const row = await base
    .select(sql<string>`coalesce(person.merged_into_id, person.id)`.as("live_id"))
    .select(onCareTeamSql(sql`coalesce(person.merged_into_id, person.id)`, userId).as("member"))
    .executeTakeFirst();
  if (!row) return { status: "missing" };
  return { status: row.member ? "member" : "outside", personId: row.live_id };
}

/** The body of the 403 answered outside a person's care team: the error page offers `breakGlass`. */
export interface OutsideCareTeam {
  message: string;
  breakGlass: string;
}

/**
 * The guard of every person-level loader and action (a person's page, its edit, refer and measure pages, a
 * referral's pages): first the role's permission (`requirePermission`: analysts and commissioners get 404), then
 * the legitimate relationship (docs/decisions/0800): the user must be on the care team of the person named by the
 * route's `personId`, or of the person a `referralId` belongs to. Outside it the refusal is audited
 * (`access.denied`, naming the person, so it is in their access history) and answers 403 with a link to the
 * break-glass page. A malformed id answers 404; an id that names nothing passes, and the page answers its own 404.
 */
export async function requirePersonAccess(
  args: { request: Request; context: RequestContext; params: Record<string, string | undefined> },
  permission: Permission,
): Promise<Guarded> {
  const { request, context, params } = args;
  const guard = await requirePermission(request, context, permission);
  const target =
    params.referralId !== undefined
      ? { referralId: idParam(params.referralId, "Referral") }
      : { personId: idParam(params.personId, "Person") };
  const { db } = context;
  const access = await careTeamAccess(db, guard.user.id, target);
  if (access.status !== "outside") return guard;
  await audit(db, actorOf(guard), {
    action: "access.denied",
    outcome: "denied",
    personId: access.personId,
    details: { path: new URL(request.url).pathname, permission, status: 403, careTeam: false },
  });
  const body: OutsideCareTeam = {
    message: "You are not on this person’s care team",
    breakGlass: breakGlassPath(access.personId),
  };
  throw data(body, { status: 403 });
}
