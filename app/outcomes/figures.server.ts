// The one "outcome figures" function: the dashboard, its CSV downloads, the HTML report and the PDF all call it, so
// the same filters and data give the same published numbers everywhere (docs/decisions/0700-outcome-summaries.md).
// It reads a handful of summary rows (the view, its coarser views, its months, and the views of its equity
// breakdowns), computes statistics from their additive sums, and publishes every value through disclosure control
// before returning. Nothing person-level is read.
import { sql, type Kysely } from "kysely";
import type { Executor } from "~/audit/audit.server";
import type { DB } from "@db/types";
import { barriers, needs, referralSources } from "~/referrals/codes";
import { londonToday } from "~/calendar";
import {
  disclosureRules,
  MIN_COUNT,
  publishChangeStatistic,
  publishCount,
  publishMean,
  publishPercent,
  SUPPRESSED,
  viewWithheld,
  type DisclosureRuleCode,
  type Shown,
} from "./disclosure";
import {
  MAX_FILTERS,
  activeFilters,
  coarserViewKeys,
  dimensionInSentence,
  dimensionLabels,
  isOpenableView,
  personDimensions,
  viewKey,
  type Dimension,
} from "./dimensions";
import type {
  Cell,
  FigureColumn,
  FigureMeta,
  FigureSection,
  FigureTable,
  OutcomeFilters,
  Period,
  PublishedFigures,
} from "./model";
import { type FilterNames, loadFilterOptions } from "./options.server";
import { MIN_FOLLOW_UP_DAYS, comparedScores, type ComparedScore } from "./outcome-measures";
import { calendarMonthName, monthName, monthsOf, periodOf } from "./periods";
import { getDisclosureRule } from "./disclosure-rule.server";
import { histogramMedian, pairedChangeFromSummary, type ChangeSummary } from "./statistics";
import {
  ensureOutcomeSummaries,
  readViewSummaries,
  type KeyedCount,
  type PairSums,
  type SummaryState,
  type ViewSummary,
} from "./summaries.server";

export interface OutcomeFigureOptions {
  /** The disclosure rule to apply; by default the one an administrator chose (`getDisclosureRule`). */
  rule?: DisclosureRuleCode;
  /** The instant "today" is taken from (UK date), for validating the period. */
  now?: Date;
  /** The filter values and names the caller has already read for this request (`loadFilterOptions`), so that one
   * dashboard view reads the directory once. */
  names?: FilterNames;
  /** The summaries' state the caller has already made sure of (`ensureOutcomeSummaries`), read once per view. */
  state?: SummaryState;
}

/** The dimensions the equity section breaks the headline figures down by. */
const equityDimensions = ["district", "age", "sex", "ethnicity", "imd"] as const satisfies readonly Dimension[];

/** How many activities the group-size chart draws at once (the largest by attendance); the table lists all. */
const GROUP_SIZE_CHART_ACTIVITIES = 6;

/**
 * How many activities the group-size table lists (the largest by attendance). A whole service runs hundreds to
 * thousands of activities: a table of all of them is unreadable on the page and runs to dozens of pages in the
 * report, so the rest are a provider, category or activity filter away (docs/decisions/0916-group-size-table.md).
 */
const GROUP_SIZE_TABLE_ACTIVITIES = 25;

const ZERO: KeyedCount = [0, 0];
const cell = (x: KeyedCount | undefined) => ({ count: Number(x?.[0] ?? 0), keySum: Number(x?.[1] ?? 0) });
const trueCount = (x: KeyedCount | undefined) => Number(x?.[0] ?? 0);

const declinedByLabels: Record<string, string> = {
  person: "The person",
  provider: "The provider",
  not_recorded: "Not recorded",
};
const kindLabels: Record<string, string> = {
  direct: "Referred to an activity",
  signpost: "Signposted",
};

/** Free-text decline reasons are listed by their words only when at least MIN_COUNT declines gave them (decision 0706). */
const OTHER_REASONS = "Other reasons (each given by fewer than 8 declines, not listed)";

interface Context {
  filters: OutcomeFilters;
  period: Period;
  rule: DisclosureRuleCode;
  rows: Map<string, ViewSummary>;
  names: FilterNames;
  viewKey: string;
}

function summary(ctx: Context, key: string, periodKey = ctx.period.key): ViewSummary {
  return ctx.rows.get(`${periodKey}|${key}`) ?? {};
}

/** Whether a view (or the population behind one statistic, `measure`) must be withheld, with the reason. */
function withheldBy(ctx: Context, key: string, measure: (v: ViewSummary) => number): string | null {
  const group = measure(summary(ctx, key));
  const complements = coarserViewKeys(key).map((k) => Math.max(0, measure(summary(ctx, k)) - group));
  return viewWithheld(group, complements);
}

function meta(ctx: Context, countsBy: string, population: string, n: Cell): FigureMeta {
  return { from: ctx.period.from, to: ctx.period.to, countsBy, population, n };
}

const num = (key: string, label: string, unit?: string) => ({ key, label, numeric: true, ...(unit ? { unit } : {}) });
const text = (key: string, label: string) => ({ key, label, numeric: false });
/** The columns of a table of figures, each with its 95% confidence interval where it has one. */
const figureWithInterval = () => [
  text("figure", "Figure"),
  num("value", "Value"),
  num("low", "95% CI lower"),
  num("high", "95% CI upper"),
];

