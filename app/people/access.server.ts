import { data } from "@remix-run/node";
import { getDb } from "@db/index";
import { audit } from "~/audit/audit.server";
import { actorOf, requirePermission, type Guarded } from "~/auth/guards.server";
import type { Permission } from "~/auth/roles";
import { idParam } from "~/params";
import { careTeamAccess } from "./care-team.server";
import { breakGlassPath } from "./care-team";

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
  args: { request: Request; context: unknown; params: Record<string, string | undefined> },
  permission: Permission,
): Promise<Guarded> {
  const { request, context, params } = args;
  const guard = await requirePermission(request, context, permission);
  const target =
    params.referralId !== undefined
      ? { referralId: idParam(params.referralId, "Referral") }
      : { personId: idParam(params.personId, "Person") };
  const db = await getDb();
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
