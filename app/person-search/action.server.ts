import { data } from "@remix-run/node";
import { actorOf, requirePermission } from "~/auth/guards.server";
import type { Permission } from "~/auth/roles";
import type { RequestContext } from "~/context";
import { sessionRemainingMs } from "~/auth/session.server";
import { searchPeople } from "./search.server";
import { searchSchema } from "~/people/search-form";
import { readOnlyResult } from "~/ui/read-only-action";
import { parseForm } from "~/forms/parse";

/**
 * The action of a page's "find a person" form. The term is posted, so names never reach a URL; the search changes
 * nothing the page's loaders read, so the page is not reloaded after it (read-only-action.ts).
 */
export async function searchAction(request: Request, context: RequestContext, permission: Permission) {
  const guard = await requirePermission(request, context, permission);
  const remainingMs = sessionRemainingMs(guard.user);
  const parsed = parseForm(searchSchema, await request.formData());
  if (!parsed.ok)
    return data(
      readOnlyResult(remainingMs, {
        errors: parsed.errors,
        values: parsed.values,
        rows: null,
        more: false,
        similar: false,
      }),
      { status: 400 },
    );
  const { rows, more, similar } = await searchPeople(context.db, actorOf(guard), parsed.data.q);
  return readOnlyResult(remainingMs, { errors: null, values: { q: parsed.data.q }, rows, more, similar });
}
