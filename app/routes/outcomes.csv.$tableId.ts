import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { outcomeTableDownload } from "~/outcomes/view.server";

// One dashboard table as CSV: /outcomes/csv/<table id>?<the view's filters>. The same filters as the page give
// the same published table; the file name holds the table id and period only.
const tableIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "outcomes:view");
  const tableId = tableIdSchema.safeParse(params.tableId);
  if (!tableId.success) return plain(404, "There is no such table.");
  const result = await outcomeTableDownload(
    context.db,
    actorOf(guard),
    tableId.data,
    new URL(request.url).searchParams,
  );
  if (!result.ok) return plain(result.status, result.message);
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
