// A section of published figures (headline, reach, engagement, outcomes, equity): its heading and its tables.
import type { FigureSection, FigureTable } from "../model";
import { FigureTableView } from "./FigureTableView";

interface Props {
  section: FigureSection;
  /** The CSV link of a table, or none (the HTML report). */
  csvHref?: (table: FigureTable) => string;
}

export function SectionView({ section, csvHref }: Props) {
  return (
    <section className="app-figure-section" aria-labelledby={`section-${section.id}`}>
      <h2 id={`section-${section.id}`}>{section.title}</h2>
      {section.tables.length === 0 ? <p>No figures in this section for this view.</p> : null}
      {section.tables.map((table) => (
        <FigureTableView key={table.id} table={table} csvHref={csvHref?.(table)} />
      ))}
    </section>
  );
}

/** An in-page contents list of the sections (NHS.UK contents list). */
export function SectionContents({ sections }: { sections: FigureSection[] }) {
  return (
    <nav className="nhsuk-contents-list" role="navigation" aria-label="Sections on this page">
      <h2 className="nhsuk-u-visually-hidden">Contents</h2>
      <ol className="nhsuk-contents-list__list">
        {sections.map((s) => (
          <li key={s.id} className="nhsuk-contents-list__item">
            <a className="nhsuk-contents-list__link" href={`#section-${s.id}`}>
              {s.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