function pub(ctx: Context, x: KeyedCount | undefined): Shown {
  return publishCount(cell(x), ctx.rule);
}

/** Published counts of a tally, largest first, with the share of `whole` (a published count) each is. */
function tallyRows(
  ctx: Context,
  tally: Record<string, KeyedCount> | undefined,
  labels: Record<string, string>,
  whole: Shown,
  opts: { all?: boolean } = {},
): Cell[][] {
  const keys = opts.all ? Object.keys(labels) : Object.keys(tally ?? {});
  const rows = keys.map((k) => {
    const shown = pub(ctx, tally?.[k] ?? ZERO);
    return { label: labels[k] ?? k, shown, order: trueCount(tally?.[k]) };
  });
  rows.sort((a, b) => b.order - a.order || a.label.localeCompare(b.label));
  return rows.map((r) => [r.label, r.shown, publishPercent(r.shown, whole)]);
}

// ---------------------------------------------------------------- headline

function loneliness(ctx: Context, key: string) {
  const score = comparedScores[0];
  return publishedChange(ctx, key, score);
}

interface PublishedChange {
  n: Shown;
  withheld: string | null;
  meanBefore: Shown | null;
  meanAfter: Shown | null;
  meanChange: Shown | null;
  low: Shown | null;
  high: Shown | null;
  dz: Shown | null;
  median: Shown | null;
  p: Shown | null;
  better: Shown;
  same: Shown;
  worse: Shown;
  mbetter: Shown;
  mworse: Shown;
  inband: Shown;
  outband: Shown;
}

function changeSummaryOf(p: PairSums | undefined): ChangeSummary {
  if (!p) return { n: 0, sumBefore: 0, sumAfter: 0, sumChange: 0, sumChangeSquared: 0, histogram: [] };
  return {
    n: trueCount(p.n),
    sumBefore: Number(p.sb ?? 0),
    sumAfter: Number(p.sa ?? 0),
    sumChange: Number(p.sd ?? 0),
    sumChangeSquared: Number(p.sd2 ?? 0),
    histogram: Object.entries(p.hist ?? {}).map(([v, c]) => [Number(v), Number(c)] as [number, number]),
  };
}

/** The change figures of one score in one view, published: "*" below the minimum pairs or when the pairs' group or complement is small. */
function publishedChange(ctx: Context, key: string, score: ComparedScore): PublishedChange {
  const p = summary(ctx, key).pair?.[score.id];
  const stats = pairedChangeFromSummary(changeSummaryOf(p));
  const withheld = withheldBy(ctx, key, (v) => trueCount(v.pair?.[score.id]?.n));
  const n = stats.n;
  const decimals = score.decimals === 2 ? 2 : 1;
  const range = scoreRange(score);
  const hide = withheld !== null;
  // Change statistics to 2 decimals (as evaluations report them, e.g. −1.84), means to the score's own precision.
  const stat = (value: number | null, d = 2, bounds?: { min: number; max: number }) =>
    hide ? SUPPRESSED : publishChangeStatistic(n, value, d, bounds);
  const mean = (value: number | null) => (hide ? SUPPRESSED : publishMean(n, value, decimals, range));
  const count = (x: KeyedCount | undefined) => (hide ? SUPPRESSED : pub(ctx, x));
  const changeBounds = { min: -(range.max - range.min), max: range.max - range.min };
  return {
    n: count(p?.n),
    withheld,
    meanBefore: mean(stats.meanBefore),
    meanAfter: mean(stats.meanAfter),
    meanChange: stat(stats.meanChange, 2, changeBounds),
    low: stat(stats.ci95?.[0] ?? null),
    high: stat(stats.ci95?.[1] ?? null),
    dz: stat(stats.cohensDz, 2),
    median: score.ordinal ? stat(stats.medianChange, decimals, changeBounds) : null,
    p: score.ordinal ? stat(stats.wilcoxonP, 3) : null,
    better: count(p?.better),
    same: count(p?.same),
    worse: count(p?.worse),
    mbetter: count(p?.mbetter),
    mworse: count(p?.mworse),
    inband: count(p?.inband),
    outband: count(p?.outband),
  };
}

function scoreRange(score: ComparedScore) {
  const ranges: Record<string, { min: number; max: number }> = {
    "ucla3.total": { min: 3, max: 9 },
    "ons_loneliness.frequency": { min: 1, max: 5 },
    "djg6.total": { min: 0, max: 6 },
    "swemwbs.metric": { min: 7, max: 35 },
    "wemwbs.total": { min: 14, max: 70 },
  };
  return ranges[score.id] ?? { min: 0, max: 10 };
}

function headlineSection(ctx: Context): FigureSection {
  const v = summary(ctx, ctx.viewKey);
  const referrals = pub(ctx, v.ref?.referrals);
  const attending = pub(ctx, v.ref?.attending);
  const lonely = loneliness(ctx, ctx.viewKey);
  const rows: Cell[][] = [
    ["People referred", pub(ctx, v.ref?.people), null, null],
    ["Referrals", referrals, null, null],
    ["Self-referrals", pub(ctx, v.ref?.self), null, null],
    ["Referrals that led to attending (%)", publishPercent(attending, referrals), null, null],
    ["People attending sessions", pub(ctx, v.att?.people), null, null],
    ["People with paired loneliness scores (UCLA-3)", lonely.n, null, null],
    ["Mean change in loneliness (UCLA-3, negative is less lonely)", lonely.meanChange, lonely.low, lonely.high],
  ];
  return {
    id: "headline",
    title: "Headline figures",
    tables: [
      {
        id: "headline",
        title: "Headline figures",
        meta: meta(
          ctx,
          "referral received; session date for attendance; follow-up measure date for change",
          "people referred, their referrals and sessions, and their paired measures",
          pub(ctx, v.ref?.people),
        ),
        columns: figureWithInterval(),
        rows,
        note: lonely.withheld ?? undefined,
      },
    ],
  };
}

