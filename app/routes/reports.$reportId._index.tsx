import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { openReport, reportShares, shareReport } from "~/reports/access.server";
import { CHOOSE_COMMISSIONERS } from "~/reports/sharing.server";
import { ReportView } from "~/reports/ui/ReportView";
import { formatDateTime } from "~/ui/format";
import styles from "~/reports/ui/report.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.model.title ?? "Outcome report"} – Connect Well` },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "reports:view");
  const { report, model } = await openReport(context.db, guard, params.reportId);
  const shares = await reportShares(context.db, guard, report.id);
  return {
    model,
    sha256: report.sha256,
    pdfBytes: report.pdfBytes,
    // "Check it, then share it" is for the one who may share; a commissioner given the same link reads the report.
    generated: shares !== null && new URL(request.url).searchParams.get("generated") === "1",
    shares: shares?.commissioners.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      shared: c.shared,
      sharedAt: c.sharedAt?.toISOString() ?? null,
    })),
  };
}

// A checkbox group of commissioner accounts: none, one or many ids. Whether each is an active commissioner is the
// domain's check (setReportShares), which answers at the same field.
const shareSchema = z.object({
  commissioner: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.uuid({ error: CHOOSE_COMMISSIONERS })).max(200, { error: CHOOSE_COMMISSIONERS })),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "reports:manage");
  const parsed = await readForm(request, shareSchema, { lists: ["commissioner"] });
  if (!parsed.ok) return reply(parsed);
  return attempt(parsed, async () => {
    const { added, removed } = await shareReport(context.db, guard, params.reportId, parsed.data.commissioner);
    return { ok: true as const, added: added.length, removed: removed.length };
  });
}

function ShareForm({ shares }: { shares: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["shares"]> }) {
  const { reply: result, errors, lists, busy } = useFormReply<typeof action>();
  const error = errors.commissioner;
  // After a refusal the boxes show what the user ticked, not what was saved.
  const ticked = lists.commissioner ? new Set(lists.commissioner) : null;
  return (
    <section className="cw-report-share nhsuk-u-margin-bottom-7" aria-labelledby="share-heading">
      {result && "ok" in result ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Sharing saved
            {result.added ? `: shared with ${result.added} more` : ""}
            {result.removed ? `${result.added ? "," : ":"} no longer shared with ${result.removed}` : ""}.
          </p>
        </div>
      ) : null}
      {/* Saving keeps the reader here, at the end of the report, rather than jumping back to its title. */}
      <Form method="post" noValidate preventScrollReset>
        <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={`share-hint${error ? " share-error" : ""}`}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading" id="share-heading">
                Share with commissioners
              </h2>
            </legend>
            <div className="nhsuk-hint" id="share-hint">
              Each person chosen sees this report in their list and can download its PDF. Untick someone to stop sharing
              it with them.
            </div>
            {error ? (
              <span className="nhsuk-error-message" id="share-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {error}
              </span>
            ) : null}
            {shares.length === 0 ? (
              <p>There are no active commissioner accounts. An administrator can add one.</p>
            ) : (
              <div className="nhsuk-checkboxes">
                {shares.map((c) => (
                  <div className="nhsuk-checkboxes__item" key={c.id}>
                    <input
                      className="nhsuk-checkboxes__input"
                      id={`commissioner-${c.id}`}
                      name="commissioner"
                      type="checkbox"
                      value={c.id}
                      defaultChecked={ticked ? ticked.has(c.id) : c.shared}
                      aria-describedby={c.sharedAt ? `commissioner-${c.id}-hint` : undefined}
                    />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`commissioner-${c.id}`}>
                      {c.name} ({c.email})
                      {c.sharedAt ? (
                        <span className="nhsuk-hint nhsuk-u-display-block nhsuk-u-margin-bottom-0">
                          Shared {formatDateTime(c.sharedAt)}
                        </span>
                      ) : null}
                    </label>
                  </div>
                ))}
              </div>
            )}
          </fieldset>
        </div>
        {shares.length ? (
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Save sharing
          </button>
        ) : null}
      </Form>
    </section>
  );
}

export default function ReportPage() {
  const { model, sha256, pdfBytes, shares, generated } = useLoaderData<typeof loader>();
  return (
    <>
      <Link className="nhsuk-back-link" to="/reports">
        Back to reports
      </Link>
      {/* The report's own title comes first, then the report; sharing follows it, as the notice says. */}
      <ReportView
        model={model}
        sha256={sha256}
        pdfHref={`/reports/${model.id}/pdf`}
        pdfBytes={pdfBytes}
        notice={
          generated ? (
            <div className="nhsuk-inset-text" role="status">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>
                The report has been generated and archived. Check it below, then share it at the end of the page
                {shares ? (
                  <>
                    {" "}
                    (<a href="#share-heading">go to sharing</a>)
                  </>
                ) : null}
                .
              </p>
            </div>
          ) : null
        }
      />
      {shares ? <ShareForm shares={shares} /> : null}
    </>
  );
}
