import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { roleLabels } from "~/auth/roles";
import { notFound } from "~/errors";
import { idParam } from "~/params";
import { actionLabel, columnLabel, detailEntries, displayValue, type SubjectTableRows } from "~/people/subject-access";
import { subjectAccessExport } from "~/people/subject-access.server";
import { formatDateTime } from "~/ui/format";
import { labelOf } from "~/labels";
import { labelledSubjectValue } from "~/person-record/subject-labels";
import { auditEntityLabels, auditOutcomeLabels } from "~/audit/trail";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";

// The page title names no one: it reaches browser history and the tab strip.
export const meta: MetaFunction = () => [{ title: "Subject access export – Connect Well" }];

/** The readable export, for printing: the same content as the JSON download. Each view is an audited export. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "subject-access:export");
  const personId = idParam(params.personId, "Person");
  const out = await subjectAccessExport(context.db, actorOf(guard), personId, "html");
  if (!out) notFound("Person");
  return { out, madeBy: guard.user.displayName };
}

function PrintButton() {
  return (
    <button type="button" className="nhsuk-button nhsuk-button--secondary app-no-print" onClick={() => window.print()}>
      Print this export
    </button>
  );
}

function sectionId(table: string) {
  return `section-${table.replace(/_/g, "-")}`;
}

function TableSection({ t }: { t: SubjectTableRows }) {
  const n = t.rows.length;
  return (
    <section aria-labelledby={sectionId(t.table)} className="app-print-section">
      <h2 id={sectionId(t.table)}>
        {t.label} <span className="app-muted">({n === 0 ? "none" : n})</span>
      </h2>
      {n === 0 ? <p>Nothing held.</p> : null}
      {t.rows.map((row, i) => (
        <div key={String(row.id ?? i)} className="app-print-row">
          <h3 className="nhsuk-heading-s">
            {t.label} {i + 1} of {n}
          </h3>
          <SummaryList>
            {Object.entries(row).map(([column, value]) => (
              <SummaryRow key={column} label={columnLabel(column)} valueClassName="app-break-anywhere">
                {displayValue(labelledSubjectValue(t.table, column, value))}
              </SummaryRow>
            ))}
          </SummaryList>
        </div>
      ))}
    </section>
  );
}

export default function SubjectAccessExportPage() {
  const { out, madeBy } = useLoaderData<typeof loader>();
  const person = out.tables.find((t) => t.table === "person")?.rows.find((r) => r.id === out.subject.personId);
  const name = person ? `${displayValue(person.given_name)} ${displayValue(person.family_name)}` : "this person";
  const rows = out.tables.reduce((sum, t) => sum + t.rows.length, 0);
  return (
    <>
      <Link className="nhsuk-back-link app-no-print" to="/admin/subject-access">
        Back to subject access request
      </Link>
      <h1 className="app-printable">Subject access export: {name}</h1>
      <p className="nhsuk-lede-text">
        Everything Connect Well holds about {name}: {rows} {rows === 1 ? "row" : "rows"} in {out.tables.length} tables,
        and {out.accessHistory.length} entries of who has seen or changed the record.
      </p>
      <SummaryList>
        <SummaryRow label="Made">
          {formatDateTime(out.generatedAt)} by {madeBy}
        </SummaryRow>
        <SummaryRow label="Record" valueClassName="app-break-anywhere">
          {out.subject.personId}
        </SummaryRow>
        <SummaryRow label="Records merged into it" valueClassName="app-break-anywhere">
          {out.subject.recordIds.length > 1 ? out.subject.recordIds.slice(1).join(", ") : "None"}
        </SummaryRow>
        <SummaryRow label="Format">{out.format}</SummaryRow>
      </SummaryList>
      <div className="app-no-print">
        <a
          className="nhsuk-button nhsuk-u-margin-right-3"
          href={`/admin/subject-access/${out.subject.personId}/json`}
          download
        >
          Download the export as JSON
        </a>
        <PrintButton />
      </div>
      <nav aria-labelledby="contents-heading" className="nhsuk-contents-list app-no-print">
        <h2 id="contents-heading" className="nhsuk-heading-m">
          Contents
        </h2>
        <ol className="nhsuk-contents-list__list">
          {out.tables.map((t) => (
            <li className="nhsuk-contents-list__item" key={t.table}>
              <a className="nhsuk-contents-list__link" href={`#${sectionId(t.table)}`}>
                {t.label} ({t.rows.length})
              </a>
            </li>
          ))}
          <li className="nhsuk-contents-list__item">
            <a className="nhsuk-contents-list__link" href="#section-access-history">
              Access history ({out.accessHistory.length})
            </a>
          </li>
        </ol>
      </nav>
      {out.tables.map((t) => (
        <TableSection key={t.table} t={t} />
      ))}
      <section aria-labelledby="section-access-history" className="app-print-section">
        <h2 id="section-access-history">
          Access history <span className="app-muted">({out.accessHistory.length})</span>
        </h2>
        <p>Who listed, opened, changed or exported the record, when, and what they did, oldest first.</p>
        <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Access history">
          <table className="nhsuk-table app-history-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Access history</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {["When", "Who", "Role", "What", "Outcome", "Details", "Request"].map((h) => (
                  <th scope="col" className="nhsuk-table__header" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {out.accessHistory.map((h, i) => (
                <tr className="nhsuk-table__row" key={i}>
                  <td className="nhsuk-table__cell">{formatDateTime(h.occurredAt)}</td>
                  <td className="nhsuk-table__cell">{h.actorName ?? "The service"}</td>
                  <td className="nhsuk-table__cell">{h.actorRole ? labelOf(roleLabels, h.actorRole) : ""}</td>
                  <td className="nhsuk-table__cell">{actionLabel(h.action)}</td>
                  <td className="nhsuk-table__cell">{labelOf(auditOutcomeLabels, h.outcome)}</td>
                  <td className="nhsuk-table__cell app-break-anywhere">
                    {detailEntries(h.details).map((d) => (
                      <span className="app-detail-line" key={d.label}>
                        {d.label}: {d.value}
                      </span>
                    ))}
                    {h.entityType && h.entityId ? (
                      <span className="app-detail-line app-muted">
                        {labelOf(auditEntityLabels, h.entityType)} {h.entityId}
                      </span>
                    ) : null}
                  </td>
                  <td className="nhsuk-table__cell app-break-anywhere">{h.requestId ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <PrintButton />
    </>
  );
}