// ---------------------------------------------------------------- reach

function reachSection(ctx: Context): FigureSection {
  const v = summary(ctx, ctx.viewKey);
  const referrals = pub(ctx, v.ref?.referrals);
  const months = monthsOf(ctx.period);
  const refMeta = (population: string, n: Cell = referrals) => meta(ctx, "referral received", population, n);
  const byMonth = months.map((m) => {
    const mv = summary(ctx, ctx.viewKey, m);
    return [monthName(m), pub(ctx, mv.ref?.referrals), pub(ctx, mv.ref?.people), pub(ctx, mv.ref?.self)];
  });
  const seasonal = [...months]
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)) || a.localeCompare(b))
    .map((m) => [`${calendarMonthName(m)} ${m.slice(0, 4)}`, pub(ctx, summary(ctx, ctx.viewKey, m).ref?.referrals)]);
  const tally = v.ref ? (v.tally ?? {}) : {};
  const transport = pub(ctx, tally.barrier?.transport);
  // Referrals by each value of a tally, every value listed (even at zero), with each one's share of the referrals.
  // A referral may cite several needs or barriers (`cites`): those tables count the referrals citing each.
  const tallyTable = (
    id: string,
    title: string,
    first: FigureColumn,
    counts: Record<string, KeyedCount> | undefined,
    labels: Record<string, string>,
    cites?: string,
  ): FigureTable => ({
    id,
    title,
    meta: refMeta(cites ? `referrals (a referral may cite several ${cites})` : "referrals"),
    columns: [
      first,
      num("referrals", cites ? "Referrals citing it" : "Referrals"),
      num("percent", "Share of referrals", "%"),
    ],
    rows: tallyRows(ctx, counts, labels, referrals, { all: true }),
    chart: { kind: "bar", valueLabel: "Referrals", series: ["referrals"] },
  });
  const tables: FigureTable[] = [
    {
      id: "reach-summary",
      title: "People referred",
      meta: refMeta("people referred and their referrals", pub(ctx, v.ref?.people)),
      columns: [text("figure", "Figure"), num("value", "Value")],
      rows: [
        ["People referred", pub(ctx, v.ref?.people)],
        ["Referrals", referrals],
        ["Self-referrals", pub(ctx, v.ref?.self)],
        ["People who referred themselves", pub(ctx, v.ref?.selfPeople)],
        ["Referrals to an activity", pub(ctx, v.ref?.direct)],
        ["Signposting referrals", pub(ctx, v.ref?.signpost)],
        ["Referrals citing transport as a barrier", transport],
      ],
    },
    {
      id: "referrals-by-month",
      title: "Referrals by month",
      meta: refMeta("referrals"),
      columns: [
        text("month", "Month"),
        num("referrals", "Referrals"),
        num("people", "People referred"),
        num("self", "Self-referrals"),
      ],
      rows: byMonth,
      chart: { kind: "line", valueLabel: "Referrals", series: ["referrals", "self"] },
      note: "People referred in each month: someone referred in two months counts in both.",
    },
    tallyTable("referrals-by-source", "Referrals by source", text("source", "Source"), tally.source, referralSources),
    tallyTable(
      "referrals-by-kind",
      "Referrals to an activity and signposting",
      text("kind", "Kind"),
      tally.kind,
      kindLabels,
    ),
    tallyTable("needs-cited", "Needs cited on referrals", text("need", "Need"), tally.need, needs, "needs"),
    tallyTable(
      "barriers-cited",
      "Barriers cited on referrals",
      text("barrier", "Barrier"),
      tally.barrier,
      barriers,
      "barriers",
    ),
    {
      id: "seasonality",
      title: "Referrals by calendar month",
      meta: refMeta("referrals"),
      columns: [text("month", "Month"), num("referrals", "Referrals")],
      rows: seasonal,
      chart: { kind: "bar", valueLabel: "Referrals", series: ["referrals"] },
      note:
        months.length < 12
          ? "Seasonality shows best over 12 months: choose a financial year or the last 12 months."
          : undefined,
    },
  ];
  return { id: "reach", title: "Reach", tables };
}

// ---------------------------------------------------------------- engagement

function medianDays(ctx: Context, hist: Record<string, KeyedCount> | undefined) {
  const entries = Object.entries(hist ?? {});
  const n = entries.reduce((sum, [, c]) => sum + trueCount(c), 0);
  const keySum = entries.reduce((sum, [, c]) => sum + Number(c[1]), 0);
  const median = histogramMedian(entries.map(([days, c]) => [Number(days), trueCount(c)] as [number, number]));
  return { n: publishCount({ count: n, keySum }, ctx.rule), median: publishMean(n, median, 1) ?? SUPPRESSED };
}

