import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { downloadReport } from "~/reports/access.server";
import { reportFileName } from "~/reports/params";

/** The archived PDF, exactly as stored (its SHA-256 is the one the report page shows). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "reports:view");
  const { report, pdf } = await downloadReport(context.db, guard, params.reportId);
  return new Response(new Blob([new Uint8Array(pdf)]), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": `attachment; filename="${reportFileName(report)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
