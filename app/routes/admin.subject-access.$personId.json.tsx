import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { notFound } from "~/errors";
import { idParam } from "~/params";
import { exportFileName } from "~/people/subject-access";
import { subjectAccessExport } from "~/people/subject-access.server";

/** The machine-readable export: every row about the person and their access history, as a JSON download. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "subject-access:export");
  const personId = idParam(params.personId, "Person");
  const out = await subjectAccessExport(context.db, actorOf(guard), personId, "json");
  if (!out) notFound("Person");
  const body = JSON.stringify(out, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(out.subject.personId, out.generatedAt)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