async function groupSizeTables(
  db: Executor,
  ctx: Context,
): Promise<{ byMonth: FigureTable; byActivity: FigureTable; chart: FigureTable }> {
  const pairs = activeFilters(ctx.filters);
  const personFilter = pairs.find(([d]) => personDimensions.includes(d) || d === "source");
  const months = monthsOf(ctx.period);
  const base = (id: string, title: string) => ({
    id,
    title,
    meta: meta(ctx, "session date", "sessions held, people present from the register and drop-ins", null as Cell),
  });
  if (personFilter) {
    const reason = `Group sizes count everyone at a session, so they are shown for the provider, activity category and activity filters only, not by ${dimensionInSentence(personFilter[0])}.`;
    const empty = (id: string, title: string): FigureTable => ({
      ...base(id, title),
      columns: [],
      rows: [],
      withheld: reason,
    });
    return {
      byMonth: empty("group-size-by-month", "Group size by month"),
      chart: empty("group-size-over-time", "Group size over time by activity"),
      byActivity: empty("group-size-by-activity", "Group size by activity"),
    };
  }
  // Summed in the database: a national year holds a row per activity and month (some 24,000), while the page shows
  // the months' totals and the activities with the most attendances. Every activity tied at the cut-off comes
  // back (rank, not row number), so the order below, with its tie-breaks, picks the same ones as over every row.
  const inView = () => {
    let q = db
      .selectFrom("outcome_group_size")
      .selectAll()
      .where("month", ">=", ctx.period.from)
      .where("month", "<=", ctx.period.to);
    if (ctx.filters.provider) q = q.where("provider_id", "=", ctx.filters.provider);
    if (ctx.filters.category) q = q.where("category_code", "=", ctx.filters.category);
    if (ctx.filters.activity) q = q.where("activity_id", "=", ctx.filters.activity);
    return q;
  };
  const [monthRows, activityRows] = await Promise.all([
    db
      .with("g", inView)
      .selectFrom("g")
      .select([
        "month",
        sql<number>`sum(sessions)::int`.as("sessions"),
        sql<number>`sum(present)::int`.as("present"),
        sql<number>`sum(present_key)::int`.as("key"),
        sql<number>`sum(drop_ins)::int`.as("dropIns"),
      ])
      .groupBy("month")
      .execute(),
    db
      .with("g", inView)
      .with("a", (w) =>
        w
          .selectFrom("g")
          .select([
            "activity_id",
            sql<number>`sum(sessions)::int`.as("sessions"),
            sql<number>`sum(present + drop_ins)::int`.as("attendees"),
            sql<number>`max(largest)::int`.as("largest"),
            sql<number>`rank() over (order by sum(present + drop_ins) desc)::int`.as("rank"),
            sql<number>`count(*) over ()::int`.as("activities"),
          ])
          .groupBy("activity_id"),
      )
      .selectFrom("a")
      // The chosen activities' months by key, rather than joining back every row of the period.
      .innerJoin("outcome_group_size as g", (j) =>
        j
          .onRef("g.activity_id", "=", "a.activity_id")
          .on("g.month", ">=", ctx.period.from)
          .on("g.month", "<=", ctx.period.to),
      )
      .innerJoin("activity as x", "x.id", "a.activity_id")
      .where("a.rank", "<=", Math.max(GROUP_SIZE_CHART_ACTIVITIES, GROUP_SIZE_TABLE_ACTIVITIES))
      .select([
        "a.activity_id",
        "x.name",
        "a.sessions as total_sessions",
        "a.attendees",
        "a.largest",
        "a.activities",
        "g.month",
        "g.sessions",
        sql<number>`g.present + g.drop_ins`.as("month_attendees"),
      ])
      .execute(),
  ]);
  const monthKey = (m: string) => String(m).slice(0, 7);
  const perMonth = new Map(monthRows.map((r) => [monthKey(r.month), r]));
  const perActivity = new Map<
    string,
    {
      name: string;
      sessions: number;
      attendees: number;
      largest: number;
      months: Map<string, { sessions: number; attendees: number }>;
    }
  >();
  for (const r of activityRows) {
    const pa = perActivity.get(r.activity_id) ?? {
      name: r.name,
      sessions: r.total_sessions,
      attendees: r.attendees,
      largest: r.largest,
      months: new Map(),
    };
    pa.months.set(monthKey(r.month), { sessions: r.sessions, attendees: r.month_attendees });
    perActivity.set(r.activity_id, pa);
  }
  const activityCount = activityRows[0]?.activities ?? 0;
  const meanSize = (attendees: number, sessions: number) =>
    sessions === 0 ? null : publishMean(attendees, attendees / sessions, 1);
  const totalSessions = [...perMonth.values()].reduce((s, m) => s + m.sessions, 0);
  const byMonth: FigureTable = {
    ...base("group-size-by-month", "Group size by month"),
    meta: meta(ctx, "session date", "sessions held, people present from the register and drop-ins", totalSessions),
    columns: [
      text("month", "Month"),
      num("sessions", "Sessions held"),
      num("present", "Referred people present"),
      num("dropIns", "Drop-ins"),
      num("mean", "Mean group size"),
    ],
    rows: months.map((m) => {
      const pm = perMonth.get(m) ?? { sessions: 0, present: 0, key: 0, dropIns: 0 };
      return [
        monthName(m),
        pm.sessions,
        publishCount({ count: pm.present, keySum: pm.key }, ctx.rule),
        pm.dropIns,
        meanSize(pm.present + pm.dropIns, pm.sessions),
      ];
    }),
    chart: { kind: "line", valueLabel: "People per session", series: ["mean"] },
    note: "Sessions held and drop-ins are not about identifiable people and are shown as counted. Group size includes drop-ins.",
  };
  const activities = [...perActivity.entries()].sort(
    // Ties broken by name, then id, so the dashboard, its CSV and the report list the same activities in one order.
    (a, b) => b[1].attendees - a[1].attendees || a[1].name.localeCompare(b[1].name) || a[0].localeCompare(b[0]),
  );
  const charted = activities.slice(0, GROUP_SIZE_CHART_ACTIVITIES);
  const chart: FigureTable = {
    ...base("group-size-over-time", "Group size over time by activity"),
    meta: meta(ctx, "session date", "sessions held, the largest activities by attendance", totalSessions),
    columns: [text("month", "Month"), ...charted.map(([id, a]) => num(`a_${id.slice(0, 8)}`, a.name))],
    rows: months.map((m) => [
      monthName(m),
      ...charted.map(([, a]) => {
        const am = a.months.get(m);
        return am ? meanSize(am.attendees, am.sessions) : null;
      }),
    ]),
    chart: {
      kind: "line",
      valueLabel: "Mean people per session",
      series: charted.map(([id]) => `a_${id.slice(0, 8)}`),
    },
    note:
      activityCount > GROUP_SIZE_CHART_ACTIVITIES
        ? `The ${GROUP_SIZE_CHART_ACTIVITIES} activities with the most attendances; filter by provider, category or activity to see others.`
        : undefined,
  };
  const first = (a: (typeof activities)[number][1]) => {
    const m = months.find((x) => a.months.has(x));
    const am = m ? a.months.get(m)! : null;
    return am ? meanSize(am.attendees, am.sessions) : null;
  };
  const last = (a: (typeof activities)[number][1]) => {
    const m = [...months].reverse().find((x) => a.months.has(x));
    const am = m ? a.months.get(m)! : null;
    return am ? meanSize(am.attendees, am.sessions) : null;
  };
  const byActivity: FigureTable = {
    ...base("group-size-by-activity", "Group size by activity"),
    meta: meta(ctx, "session date", "activities with sessions held", activityCount),
    columns: [
      text("activity", "Activity"),
      num("sessions", "Sessions held"),
      num("first", "Mean group size, first month"),
      num("last", "Mean group size, latest month"),
      num("largest", "Largest session"),
    ],
    rows: activities
      .slice(0, GROUP_SIZE_TABLE_ACTIVITIES)
      .map(([, a]) => [a.name, a.sessions, first(a), last(a), a.largest >= MIN_COUNT ? a.largest : SUPPRESSED]),
    note:
      activityCount > GROUP_SIZE_TABLE_ACTIVITIES
        ? `The ${GROUP_SIZE_TABLE_ACTIVITIES} activities with the most attendances, of ${activityCount} with sessions held; filter by provider, category or activity to see the others.`
        : undefined,
  };
  return { byMonth, byActivity, chart };
}

