// What an outcome report holds: the published figures of one view (the same function builds the dashboard's) with
// the words around them. The HTML report page and the pdfmake document are both drawn from a `ReportModel` and
// nothing else, so they cannot disagree, and the archive stores this object as the report's figures.
import type { Cell, DisclosureRuleSummary, FigureTable, Period, PublishedFigures } from "~/outcomes/model";

export type ReportScopeKind = "service" | "provider" | "activity" | "district";

export interface ReportScope {
  kind: ReportScopeKind;
  /** The provider or activity id, or the district code; absent for the whole service. */
  id?: string;
  /** "Whole service", or the provider's, activity's or district's name. */
  label: string;
}

export interface ValueForMoney {
  /** The service's cost for the period as entered by an administrator, in pounds. */
  cost: number;
  /** Per person supported, per person completing, per person with a meaningful improvement: published values. */
  perPersonSupported: Cell;
  perPersonCompleting: Cell;
  perPersonImproved: Cell;
  note: string;
}

export interface ReportQuote {
  /** The person's words as recorded with consent to quote, with nothing that identifies them. */
  text: string;
  /** Where it comes from in general terms: "a member of a seated exercise group". */
  context: string;
}

export interface MeasureCredit {
  name: string;
  /** The publisher's copyright or licence line, shown wherever the measure is reported. */
  copyright: string;
}

export interface ReportModel {
  id: string;
  title: string;
  scope: ReportScope;
  period: Period;
  /** ISO instant, and the generating user's display name. */
  generatedAt: string;
  generatedBy: string;
  /** The HTML version's path (the accessible version); the PDF links to it. */
  htmlPath: string;
  figures: PublishedFigures;
  /** The previous period's figures for the same scope (what changed), or null when there is none. */
  previous: PublishedFigures | null;
  /** The executive summary: headline figures in words and numbers, and what changed since the previous period. */
  summary: string[];
  valueForMoney: ValueForMoney | null;
  quotes: ReportQuote[];
  dataQuality: FigureTable[];
  methods: {
    measures: MeasureCredit[];
    statistics: string[];
    rule: DisclosureRuleSummary;
  };
}
