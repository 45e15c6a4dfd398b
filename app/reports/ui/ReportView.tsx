// The HTML report: the accessible version of an archived report, drawn from its ReportModel alone (as the PDF is).
// Headings run h1 (title) → h2 (parts) → h3 (figures), every chart has its table, and nothing here computes a
// figure: it prints what the model holds.
import type { ReactNode } from "react";
import type { FigureTable } from "~/outcomes/model";
import { formatCell } from "~/outcomes/ui/text";
import { periodLabel, windowLabel } from "~/outcomes/ui/text";
import { formatDateTime } from "~/ui/format";
import type { ReportModel } from "../model";
import { reportItems } from "../presentation";
import { withheldReason } from "../summary";
import { FigureTableView } from "~/outcomes/ui/FigureTableView";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";

const partTitles: Record<string, string> = {
  headline: "Headline figures",
  reach: "Reach",
  engagement: "Engagement",
  outcomes: "Outcomes",
  equity: "Equity",
};

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="cw-report-part" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function pounds(value: number | string | null): string {
  if (typeof value === "number") return `£${value.toLocaleString("en-GB")}`;
  return formatCell(value);
}

/**
 * A part's tables as the report prints them (app/reports/presentation.ts, as the PDF does): a table with nothing to
 * show is one sentence, a measure nobody completed one line.
 */
function Items({ tables, sectionTitle }: { tables: FigureTable[]; sectionTitle?: string }) {
  const items = reportItems(tables);
  if (items.length === 0) return <p>Nothing to show for this period.</p>;
  const only = items.length === 1 ? items[0] : null;
  return (
    <>
      {items.map((item) =>
        item.kind === "table" ? (
          <FigureTableView
            key={item.table.id}
            table={item.table}
            hideTitle={only?.kind === "table" && item.table.title === sectionTitle}
          />
        ) : (
          <p key={item.id} id={item.id}>
            {item.title ? <strong>{item.title}. </strong> : null}
            {item.text}
          </p>
        ),
      )}
    </>
  );
}

export interface ReportViewProps {
  model: ReportModel;
  sha256: string;
  /** Where the PDF downloads from, and its size in bytes. */
  pdfHref: string;
  pdfBytes: number;
  /** Shown right under the report's title: a status about this report (just generated, what to do next). */
  notice?: ReactNode;
}

/** The contents list's entries, in page order: only parts that have something to show. */
function contents(model: ReportModel): { id: string; title: string }[] {
  const parts = [{ id: "summary", title: "Executive summary" }];
  if (!model.figures.withheld) {
    for (const s of model.figures.sections) parts.push({ id: `part-${s.id}`, title: s.title || partTitles[s.id] });
  }
  if (model.valueForMoney) parts.push({ id: "value-for-money", title: "Value for money" });
  if (model.quotes.length) parts.push({ id: "words", title: "In people's own words" });
  if (model.dataQuality.length) parts.push({ id: "data-quality", title: "Data quality" });
  parts.push({ id: "methods", title: "Methods" });
  return parts;
}