async function engagementSection(db: Executor, ctx: Context): Promise<FigureSection> {
  const v = summary(ctx, ctx.viewKey);
  const ref = v.ref;
  const received = pub(ctx, ref?.referrals);
  const tally = v.tally ?? {};
  const stage = (label: string, x: KeyedCount | undefined) => {
    const shown = pub(ctx, x);
    return [label, shown, publishPercent(shown, received)];
  };
  const declined = pub(ctx, ref?.declined);
  // Free-text reasons: listed by their words only when given by at least MIN_COUNT declines in this view.
  const reasons = Object.entries(tally.declineReason ?? {});
  const listed = reasons.filter(([, c]) => trueCount(c) >= MIN_COUNT);
  const others = reasons.filter(([, c]) => trueCount(c) < MIN_COUNT);
  const otherCell: KeyedCount = [
    others.reduce((s, [, c]) => s + trueCount(c), 0),
    others.reduce((s, [, c]) => s + Number(c[1]), 0),
  ];
  const reasonRows: Cell[][] = listed
    .sort((a, b) => trueCount(b[1]) - trueCount(a[1]) || a[0].localeCompare(b[0]))
    .map(([reason, c]) => {
      const shown = pub(ctx, c);
      return [reason === "not_recorded" ? "Not recorded" : reason, shown, publishPercent(shown, declined)];
    });
  if (otherCell[0] > 0) {
    const shown = pub(ctx, otherCell);
    reasonRows.push([OTHER_REASONS, shown, publishPercent(shown, declined)]);
  }
  const contact = medianDays(ctx, tally.daysContact);
  const firstSession = medianDays(ctx, tally.daysFirst);
  const reply = medianDays(ctx, tally.daysReply);
  const responded = pub(ctx, ref?.responded);
  const providerAccepted = pub(ctx, ref?.providerAccepted);
  const present = pub(ctx, v.att?.present);
  const absent = pub(ctx, v.att?.absent);
  const attendedOrNot = publishCount(
    {
      count: trueCount(v.att?.present) + trueCount(v.att?.absent),
      keySum: Number(v.att?.present?.[1] ?? 0) + Number(v.att?.absent?.[1] ?? 0),
    },
    ctx.rule,
  );
  const peopleAttending = trueCount(v.att?.people);
  const perPerson =
    peopleAttending === 0 ? null : publishMean(peopleAttending, trueCount(v.att?.present) / peopleAttending, 1);
  const groups = await groupSizeTables(db, ctx);
  const refMeta = (population: string, n: Cell = received) => meta(ctx, "referral received", population, n);
  const tables: FigureTable[] = [
    {
      id: "funnel",
      title: "From referral to attending",
      meta: refMeta("referrals received in the period, by the furthest step each has reached"),
      columns: [
        text("stage", "Step"),
        num("referrals", "Referrals"),
        num("percent", "Share of referrals received", "%"),
      ],
      rows: [
        stage("Received", ref?.referrals),
        stage("Contacted", ref?.contacted),
        stage("Accepted by the provider", ref?.accepted),
        stage("Attending", ref?.attending),
        stage("Ended after attending", ref?.ended),
      ],
      chart: { kind: "bar", valueLabel: "Referrals", series: ["referrals"] },
    },
    {
      id: "declines-by-reason",
      title: "Declines by reason",
      meta: refMeta("declined referrals", declined),
      columns: [text("reason", "Reason"), num("declines", "Declines"), num("percent", "Share of declines", "%")],
      rows: reasonRows,
      note: "Reasons are written by staff in their own words; a reason is listed when at least 8 declines gave it.",
    },
    {
      id: "declines-by-whom",
      title: "Declines by who declined",
      meta: refMeta("declined referrals", declined),
      columns: [text("by", "Declined by"), num("declines", "Declines"), num("percent", "Share of declines", "%")],
      rows: tallyRows(ctx, tally.declinedBy, declinedByLabels, declined),
      chart: { kind: "bar", valueLabel: "Declines", series: ["declines"] },
    },
    {
      id: "waiting-times",
      title: "Days from referral to each step",
      meta: refMeta("referrals that reached the step", contact.n),
      columns: [text("step", "From referral to"), num("n", "Referrals"), num("median", "Median", " days")],
      rows: [
        ["First contact", contact.n, contact.median],
        ["First session attended", firstSession.n, firstSession.median],
        ["The provider's reply (referrals to an activity)", reply.n, reply.median],
      ],
    },
    {
      id: "provider-response",
      title: "Provider replies to referrals",
      meta: refMeta("referrals to an activity that the provider answered", responded),
      columns: [text("figure", "Figure"), num("value", "Value")],
      rows: [
        ["Referrals answered by the provider", responded],
        ["Accepted", providerAccepted],
        ["Acceptance rate (%)", publishPercent(providerAccepted, responded)],
        ["Median days to reply", reply.median],
      ],
    },
    {
      id: "attendance",
      title: "Attendance",
      meta: meta(ctx, "session date", "register marks of referred people at sessions held", attendedOrNot),
      columns: [text("figure", "Figure"), num("value", "Value")],
      rows: [
        ["Attendances", present],
        ["Did not attend (absent without notice)", absent],
        ["Sent apologies", pub(ctx, v.att?.excused)],
        ["People attending", pub(ctx, v.att?.people)],
        ["Attendances per person attending", perPerson],
        ["Did-not-attend rate (%)", publishPercent(absent, attendedOrNot)],
      ],
      note: "The did-not-attend rate is absences over attendances and absences; apologies are left out.",
    },
    groups.byMonth,
    groups.chart,
    groups.byActivity,
  ];
  return { id: "engagement", title: "Engagement", tables };
}

