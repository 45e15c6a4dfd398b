import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { filtersToSearch } from "~/outcomes/filters";
import type { FigureTable } from "~/outcomes/model";
import { FilterForm } from "~/outcomes/ui/FilterForm";
import styles from "~/outcomes/ui/outcomes.css?url";
import { SectionContents, SectionView } from "~/outcomes/ui/SectionView";
import { asOfLabel } from "~/outcomes/ui/text";
import { viewOutcomes } from "~/outcomes/view.server";
import { ErrorSummary } from "~/ui/form";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && !data.ok ? "Error: " : ""}Outcome dashboard – Connect Well` },
];

// Filters live in the URL (a GET form), so a view can be bookmarked and shared; the loader parses them, publishes
// the view's figures and audits the view (app/outcomes/view.server.ts).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "outcomes:view");
  const view = await viewOutcomes(context.db, actorOf(guard), new URL(request.url).searchParams);
  if (!view.ok) return data(view, { status: 400 });
  return { ...view, asOfText: asOfLabel(view.figures.asOf) };
}

export default function OutcomeDashboard() {
  const view = useLoaderData<typeof loader>();
  const intro = (
    <>
      <h1>Outcome dashboard</h1>
      <p className="nhsuk-lede-text">
        Who the service reaches, how people engage, and how loneliness and wellbeing change, across Leicester,
        Leicestershire and Rutland. Aggregate figures only, with small numbers protected.
      </p>
    </>
  );

  if (!view.ok) {
    return (
      <>
        <ErrorSummary errors={view.errors} />
        {intro}
        <FilterForm
          action="/outcomes"
          options={view.options}
          periods={view.periods}
          values={view.values}
          errors={view.errors}
        />
      </>
    );
  }

  const { figures, filterWords, asOfText } = view;
  const search = filtersToSearch(figures.filters);
  const csvHref = (table: FigureTable) => `/outcomes/csv/${encodeURIComponent(table.id)}?${search}`;
  const values: Record<string, string | undefined> = { ...figures.filters };

  return (
    <>
      {intro}
      <div className="nhsuk-card">
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-card__heading nhsuk-heading-s">This view</h2>
          <SummaryList className="nhsuk-u-margin-bottom-0">
            <SummaryRow label="Period">{figures.period.label}</SummaryRow>
            <SummaryRow label="People">
              {filterWords.length > 0 ? filterWords.join("; ") : "Everyone referred (no filters)"}
            </SummaryRow>
            <SummaryRow label="Up to date">
              {asOfText.replace(/^f/, "F")}. Figures are brought up to date every few minutes.
            </SummaryRow>
            <SummaryRow label="Small numbers" valueClassName="app-figure-rule">
              <strong>{figures.rule.name}.</strong> {figures.rule.description}
            </SummaryRow>
          </SummaryList>
        </div>
      </div>

      <FilterForm action="/outcomes" options={view.options} periods={view.periods} values={values} />

      {figures.withheld ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Figures not shown for this view
            </span>
          </h2>
          <p>{figures.withheld}</p>
        </div>
      ) : (
        <>
          <SectionContents sections={figures.sections} />
          {figures.sections.map((section) => (
            <SectionView key={section.id} section={section} csvHref={csvHref} />
          ))}
        </>
      )}
    </>
  );
}