export function ReportView({ model, sha256, pdfHref, pdfBytes, notice }: ReportViewProps) {
  const vfm = model.valueForMoney;
  return (
    <article className="cw-report">
      <span className="nhsuk-caption-l">Outcome report</span>
      <h1>{model.title}</h1>
      {notice}
      <SummaryList>
        {[
          ["Covers", model.scope.kind === "service" ? "The whole service" : model.scope.label],
          ["Period", periodLabel(model.period)],
          ["Generated", `${formatDateTime(model.generatedAt)} by ${model.generatedBy}`],
          ["Figures as of", formatDateTime(model.figures.asOf)],
          ["Disclosure rule", model.figures.rule.name],
        ].map(([k, v]) => (
          <SummaryRow key={k} label={k}>
            {v}
          </SummaryRow>
        ))}
        <SummaryRow label="SHA-256 of the PDF">
          <code className="cw-checksum" data-testid="report-sha256">
            {sha256}
          </code>
        </SummaryRow>
      </SummaryList>
      <p>
        <a className="nhsuk-button nhsuk-button--secondary" href={pdfHref} download>
          Download the PDF ({Math.max(1, Math.round(pdfBytes / 1024))} KB)
        </a>
      </p>

      <nav className="nhsuk-contents-list" aria-label="Contents">
        <h2 className="nhsuk-u-visually-hidden">Contents</h2>
        <ol className="nhsuk-contents-list__list">
          {contents(model).map((c) => (
            <li className="nhsuk-contents-list__item" key={c.id}>
              <a className="nhsuk-contents-list__link" href={`#${c.id}`}>
                {c.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <Part id="summary" title="Executive summary">
        <ul className="nhsuk-list nhsuk-list--bullet">
          {model.summary.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
      </Part>

      {model.figures.withheld ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            No figures are published for this scope and period: {withheldReason(model.figures.withheld)} This protects
            the people supported from being identified.
          </p>
        </div>
      ) : (
        model.figures.sections.map((s) => (
          <Part key={s.id} id={`part-${s.id}`} title={s.title || partTitles[s.id]}>
            <Items tables={s.tables} sectionTitle={s.title || partTitles[s.id]} />
          </Part>
        ))
      )}

      {vfm ? (
        <Part id="value-for-money" title="Value for money">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">Cost per person, {model.period.label}</caption>
            <tbody className="nhsuk-table__body">
              {[
                ["Cost of the service in the period", pounds(vfm.cost)],
                ["Cost per person supported", pounds(vfm.perPersonSupported)],
                ["Cost per person completing", pounds(vfm.perPersonCompleting)],
                ["Cost per person with a meaningful improvement", pounds(vfm.perPersonImproved)],
              ].map(([k, v]) => (
                <tr className="nhsuk-table__row" key={k}>
                  <th scope="row" className="nhsuk-table__header">
                    {k}
                  </th>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="nhsuk-body-s">{vfm.note}</p>
        </Part>
      ) : null}

      {model.quotes.length ? (
        <Part id="words" title="In people's own words">
          <p>
            Recorded by staff with each person&apos;s consent to be quoted. Nothing that identifies anyone is shown.
          </p>
          {model.quotes.map((q, i) => (
            <figure className="cw-report-quote" key={i}>
              <blockquote>
                <p>“{q.text}”</p>
              </blockquote>
              <figcaption className="nhsuk-body-s">{q.context}</figcaption>
            </figure>
          ))}
        </Part>
      ) : null}

      {model.dataQuality.length ? (
        <Part id="data-quality" title="Data quality">
          <Items tables={model.dataQuality.map((t) => ({ ...t, id: `dq-${t.id}` }))} />
        </Part>
      ) : null}

      <Part id="methods" title="Methods">
        <h3>Measures</h3>
        {model.methods.measures.length ? (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {model.methods.measures.map((m) => (
              <li key={m.name}>
                <strong>{m.name}</strong>. {m.copyright}
              </li>
            ))}
          </ul>
        ) : (
          <p>No validated measures are reported for this period.</p>
        )}
        <h3>Statistics</h3>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {model.methods.statistics.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
        <h3>Small numbers</h3>
        <p>
          <strong>{model.methods.rule.name}.</strong> {model.methods.rule.description}
        </p>
        <h3>About this report</h3>
        <p>
          Figures for {windowLabel(model.period.from, model.period.to)}, read from the outcome summaries as they stood
          at {formatDateTime(model.figures.asOf)}: the same figures the outcome dashboard shows for the same filters.
          The PDF is a copy of this page for printing and forwarding; this web page is the accessible version. Anyone
          can check that a copy is unaltered by comparing its SHA-256 with the one above.
        </p>
      </Part>
    </article>
  );
}