// ---------------------------------------------------------------- outcomes

/**
 * A published p value as a cell: below 0.0005 it rounds to 0 at three decimals, yet a p value is never 0, so it reads
 * "< 0.001" (the usual reporting convention); "*" and every other value as published.
 */
function pValueShown(p: Shown | null): Cell {
  return p === 0 ? "< 0.001" : p;
}

function outcomesSection(ctx: Context): FigureSection {
  const v = summary(ctx, ctx.viewKey);
  const tables: FigureTable[] = [];
  const overview: Cell[][] = [];
  for (const score of comparedScores) {
    const base = v.base?.[score.instrument];
    const baseWithheld = withheldBy(ctx, ctx.viewKey, (x) => trueCount(x.base?.[score.instrument]?.people));
    const people = baseWithheld ? SUPPRESSED : pub(ctx, base?.people);
    const followed = baseWithheld ? SUPPRESSED : pub(ctx, base?.followed);
    const c = publishedChange(ctx, ctx.viewKey, score);
    const nPairs = trueCount(v.pair?.[score.id]?.n);
    const pc = (x: Shown, of: Shown) => publishPercent(x, of, 0);
    const rows: Cell[][] = [
      ["People with a baseline", people, null, null],
      ["Of them, with a follow-up by now", followed, null, null],
      ["Paired-completion rate (%)", pc(followed, people), null, null],
      ["People with a baseline and a follow-up (pairs)", c.n, null, null],
      ["Mean at baseline", c.meanBefore, null, null],
      ["Mean at follow-up", c.meanAfter, null, null],
      ["Mean change", c.meanChange, c.low, c.high],
      ["Effect size (Cohen's d_z)", c.dz, null, null],
      ...(score.ordinal
        ? [
            ["Median change", c.median, null, null],
            ["Wilcoxon signed-rank p", pValueShown(c.p), null, null],
          ]
        : []),
      ["Improved (%)", pc(c.better, c.n), null, null],
      ["Unchanged (%)", pc(c.same, c.n), null, null],
      ["Worse (%)", pc(c.worse, c.n), null, null],
      ...(score.meaningfulChange !== undefined
        ? [
            [`Meaningful improvement, ${score.meaningfulChange} points or more (%)`, pc(c.mbetter, c.n), null, null],
            [`Meaningful deterioration, ${score.meaningfulChange} points or more (%)`, pc(c.mworse, c.n), null, null],
          ]
        : []),
      ...(score.band
        ? [
            [`At baseline: ${score.band.words}`, c.inband, null, null],
            [`Of them, no longer ${score.band.words} at follow-up (%)`, pc(c.outband, c.inband), null, null],
          ]
        : []),
    ];
    const why: string[] = [];
    if (c.withheld) why.push(c.withheld);
    else if (nPairs < 30 && nPairs > 0)
      why.push(
        "Change figures need at least 30 people with a baseline and a follow-up (Warwick's minimum), and averages at least 8: below that they are shown as *.",
      );
    if (nPairs === 0) why.push("No follow-ups in this period.");
    const id = `outcome-${score.id.replace(/[._]/g, "-")}`;
    tables.push({
      id,
      title: `${score.instrumentName}: ${score.label}`,
      meta: meta(
        ctx,
        `follow-up measure date (baseline date for people with a baseline); a follow-up counts when at least ${MIN_FOLLOW_UP_DAYS} days after the baseline`,
        "people with a baseline and a follow-up (change = follow-up − baseline)",
        c.n,
      ),
      columns: figureWithInterval(),
      rows,
      withheld: baseWithheld ?? undefined,
      note: why.join(" ") || undefined,
    });
    overview.push([score.label, c.n, c.meanChange, c.low, c.high, pc(c.better, c.n)]);
  }
  tables.unshift({
    id: "outcomes-summary",
    title: "Change in loneliness and wellbeing",
    meta: meta(ctx, "follow-up measure date", "people with a baseline and a follow-up", overview[0]?.[1] ?? null),
    columns: [
      text("measure", "Measure"),
      num("n", "Pairs"),
      num("change", "Mean change"),
      num("low", "95% CI lower"),
      num("high", "95% CI upper"),
      num("improved", "Improved", "%"),
    ],
    rows: overview,
    chart: { kind: "bar", valueLabel: "Improved (%)", series: ["improved"] },
    note: "Paired records only: each person's follow-up is compared with their own baseline.",
  });
  return { id: "outcomes", title: "Outcomes", tables };
}

// ---------------------------------------------------------------- equity

function equityKeys(filters: OutcomeFilters, dim: Dimension, values: readonly string[]): string[] | null {
  const others = activeFilters(filters).filter(([d]) => d !== dim);
  if (others.length + 1 > MAX_FILTERS) return null;
  return values.map((value) => viewKey([...others, [dim, value]]));
}

function equityValues(ctx: Context, dim: (typeof equityDimensions)[number]): { value: string; label: string }[] {
  return ctx.names[dim].map((o) => ({ value: o.value, label: o.label }));
}

function equitySection(ctx: Context): FigureSection {
  const tables: FigureTable[] = [];
  const totalPeople = pub(ctx, summary(ctx, viewKey(activeFilters(ctx.filters))).ref?.people);
  const areaPopulation = Object.values(ctx.names.population).reduce((s, n) => s + n, 0);
  for (const dim of equityDimensions) {
    const values = equityValues(ctx, dim);
    const keys = equityKeys(
      ctx.filters,
      dim,
      values.map((v) => v.value),
    );
    const id = `equity-${dim}`;
    const title = `Headline figures by ${dimensionInSentence(dim)}`;
    // A breakdown sets the view's own filter on its dimension aside (every district, with the other filters
    // kept), so the population says so: otherwise its n differs from the view's without a reason given.
    const setAside = activeFilters(ctx.filters).some(([d]) => d === dim);
    const population = setAside
      ? `people referred in every ${dimensionInSentence(dim)}, with the view's other choices kept`
      : "people referred";
    const m = meta(ctx, "referral received; follow-up measure date for change", population, totalPeople);
    const columns = [
      text("group", dimensionLabels[dim]),
      ...(dim === "district" ? [num("population", "Share of the area's population", "%")] : []),
      num("people", "People referred"),
      num("share", "Share of people referred", "%"),
      num("referrals", "Referrals"),
      num("attending", "Referrals leading to attending", "%"),
      num("lonely", "Mean change in loneliness (UCLA-3)"),
    ];
    if (!keys) {
      tables.push({
        id,
        title,
        meta: m,
        columns,
        rows: [],
        withheld: `A breakdown by ${dimensionInSentence(dim)} adds a filter: with two filters already chosen it would cross three. Remove a filter to see it.`,
      });
      continue;
    }
    // Without the breakdown's own filter: the share is of everyone else's filters.
    const whole = pub(ctx, summary(ctx, viewKey(activeFilters(ctx.filters).filter(([d]) => d !== dim))).ref?.people);
    const rows = values.map((val, i) => {
      const key = keys[i];
      const s = summary(ctx, key);
      const withheld = withheldBy(ctx, key, (x) => trueCount(x.any));
      const population =
        dim === "district" ? publishPercent(ctx.names.population[val.value] ?? 0, areaPopulation, 1) : undefined;
      if (withheld) {
        return [
          val.label,
          ...(population === undefined ? [] : [population]),
          SUPPRESSED,
          SUPPRESSED,
          SUPPRESSED,
          SUPPRESSED,
          SUPPRESSED,
        ];
      }
      const people = pub(ctx, s.ref?.people);
      const referrals = pub(ctx, s.ref?.referrals);
      const attending = pub(ctx, s.ref?.attending);
      const lonely = publishedChange(ctx, key, comparedScores[0]);
      return [
        val.label,
        ...(population === undefined ? [] : [population]),
        people,
        publishPercent(people, whole, 1),
        referrals,
        publishPercent(attending, referrals),
        lonely.meanChange,
      ];
    });
    tables.push({
      id,
      title,
      meta: { ...m, n: whole },
      columns,
      rows,
      chart: { kind: "bar", valueLabel: "Share (%)", series: dim === "district" ? ["population", "share"] : ["share"] },
      note:
        dim === "district"
          ? "Population shares are of the Census 2021 population of Leicester, Leicestershire and Rutland. A group whose share of people referred is well below its share of the population may be under-reached. A row of * covers too few people to show."
          : "A row of * covers too few people to show, or would let a small group be worked out by comparison with a wider view.",
    });
  }
  return { id: "equity", title: "Equity", tables };
}

// ---------------------------------------------------------------- the function

/** All the view keys the figures of `filters` read, in their period (the months are read separately). */
function keysToRead(filters: OutcomeFilters, names: Context["names"]): string[] {
  const own = viewKey(activeFilters(filters));
  const keys = new Set<string>([own, ...coarserViewKeys(own)]);
  for (const dim of equityDimensions) {
    const values = names[dim].map((o) => o.value);
    const rowKeys = equityKeys(filters, dim, values);
    if (!rowKeys) continue;
    keys.add(viewKey(activeFilters(filters).filter(([d]) => d !== dim)));
    for (const k of rowKeys) {
      keys.add(k);
      for (const c of coarserViewKeys(k)) keys.add(c);
    }
  }
  return [...keys];
}

/**
 * The published outcome figures of one view: `filters.period` (a period key, see app/outcomes/periods.ts) and at
 * most two population filters, an activity only alone. Returns sections headline, reach, engagement, outcomes and
 * equity, each a list of tables with stable ids, meta (window, date counted by, population, n) and a chart spec
 * where one helps. Every value has passed disclosure control (app/outcomes/disclosure.ts) under `options.rule` or
 * the administrator's choice; when the view's group, or its complement in a view one filter coarser, is too small,
 * the whole view is withheld (`withheld` set, no sections). Reads the outcome summaries, building them first if
 * there are none.
 * @throws RangeError for a malformed or future period, more than two filters or an activity with another (parse
 * URLs with `parseOutcomeFilters` first to get messages for the user instead).
 */
export async function outcomeFigures(
  db: Kysely<DB>,
  filters: OutcomeFilters,
  options: OutcomeFigureOptions = {},
): Promise<PublishedFigures> {
  const now = options.now ?? new Date();
  const period = periodOf(filters.period, londonToday(now));
  const pairs = activeFilters(filters);
  const chosen = pairs.map(([d]) => d);
  if (!isOpenableView(chosen)) {
    throw new RangeError(
      `at most ${MAX_FILTERS} filters besides the period, an activity alone: not ${chosen.join(", ")}`,
    );
  }
  const [state, rule, names] = await Promise.all([
    options.state ?? ensureOutcomeSummaries(db, now),
    options.rule ?? getDisclosureRule(db),
    options.names ?? loadFilterOptions(db, filters.activity),
  ]);
  const own = viewKey(pairs);
  // The view and its coarser views whole; the equity breakdown's rows and the months only for what they show.
  const whole = [own, ...coarserViewKeys(own)];
  const breakdown = keysToRead(filters, names).filter((k) => !whole.includes(k));
  const [rows, breakdownRows, monthRows] = await Promise.all([
    readViewSummaries(db, [period.key], whole),
    readViewSummaries(db, [period.key], breakdown, { parts: ["any", "ref"], pairScores: [comparedScores[0].id] }),
    readViewSummaries(db, monthsOf(period), [own], { parts: ["ref"] }),
  ]);
  for (const [k, v] of [...breakdownRows, ...monthRows]) rows.set(k, v);
  const ctx: Context = { filters, period, rule, rows, names, viewKey: own };
  const base: Omit<PublishedFigures, "sections"> = {
    filters,
    period,
    asOf: state.refreshedAt.toISOString(),
    rule: disclosureRules[rule],
  };
  const withheld = withheldBy(ctx, own, (v) => trueCount(v.any));
  if (withheld) return { ...base, withheld, sections: [] };
  return {
    ...base,
    sections: [
      headlineSection(ctx),
      reachSection(ctx),
      await engagementSection(db, ctx),
      outcomesSection(ctx),
      equitySection(ctx),
    ],
  };
}

/** One table of a view's published figures by its id (for a CSV download), or null when there is no such table. */
export async function outcomeTable(
  db: Kysely<DB>,
  filters: OutcomeFilters,
  tableId: string,
  options: OutcomeFigureOptions = {},
): Promise<{ figures: PublishedFigures; table: FigureTable | null }> {
  const figures = await outcomeFigures(db, filters, options);
  const table = figures.sections.flatMap((s) => s.tables).find((t) => t.id === tableId) ?? null;
  return { figures, table };
}
