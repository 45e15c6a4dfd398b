// Outcome summaries: one row per view (period × at most two dimension values, an activity alone: 0925) holding the
// additive inputs of every published figure, computed set-based in SQL by GROUP BY GROUPING SETS over per-referral,
// per-attendance and per-response facts. Person-level rows stay inside the database: only aggregates are written or
// read. See docs/decisions/0700-outcome-summaries.md and 0704-outcome-summary-refresh.md.
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "@db/types";
import type { Executor } from "~/audit/audit.server";
import { londonDate } from "~/calendar";
import { dimensions, summaryLattice } from "./dimensions";
import { MIN_FOLLOW_UP_DAYS, comparedScores, countedInstruments } from "./outcome-measures";
import type { Period } from "./model";
import { monthsOf, periodsWithData } from "./periods";

/** A count and the sum of its records' keys modulo 256 (decision 0700: the cell-key method perturbs by it). */
export type KeyedCount = [count: number, keySum: number];

/** The stored inputs of one view in one period. Every count is a `KeyedCount`; absent means zero. */
export interface ViewSummary {
  /** Distinct people in any of the view's facts in the period: the size the disclosure check tests. */
  any?: KeyedCount;
  /** Referrals received in the period (counted by date received, UK time). */
  ref?: {
    referrals: KeyedCount;
    people: KeyedCount;
    self: KeyedCount;
    selfPeople: KeyedCount;
    direct: KeyedCount;
    signpost: KeyedCount;
    contacted: KeyedCount;
    accepted: KeyedCount;
    declined: KeyedCount;
    attending: KeyedCount;
    attendingPeople: KeyedCount;
    ended: KeyedCount;
    /** Direct referrals the provider answered, and of those accepted. */
    responded: KeyedCount;
    providerAccepted: KeyedCount;
  };
  /**
   * Referral tallies by value: `source`, `kind`, `need`, `barrier`, `declineReason`, `declinedBy`, and histograms of
   * whole days from referral received to first contact (`daysContact`), first session (`daysFirst`) and the
   * provider's reply (`daysReply`, direct referrals).
   */
  tally?: Record<string, Record<string, KeyedCount>>;
  /** Register marks in the period (counted by session date), and distinct people present. */
  att?: { present: KeyedCount; absent: KeyedCount; excused: KeyedCount; people: KeyedCount };
  /** Per instrument: distinct people with a live baseline in the period, and of them with a follow-up by now. */
  base?: Record<string, { people: KeyedCount; followed: KeyedCount }>;
  /** Per compared score (`ucla3.total`): pairs whose follow-up falls in the period. */
  pair?: Record<string, PairSums>;
}

export interface PairSums {
  n: KeyedCount;
  /** Σ baseline, Σ baseline², Σ follow-up, Σ follow-up², Σ change, Σ change² (change = follow-up − baseline). */
  sb: number;
  sb2: number;
  sa: number;
  sa2: number;
  sd: number;
  sd2: number;
  better: KeyedCount;
  same: KeyedCount;
  worse: KeyedCount;
  /** Changes of at least the published meaningful change, each way (only scores that have one). */
  mbetter: KeyedCount;
  mworse: KeyedCount;
  /** Baseline in the score's bad band, and of those out of it at follow-up. */
  inband: KeyedCount;
  outband: KeyedCount;
  /** Change (as a number in text) → number of pairs. */
  hist: Record<string, number>;
}

export interface SummaryState {
  refreshedAt: Date;
  changeMark: number;
  firstDate: string | null;
  lastDate: string | null;
  durationMs: number;
}

/** Refresh when the data changed and the summaries are older than this; and at least this often regardless. */
const REFRESH_INTERVAL_MS = 5 * 60_000;
const MAX_SUMMARY_AGE_MS = 60 * 60_000;

/** Memory each sort or hash of the rebuild may use before spilling to disk (PostgreSQL's work_mem, this transaction only). */
const REFRESH_WORK_MEM = "512MB";

// Any fixed number: one advisory lock shared by every app server, so only one rebuilds at a time.
const REFRESH_LOCK = 7_003_171;

const D = dimensions;

/**
 * The grouping sets of the summary lattice (`summaryLattice`), with extra columns appended. `equity` adds the
 * activity × person-dimension sets, for the parts an activity report's equity breakdown reads (any, ref, pair).
 */
function groupingSets(extra: readonly string[] = [], period = "period_key", equity = false): string {
  return summaryLattice(equity)
    .map((c) => `(${[period, ...c, ...extra].join(", ")})`)
    .join(",\n  ");
}

/** The view key in SQL, "district=melton&age=75", the same string `viewKey` builds in TypeScript. */
const VIEW_KEY = `concat_ws('&', ${D.map((d) => `case when grouping(${d}) = 0 then '${d}=' || ${d} end`).join(", ")})`;

const DIM_COLS = D.join(", ");

/** A metric counted per fact row: a condition (the row counts once) or `{ sum }` (the row counts that much). */
type Metric = string | { sum: string };

/**
 * Event and distinct-people counts for every view, without COUNT(DISTINCT) (docs/decisions/0790, 0885).
 *
 * Events (`events`: the fact table, unexpanded, with its date `d`): event counts add up over months, so every
 * view's events are counted once per month — each fact once, grouped by the grouping sets with the month — and a
 * period's events are the sums of its months' (0885). Facts are first collapsed per (month, extra columns, record
 * key, dimension values), since events need only Σ count and Σ count × key.
 *
 * People (`source`: the facts expanded to their periods): distinct people do not add up over months. The facts are
 * collapsed to one row per (period, person, extra columns, dimension values) holding the `people` metrics' counts.
 * Most people have one such row per period: for them a people count is a count of rows, in one pass of plain hashed
 * grouping sets without the person. Only the people with several rows in a period (two referrals to different
 * activities, a birthday between two) go through the per-person step, grouping by the sets and the person before
 * counting; the two parts are summed per view.
 *
 * Signs (0930): every fact carries `sign`, 1, or -1 for the facts last counted when a refresh computes a
 * difference. Counts and key sums are sums of signs, and a person is (survivor, sign), so their old and new
 * memberships are counted apart and the difference of a people count is exact.
 *
 * Writes `ow_cnt_{name}`: one row per (period, view, extra columns) with, per metric `m` when `events` is given,
 * `e_m` (events) and `ek_m` (Σ count × key), and for the `people` metrics `p_m` (people with a non-zero count) and
 * `pk_m` (Σ key over them); key sums are reduced modulo 256 by the caller.
 */
async function countByView(
  trx: Transaction<DB>,
  name: string,
  source: string,
  metrics: Record<string, Metric>,
  peopleOf: readonly string[],
  {
    extra = [],
    events = null,
    equity = false,
  }: { extra?: readonly string[]; events?: string | null; equity?: boolean } = {},
) {
  const ex = extra.map((e) => `${e}, `).join("");
  const count = (m: string) => {
    const def = metrics[m];
    return typeof def === "string" ? `count(*) filter (where ${def}) as "n_${m}"` : `sum(${def.sum}) as "n_${m}"`;
  };
  const pt = `ow_pt_${name}`;
  const multi = `ow_multi_${name}`;
  await exec(
    trx,
    `create temp table ${pt} on commit drop as
     select period_key, ${ex}sid, sign, key, ${DIM_COLS}, ${peopleOf.map(count).join(", ")}
     from ${source}
     group by period_key, ${ex}sid, sign, key, ${DIM_COLS}`,
  );
  await exec(
    trx,
    `create temp table ${multi} on commit drop as
     select period_key, ${ex}sid, sign from ${pt} group by period_key, ${ex}sid, sign having count(*) > 1`,
  );
  await exec(trx, `analyze ${pt}; analyze ${multi}`);
  const match = ["period_key", ...extra, "sid", "sign"].map((c) => `m.${c} = t.${c}`).join(" and ");
  const groupBy = `group by period_key, view_key${extra.map((e) => `, ${e}`).join("")}`;
  const peopleCols = peopleOf.flatMap((m) => [`p_${m}`, `pk_${m}`]);
  await exec(
    trx,
    `create temp table ow_ppl_${name} on commit drop as
     select period_key, view_key, ${ex}${peopleCols.map((c) => `sum("${c}")::bigint as "${c}"`).join(", ")}
     from (
       select period_key, ${VIEW_KEY} as view_key, ${ex}${peopleOf
         .map(
           (m) => `coalesce(sum(sign) filter (where "n_${m}" > 0 and not multi), 0) as "p_${m}",
          coalesce(sum(sign * key) filter (where "n_${m}" > 0 and not multi), 0) as "pk_${m}"`,
         )
         .join(",\n        ")}
       from (select t.*, m.sid is not null as multi from ${pt} t left join ${multi} m on ${match}) t
       group by grouping sets (${groupingSets(extra, "period_key", equity)})
       union all
       select period_key, view_key, ${ex}${peopleOf
         .map(
           (m) =>
             `coalesce(sum(sign) filter (where "y_${m}"), 0) as "p_${m}", coalesce(sum(sign * key) filter (where "y_${m}"), 0) as "pk_${m}"`,
         )
         .join(", ")}
       from (
         select period_key, ${VIEW_KEY} as view_key, ${ex}sid, sign, min(key) as key,
           ${peopleOf.map((m) => `bool_or("n_${m}" > 0) as "y_${m}"`).join(", ")}
         from ${pt} t where exists (select 1 from ${multi} m where ${match})
         group by grouping sets (${groupingSets([...extra, "sid", "sign"], "period_key", equity)})
       ) pp
       ${groupBy}
     ) u
     ${groupBy}`,
  );
  if (!events) {
    await exec(trx, `alter table ow_ppl_${name} rename to ow_cnt_${name}`);
    return;
  }
  const names = Object.keys(metrics);
  const eventCols = names.flatMap((m) => [`e_${m}`, `ek_${m}`]);
  await exec(
    trx,
    `create temp table ow_ev_${name} on commit drop as
     select p.period_key, m.view_key, ${extra.map((e) => `m.${e}, `).join("")}${eventCols
       .map((c) => `sum(m."${c}")::bigint as "${c}"`)
       .join(", ")}
     from (
       select month, ${VIEW_KEY} as view_key, ${ex}${names
         .map((m) => `sum("n_${m}" * sign) as "e_${m}", sum("n_${m}" * sign * key) as "ek_${m}"`)
         .join(", ")}
       from (
         select month, ${ex}key, sign, ${DIM_COLS}, ${names.map(count).join(", ")}
         from ${inListedMonths(events)}
         group by month, ${ex}key, sign, ${DIM_COLS}
       ) c
       group by grouping sets (${groupingSets(extra, "month", equity)})
     ) m join ow_period p on p.month = m.month
     group by p.period_key, m.view_key${extra.map((e) => `, m.${e}`).join("")}`,
  );
  const keys = ["period_key", "view_key", ...extra];
  await exec(
    trx,
    `create temp table ow_cnt_${name} on commit drop as
     select ${keys.map((k) => `coalesce(e.${k}, q.${k}) as ${k}`).join(", ")},
       ${[...eventCols.map((c) => `coalesce(e."${c}", 0) as "${c}"`), ...peopleCols.map((c) => `coalesce(q."${c}", 0) as "${c}"`)].join(", ")}
     from ow_ev_${name} e full join ow_ppl_${name} q on ${keys.map((k) => `e.${k} = q.${k}`).join(" and ")}`,
  );
}

/** An event count of `countByView`'s table as a keyed count (JSON `[count, keySum % 256]`). */
const events = (m: string) => `jsonb_build_array("e_${m}", "ek_${m}" % 256)`;
/** A distinct-people count of `countByView`'s table as a keyed count. */
const people = (m: string) => `jsonb_build_array("p_${m}", "pk_${m}" % 256)`;

/** Facts expanded to every period they fall in (a month, its quarter, financial year and last-12 windows). */
const expanded = (table: string, where = "true") =>
  `(select p.period_key, f.* from ${table} f join ow_period p on p.month = date_trunc('month', f.d)::date where ${where}) x`;

/** Facts dated in a listed month, each once with its `month` ('YYYY-MM-01'): what event counts are grouped by (0885). */
const inListedMonths = (table: string) =>
  `(select date_trunc('month', d)::date as month, * from ${table}
    where date_trunc('month', d)::date in (select month from ow_period)) f`;

/** What `traceRebuildStatements` reports of one statement of a rebuild. */
export interface RebuildStatement {
  /** The statement's first words, whitespace collapsed (at most 100 characters): what it creates or inserts. */
  step: string;
  /** Wall time of the statement, in milliseconds. */
  ms: number;
  /** The whole statement. */
  sql: string;
  /** With `explain`, PostgreSQL's EXPLAIN ANALYZE of it (the statement still runs, once). */
  plan?: string;
}

let statementTrace: { explain: boolean; report: (s: RebuildStatement) => void } | null = null;

/**
 * Reports each statement of every later rebuild in this process to `report` (for measuring the rebuild: bench/
 * summary-rebuild.ts), with its EXPLAIN ANALYZE when `explain` is set (PostgreSQL only); `null` stops. Statements
 * carry no personal data: they are the rebuild's fixed SQL.
 */
export function traceRebuildStatements(
  trace: { explain?: boolean; report: (s: RebuildStatement) => void } | null,
): void {
  statementTrace = trace ? { explain: trace.explain ?? false, report: trace.report } : null;
}

async function exec(db: Executor, text: string) {
  if (!statementTrace) {
    await sql.raw(text).execute(db);
    return;
  }
  const trace = statementTrace;
  const step = text.replace(/\s+/g, " ").trim().slice(0, 100);
  const explainable = trace.explain && /^\s*(create temp table \w+ on commit drop as|insert|delete)/i.test(text);
  const started = performance.now();
  if (explainable) {
    const { rows } = await sql.raw<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${text}`).execute(db);
    const ms = Math.round(performance.now() - started);
    trace.report({ step, ms, sql: text, plan: rows.map((r) => r["QUERY PLAN"]).join("\n") });
  } else {
    await sql.raw(text).execute(db);
    trace.report({ step, ms: Math.round(performance.now() - started), sql: text });
  }
}

/** Months as dates, first inclusive and end exclusive ('YYYY-MM-01'). */
interface MonthRange {
  from: string;
  to: string;
}

/**
 * The facts' columns, as the temporary tables hold them (each with `sign` too) and as `outcome_fact_*` keeps them
 * (migration 20261130T1100): a referral; a referral's register marks in a month; a baseline; a pair, per score.
 */
const FACT_COLUMNS = {
  ref: [
    "id",
    "sid",
    "key",
    "d",
    ...D,
    "kind",
    "contacted",
    "accepted",
    "declined",
    "declined_by",
    "decline_reason",
    "responded",
    "attending",
    "ended",
    "days_contact",
    "days_first",
    "days_reply",
    "needs",
    "barriers",
  ],
  att: ["sid", "key", ...D, "d", "present", "absent", "excused"],
  base: ["sid", "key", ...D, "d", "instrument", "followed"],
  pair: [
    "sid",
    "key",
    ...D,
    "d",
    "score",
    "b",
    "a",
    "ch",
    "better",
    "same",
    "worse",
    "mbetter",
    "mworse",
    "inband",
    "outband",
  ],
} as const;
type FactTable = keyof typeof FACT_COLUMNS;
const FACT_TABLES = Object.keys(FACT_COLUMNS) as FactTable[];

/**
 * Builds the per-referral, per-attendance and per-response facts from the records, in temporary tables `ow_ref`,
 * `ow_att`, `ow_base` and `ow_pair`, each row with `sign` 1: every fact (`all`), or (`people`) only the facts of the
 * survivors listed in `ow_people` (every referral of theirs and of the records merged into them).
 */
async function buildFacts(trx: Transaction<DB>, scope: "all" | "people") {
  const some = scope === "people";
  await exec(
    trx,
    `create temp table ow_survivor on commit drop as
     select s.id as sid, s.record_key::int as key,
       s.date_of_birth as dob,
       coalesce(s.district_code, 'none') as district,
       case when s.sex in ('female', 'male') then s.sex else 'other' end as sex,
       case
         when s.ethnicity like 'asian\\_%' then 'asian'
         when s.ethnicity like 'black\\_%' then 'black'
         when s.ethnicity like 'mixed\\_%' then 'mixed'
         when s.ethnicity like 'white\\_%' then 'white'
         when s.ethnicity like 'other\\_%' then 'other'
         else 'unknown' end as ethnicity,
       coalesce(s.imd_quintile, (s.imd_decile + 1) / 2)::text as imd
     from person s where s.merged_into_id is null${some ? " and s.id in (select sid from ow_people)" : ""}`,
  );
  await exec(trx, `alter table ow_survivor add primary key (sid)`);
  // One row per referral, with the person's details at the date received (merged records follow their survivor).
  await exec(
    trx,
    `create temp table ow_ref on commit drop as
     select r.id, s.sid, s.key, q.d,
       s.district,
       coalesce(a.provider_id::text, 'none') as provider,
       coalesce(a.category_code, 'none') as category,
       coalesce(r.activity_id::text, 'none') as activity,
       r.source,
       case when q.age < 50 then '18' when q.age < 65 then '50' when q.age < 75 then '65' else '75' end as age,
       s.sex, s.ethnicity, coalesce(s.imd, 'none') as imd,
       r.kind,
       r.contacted_at is not null as contacted,
       (r.first_attended_on is not null
         or exists (select 1 from referral_event e where e.referral_id = r.id and e.to_status = 'accepted')) as accepted,
       r.status = 'declined' as declined,
       r.declined_by, r.decline_reason,
       r.kind = 'direct' and r.provider_responded_at is not null as responded,
       r.first_attended_on is not null as attending,
       r.ended_at is not null and r.first_attended_on is not null as ended,
       (r.contacted_at at time zone 'Europe/London')::date - q.d as days_contact,
       r.first_attended_on - q.d as days_first,
       case when r.kind = 'direct' then (r.provider_responded_at at time zone 'Europe/London')::date - q.d end as days_reply,
       r.needs, r.barriers, 1 as sign
     from referral r
     join person p on p.id = r.person_id
     join ow_survivor s on s.sid = coalesce(p.merged_into_id, p.id)
     left join activity a on a.id = r.activity_id
     cross join lateral (select (r.received_at at time zone 'Europe/London')::date as d) q0
     cross join lateral (select q0.d, extract(year from age(q0.d, s.dob))::int as age) q
     ${
       some
         ? `where r.person_id in (
         select id from person where id in (select sid from ow_people)
         union all select id from person where merged_into_id in (select sid from ow_people))
       -- A referral moved onto a listed survivor after they were listed (a merge committed meanwhile) is left for the
       -- next refresh, which lists the survivor it was counted under too: its old facts are not subtracted here.
       and not exists (select 1 from outcome_fact_ref f where f.id = r.id and f.sid not in (select sid from ow_people))`
         : ""
     }`,
  );
  // With the sign: a difference holds a referral's new facts (1) and those last counted (-1).
  await exec(trx, `alter table ow_ref add primary key (id, sign)`);
  await exec(trx, `analyze ow_ref`);
  const refDims = `ref.sid, ref.key, ${D.map((d) => `ref.${d}`).join(", ")}`;
  await exec(
    trx,
    // Register marks per referral and month (the largest table, so summed before it is expanded to views).
    `create temp table ow_att on commit drop as
     select ${refDims}, m.d, m.present, m.absent, m.excused, 1 as sign
     from (
       select t.referral_id, date_trunc('month', x.session_date)::date as d,
         count(*) filter (where t.status = 'present')::int as present,
         count(*) filter (where t.status = 'absent')::int as absent,
         count(*) filter (where t.status = 'excused')::int as excused
       from attendance t
       join activity_session x on x.id = t.session_id and x.status <> 'cancelled'
       ${some ? "where t.referral_id in (select id from ow_ref)" : ""}
       group by 1, 2) m
     join ow_ref ref on ref.id = m.referral_id`,
  );
  const instruments = countedInstruments.map((c) => `'${c}'`).join(", ");
  // Each referral's latest live follow-up or exit per instrument, in one sorted pass (a lookup per baseline cost
  // a correlated index probe each). A baseline is followed when that latest one is at least MIN_FOLLOW_UP_DAYS
  // after it: if the latest is not, no earlier one is, and when it is, it is the pair's follow-up.
  await exec(
    trx,
    `create temp table ow_follow on commit drop as
     select distinct on (f.referral_id, f.instrument_code) f.referral_id, f.instrument_code, f.administered_on, f.scores
     from measure_response f
     where f.time_point in ('follow_up', 'exit') and f.entered_in_error_at is null
       and f.instrument_code in (${instruments}) and f.referral_id in (select id from ow_ref)
     order by f.referral_id, f.instrument_code, f.administered_on desc, f.recorded_at desc, f.id desc`,
  );
  await exec(trx, `alter table ow_follow add primary key (referral_id, instrument_code)`);
  const followedBy = (b: string) =>
    `f.referral_id = ${b}.referral_id and f.instrument_code = ${b}.instrument_code
     and f.administered_on >= ${b}.administered_on + ${MIN_FOLLOW_UP_DAYS}`;
  await exec(
    trx,
    `create temp table ow_base on commit drop as
     select ${refDims}, b.administered_on as d, b.instrument_code as instrument, f.referral_id is not null as followed,
       1 as sign
     from measure_response b join ow_ref ref on ref.id = b.referral_id
     left join ow_follow f on ${followedBy("b")}
     where b.time_point = 'baseline' and b.entered_in_error_at is null and b.instrument_code in (${instruments})`,
  );
  // A pair: the referral's live baseline and its latest live follow-up or exit at least MIN_FOLLOW_UP_DAYS later.
  await exec(
    trx,
    `create temp table ow_pair_raw on commit drop as
     select ${refDims}, f.administered_on as d, b.instrument_code as instrument, b.scores as bs, f.scores as fs
     from measure_response b join ow_ref ref on ref.id = b.referral_id
     join ow_follow f on ${followedBy("b")}
     where b.time_point = 'baseline' and b.entered_in_error_at is null and b.instrument_code in (${instruments})`,
  );
  const perScore = comparedScores.map((c) => {
    const b = `(bs ->> '${c.score}')::numeric`;
    const a = `(fs ->> '${c.score}')::numeric`;
    const better = c.lowerIsBetter ? "<" : ">";
    const worse = c.lowerIsBetter ? ">" : "<";
    const m = c.meaningfulChange;
    return `select sid, key, ${DIM_COLS}, d, '${c.id}' as score, b, a, ch,
        ch ${better} 0 as better, ch = 0 as same, ch ${worse} 0 as worse,
        ${m === undefined ? "false" : `ch ${better}= ${c.lowerIsBetter ? -m : m}`} as mbetter,
        ${m === undefined ? "false" : `ch ${worse}= ${c.lowerIsBetter ? m : -m}`} as mworse,
        ${c.band ? c.band.sql("b") : "false"} as inband,
        ${c.band ? `${c.band.sql("b")} and not (${c.band.sql("a")})` : "false"} as outband, 1 as sign
      from (select *, ${b} as b, ${a} as a, round(${a} - ${b}, ${c.decimals}) as ch
            from ow_pair_raw where instrument = '${c.instrument}') s
      where b is not null and a is not null`;
  });
  await exec(trx, `create temp table ow_pair on commit drop as ${perScore.join("\nunion all\n")}`);
}

/** The first and last dates any fact built from the records counts by ('YYYY-MM-DD'), or nulls when there is none. */
async function factDates(trx: Transaction<DB>) {
  const { rows } = await sql<{ first: string | null; last: string | null }>`
    select min(d)::text as first, max(d)::text as last from (
      select d, sign from ow_ref union all select d, sign from ow_att union all select d, sign from ow_base
      union all select d, sign from ow_pair
    ) f where sign = 1`.execute(trx);
  return { first: rows[0]?.first ?? null, last: rows[0]?.last ?? null };
}

/**
 * Lists in `ow_people` the survivors whose facts a change may have moved: the records the change log names, their
 * survivors now, and the survivors their referrals were last counted under (a merge or unmerge moves referrals
 * between survivors). Returns how many.
 */
async function listTouchedPeople(trx: Transaction<DB>): Promise<number> {
  await exec(
    trx,
    `create temp table ow_people on commit drop as
     with logged as (select distinct person_id as id from ow_touched_person),
     survivors as (
       select id from logged
       union select coalesce(p.merged_into_id, p.id) from person p join logged l on l.id = p.id)
     select id as sid from survivors
     union
     select f.sid from outcome_fact_ref f where f.id in (
       select r.id from referral r where r.person_id in (
         select id from survivors union all select p.id from person p join survivors v on p.merged_into_id = v.id))`,
  );
  await exec(trx, `alter table ow_people add primary key (sid)`);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ow_people`.execute(trx);
  return rows[0]?.n ?? 0;
}

const factCols = (t: FactTable) => FACT_COLUMNS[t].join(", ");

/** Adds to the fact tables, with `sign` -1, the facts last counted for the people in `ow_people`. */
async function addCountedFacts(trx: Transaction<DB>) {
  for (const t of FACT_TABLES) {
    await exec(
      trx,
      `insert into ow_${t} (${factCols(t)}, sign)
       select ${factCols(t)}, -1 from outcome_fact_${t} where sid in (select sid from ow_people)`,
    );
  }
}

/**
 * Keeps the facts just counted (`sign` 1) as the ones the summaries now hold: all of them (`all`), or in place of
 * those of the people in `ow_people`.
 */
async function keepCountedFacts(trx: Transaction<DB>, scope: "all" | "people") {
  for (const t of FACT_TABLES) {
    await exec(
      trx,
      scope === "all"
        ? `truncate outcome_fact_${t}`
        : `delete from outcome_fact_${t} where sid in (select sid from ow_people)`,
    );
    await exec(trx, `insert into outcome_fact_${t} (${factCols(t)}) select ${factCols(t)} from ow_${t} where sign = 1`);
  }
}

/** Loads the kept facts dated in `range` into the fact tables, with `sign` 1: what a period not yet built is built from. */
async function loadCountedFacts(trx: Transaction<DB>, range: MonthRange) {
  for (const t of FACT_TABLES) {
    await exec(
      trx,
      `create temp table ow_${t} on commit drop as
       select ${factCols(t)}, 1 as sign from outcome_fact_${t} where d >= '${range.from}' and d < '${range.to}'`,
    );
  }
}

/** Drops this rebuild's work tables (not the copied change logs), so the next stage can build its own. */
async function dropWorkTables(trx: Transaction<DB>) {
  const { rows } = await sql<{ name: string }>`
    select relname as name from pg_class
    where relnamespace = pg_my_temp_schema() and relkind = 'r' and relname like 'ow\\_%' and relname not like 'ow\\_touched%'`.execute(
    trx,
  );
  if (rows.length) await exec(trx, `drop table ${rows.map((r) => r.name).join(", ")}`);
}

/**
 * Adds the difference `buildParts` computed from signed facts (new facts minus those last counted) to the stored
 * summaries: each changed view's row is updated with `outcome_summary_add` (migration 20261130T1100), a view first
 * seen is inserted, and a view left with no facts is deleted. Views whose difference is zero are not written.
 */
async function addDifference(trx: Transaction<DB>) {
  await exec(
    trx,
    `create temp table ow_difference on commit drop as
     select period_key, view_key, jsonb_object_agg(part, data) as data from ow_part
     where jsonb_path_exists(data, 'strict $.** ? (@.type() == "number" && @ != 0)')
     group by 1, 2`,
  );
  await exec(
    trx,
    `update outcome_summary s set figures = outcome_summary_add(s.figures, d.data)
     from ow_difference d where s.period_key = d.period_key and s.view_key = d.view_key`,
  );
  await exec(
    trx,
    `insert into outcome_summary (period_key, view_key, figures)
     select d.period_key, d.view_key, outcome_summary_add(null, d.data) from ow_difference d
     where not exists (select 1 from outcome_summary s where s.period_key = d.period_key and s.view_key = d.view_key)`,
  );
  await exec(
    trx,
    `delete from outcome_summary s using ow_difference d
     where s.period_key = d.period_key and s.view_key = d.view_key and s.figures = '{}'::jsonb`,
  );
}

/** Lists the periods to build, each with its months, in `ow_period` (facts join it by month). */
async function writePeriods(trx: Transaction<DB>, periods: readonly Period[]) {
  const keys: string[] = [];
  const months: string[] = [];
  for (const p of periods) {
    for (const m of monthsOf(p)) {
      keys.push(p.key);
      months.push(`${m}-01`);
    }
  }
  await exec(trx, `create temp table ow_period (period_key text not null, month date not null) on commit drop`);
  if (keys.length) {
    await sql`insert into ow_period select * from unnest(${keys}::text[], ${months}::date[])`.execute(trx);
  }
  await exec(trx, `create index on ow_period (month)`);
}

async function buildParts(trx: Transaction<DB>) {
  await exec(
    trx,
    `create temp table ow_part (period_key text not null, view_key text not null, part text not null, data jsonb not null) on commit drop`,
  );
  await countByView(
    trx,
    "ref",
    expanded("ow_ref"),
    {
      referrals: "true",
      self: "source = 'self'",
      direct: "kind = 'direct'",
      signpost: "kind = 'signpost'",
      contacted: "contacted",
      accepted: "accepted",
      declined: "declined",
      attending: "attending",
      ended: "ended",
      responded: "responded",
      providerAccepted: "responded and accepted",
    },
    ["referrals", "self", "attending"],
    { events: "ow_ref", equity: true },
  );
  await exec(
    trx,
    `insert into ow_part (period_key, view_key, part, data)
     select period_key, view_key, 'ref', jsonb_build_object(
       'referrals', ${events("referrals")}, 'people', ${people("referrals")},
       'self', ${events("self")}, 'selfPeople', ${people("self")},
       'direct', ${events("direct")}, 'signpost', ${events("signpost")},
       'contacted', ${events("contacted")}, 'accepted', ${events("accepted")}, 'declined', ${events("declined")},
       'attending', ${events("attending")}, 'attendingPeople', ${people("attending")}, 'ended', ${events("ended")},
       'responded', ${events("responded")}, 'providerAccepted', ${events("providerAccepted")})
     from ow_cnt_ref`,
  );

  await countByView(
    trx,
    "att",
    expanded("ow_att"),
    {
      present: { sum: "present" },
      absent: { sum: "absent" },
      excused: { sum: "excused" },
    },
    ["present"],
    { events: "ow_att" },
  );
  await exec(
    trx,
    `insert into ow_part (period_key, view_key, part, data)
     select period_key, view_key, 'att', jsonb_build_object('present', ${events("present")},
       'absent', ${events("absent")}, 'excused', ${events("excused")}, 'people', ${people("present")})
     from ow_cnt_att`,
  );

  // Tallies: one row per (referral, name, value), grouped with the value as an extra column, then nested.
  const tallies = [
    ["source", "source"],
    ["kind", "kind"],
    ["need", "unnest(needs)"],
    ["barrier", "unnest(barriers)"],
    ["declineReason", "coalesce(decline_reason, 'not_recorded')", "declined"],
    ["declinedBy", "coalesce(declined_by, 'not_recorded')", "declined"],
    ["daysContact", "days_contact::text", "days_contact >= 0"],
    ["daysFirst", "days_first::text", "days_first >= 0"],
    ["daysReply", "days_reply::text", "days_reply >= 0"],
  ];
  // Tallies are event counts, so they add up over months: every view's values are counted once per month (each
  // referral once, not once per period it falls in), and a period's tallies are the sums of its months' (0885).
  // One statement per tally, so each one's groups fit in memory and are hashed rather than sorted on disk.
  await exec(trx, `create temp table ow_ref_month on commit drop as select * from ${inListedMonths("ow_ref")}`);
  await exec(
    trx,
    `create temp table ow_tally (period_key text not null, view_key text not null, t_name text not null, vals jsonb not null) on commit drop`,
  );
  for (const [name, value, where] of tallies) {
    await exec(
      trx,
      `insert into ow_tally (period_key, view_key, t_name, vals)
       select period_key, view_key, '${name}', jsonb_object_agg(t_value, jsonb_build_array(c, k)) from (
         select p.period_key, m.view_key, m.t_value, sum(m.c)::bigint as c, (sum(m.k) % 256)::bigint as k
         from (
           select month, ${VIEW_KEY} as view_key, t_value, sum(c) as c, sum(k) as k
           from (
             select month, ${DIM_COLS}, t_value, sum(sign) as c, sum(sign * key) as k
             from (select month, ${DIM_COLS}, key, sign, ${value} as t_value from ow_ref_month where ${where ?? "true"}) x
             where t_value is not null
             group by month, ${DIM_COLS}, t_value
           ) x
           group by grouping sets (${groupingSets(["t_value"], "month")})
         ) m join ow_period p on p.month = m.month
         group by 1, 2, 3
       ) g group by 1, 2`,
    );
  }
  await exec(
    trx,
    `insert into ow_part (period_key, view_key, part, data)
     select period_key, view_key, 'tally', jsonb_object_agg(t_name, vals) from ow_tally group by 1, 2`,
  );

  await countByView(
    trx,
    "base",
    expanded("ow_base"),
    { people: "true", followed: "followed" },
    ["people", "followed"],
    { extra: ["instrument"] },
  );
  await exec(
    trx,
    `insert into ow_part (period_key, view_key, part, data)
     select period_key, view_key, 'base', jsonb_object_agg(instrument,
       jsonb_build_object('people', ${people("people")}, 'followed', ${people("followed")}))
     from ow_cnt_base group by 1, 2`,
  );

  // The pairs' sums and change histograms are event sums too: counted once per month under the grouping sets and
  // summed into periods, like the tallies (0885), rather than grouped once per period each pair falls in (0926).
  await exec(trx, `create temp table ow_pair_month on commit drop as select * from ${inListedMonths("ow_pair")}`);
  await exec(
    trx,
    `create temp table ow_pair_hist on commit drop as
     select period_key, view_key, score, jsonb_object_agg(ch::text, c) as hist from (
       select p.period_key, m.view_key, m.score, m.ch, sum(m.c)::bigint as c
       from (
         select month, ${VIEW_KEY} as view_key, score, ch, sum(sign) as c
         from ow_pair_month
         group by grouping sets (${groupingSets(["score", "ch"], "month", true)})
       ) m join ow_period p on p.month = m.month
       group by 1, 2, 3, 4
     ) g group by 1, 2, 3`,
  );
  // Per month: each count and its key sum (reduced modulo 256 once summed into the period), and the plain sums.
  const counted = ["n", "better", "same", "worse", "mbetter", "mworse", "inband", "outband"];
  const monthCount = (name: string) => {
    const where = name === "n" ? "true" : name;
    return `coalesce(sum(sign) filter (where ${where}), 0) as "${name}", coalesce(sum(sign * key) filter (where ${where}), 0) as "${name}_k"`;
  };
  const sums = { sb: "b", sb2: "b * b", sa: "a", sa2: "a * a", sd: "ch", sd2: "ch * ch" };
  await exec(
    trx,
    `insert into ow_part (period_key, view_key, part, data)
     select g.period_key, g.view_key, 'pair', jsonb_object_agg(g.score, g.data || jsonb_build_object('hist', h.hist)) from (
       select p.period_key, m.view_key, m.score, jsonb_build_object(
         ${[
           ...counted.map((c) => `'${c}', jsonb_build_array(sum(m."${c}"), sum(m."${c}_k") % 256)`),
           ...Object.keys(sums).map((k) => `'${k}', sum(m.${k})`),
         ].join(", ")}) as data
       from (
         select month, ${VIEW_KEY} as view_key, score,
           ${[...counted.map(monthCount), ...Object.entries(sums).map(([k, e]) => `sum(sign * ${e}) as ${k}`)].join(", ")}
         from ow_pair_month
         group by grouping sets (${groupingSets(["score"], "month", true)})
       ) m join ow_period p on p.month = m.month
       group by 1, 2, 3
     ) g join ow_pair_hist h using (period_key, view_key, score)
     group by 1, 2`,
  );

  // Everyone in any of the view's facts: the group whose size (and whose complement's) decides if it may be shown.
  // Read from the facts already collapsed per person and period where there are some.
  const anyRows = [
    ...["ow_pt_ref", "ow_pt_att", "ow_pt_base"].map((t) => `select period_key, sid, sign, key, ${DIM_COLS} from ${t}`),
    `select period_key, sid, sign, key, ${DIM_COLS} from ${expanded("ow_pair")}`,
  ].join("\nunion all\n");
  await countByView(trx, "any", `(${anyRows}) x`, { any: "true" }, ["any"], { equity: true });
  await exec(
    trx,
    `insert into ow_part (period_key, view_key, part, data)
     select period_key, view_key, 'any', ${people("any")} from ow_cnt_any`,
  );
}

/**
 * Counts the fact tables (signed) into `ow_part` for `periods`: one row per (period, view, part). With facts of
 * every sign 1 these are the periods' summaries; with new and last-counted facts, their difference.
 */
async function countPeriods(trx: Transaction<DB>, periods: readonly Period[]) {
  await writePeriods(trx, periods);
  await exec(trx, `analyze ow_ref; analyze ow_att; analyze ow_base; analyze ow_pair; analyze ow_period`);
  await buildParts(trx);
}

/** Writes `ow_part`'s rows as summary rows (one per period and view): periods built whole, whose rows are gone. */
async function insertParts(trx: Transaction<DB>) {
  await exec(
    trx,
    `insert into outcome_summary (period_key, view_key, figures)
     select period_key, view_key, jsonb_object_agg(part, data) from ow_part group by 1, 2`,
  );
}

/**
 * Group sizes per activity and month: all of them (`all`), or only the activity-months in `ow_touched_group` (the
 * change log's), replacing their rows.
 */
async function buildGroupSizes(trx: Transaction<DB>, scope: "all" | "touched") {
  const some = scope === "touched";
  await exec(
    trx,
    some
      ? `delete from outcome_group_size g using ow_touched_group t where g.activity_id = t.activity_id and g.month = t.month`
      : `delete from outcome_group_size`,
  );
  await exec(
    trx,
    `insert into outcome_group_size (activity_id, month, provider_id, category_code, sessions, present, present_key, drop_ins, largest)
     select x.activity_id, date_trunc('month', x.session_date)::date, a.provider_id, a.category_code,
       count(*), sum(m.present), sum(m.keys) % 256, sum(x.other_attendees), max(m.present + x.other_attendees)
     from ${
       some
         ? `(select distinct activity_id, month from ow_touched_group) g
            join activity_session x on x.activity_id = g.activity_id
              and x.session_date >= g.month and x.session_date < (g.month + interval '1 month')::date`
         : "activity_session x"
     }
     join activity a on a.id = x.activity_id
     cross join lateral (
       select count(*)::int as present, coalesce(sum(s.record_key), 0)::int as keys
       from attendance t join person p on p.id = t.person_id
       join person s on s.id = coalesce(p.merged_into_id, p.id) and s.merged_into_id is null
       where t.session_id = x.id and t.status = 'present') m
     where x.status = 'held'
     group by x.activity_id, date_trunc('month', x.session_date), a.provider_id, a.category_code`,
  );
}

async function readChangeMark(db: Executor): Promise<number> {
  const { rows } = await sql<{ mark: string }>`select last_value::text as mark from outcome_data_change_seq`.execute(
    db,
  );
  return Number(rows[0]?.mark ?? 0);
}

/**
 * The version of what the summaries hold. Change it with any change to the figures' definitions or the summary
 * shape: stored summaries of another version are rebuilt whole, never patched period by period.
 */
const SUMMARY_FORMAT = 4;

/** What a refresh did: built every period (`full`), or added the touched people's difference and built new periods. */
export interface RefreshResult {
  full: boolean;
  /** Keys of the periods built whole: every period on a full rebuild, else those not built before. */
  periods: string[];
  /** Activity-months whose group sizes were rebuilt because a change touched them (0 on a full rebuild). */
  groups: number;
  /** Survivors whose facts were counted again (0 on a full rebuild). */
  people: number;
}

const minDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
function nextMonth(key: string): string {
  const y = Number(key.slice(0, 4));
  const m = Number(key.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/**
 * Brings the outcome summaries up to date in one transaction, under an advisory lock so that several app servers
 * never rebuild at once (a server that finds the lock taken returns `false` and leaves it to the other). Readers
 * keep seeing the previous summaries until the new ones commit. `now` fixes "today" (UK date) for the periods
 * listed and the refresh time recorded. Returns true when this call rebuilt them; `onResult` hears what it did.
 *
 * A first build, summaries of another `SUMMARY_FORMAT`, or `full: true` rebuild every period from the records and
 * keep the facts counted (`outcome_fact_*`). Otherwise the people the change log names are counted again: their
 * new facts minus the facts last counted for them, added to every stored view they touch, and their kept facts
 * replaced; then periods not built before (a new month, a window that moved on) are built from the kept facts, and
 * rows of periods no longer listed are deleted. Rows of views no change touched are not rewritten
 * (docs/decisions/0930-summaries-kept-current-by-difference.md, which supersedes 0790's periods).
 */
export async function refreshOutcomeSummaries(
  db: Kysely<DB>,
  options: { now?: Date; full?: boolean; onResult?: (result: RefreshResult) => void } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  const today = londonDate(now);
  const started = performance.now();
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${REFRESH_LOCK}) as locked`.execute(trx);
    if (!rows[0]?.locked) return false;
    const changeMark = await readChangeMark(trx);
    // The change log as this rebuild sees it: exactly these rows are deleted at the end, so a change committed
    // meanwhile stays logged for the next rebuild.
    await exec(
      trx,
      `create temp table ow_touched_group on commit drop as select id, activity_id, month from outcome_change_group`,
    );
    await exec(
      trx,
      `create temp table ow_touched_person on commit drop as select id, person_id from outcome_change_person`,
    );
    const { rows: groupCount } = await sql<{
      n: number;
    }>`select count(distinct (activity_id, month))::int as n from ow_touched_group`.execute(trx);
    const groups = groupCount[0]?.n ?? 0;
    const state = await trx
      .selectFrom("outcome_summary_state")
      .select(["first_date", "last_date", "period_keys", "format"])
      .where("id", "=", 1)
      .executeTakeFirst();
    // Hashed grouping sets need room: up to 43 hash tables at once. For this transaction only.
    await exec(trx, `set local work_mem = '${REFRESH_WORK_MEM}'`);
    // Compiling these wide aggregates costs more than it saves, once per statement.
    await exec(trx, `set local jit = off`);

    const full = options.full === true || !state || state.format !== SUMMARY_FORMAT || !state.period_keys;
    let first: string | null;
    let last: string | null;
    let listed: Period[];
    let built: Period[];
    let people = 0;
    if (full) {
      await buildFacts(trx, "all");
      ({ first, last } = await factDates(trx));
      listed = periodsWithData(first, last, today);
      built = listed;
      await countPeriods(trx, listed);
      await keepCountedFacts(trx, "all");
      await exec(trx, `delete from outcome_summary`);
      await insertParts(trx);
    } else {
      first = state.first_date;
      last = state.last_date;
      const stored = new Set(state.period_keys);
      // The touched people's difference, added to every period already built (0930).
      people = await listTouchedPeople(trx);
      if (people) {
        await buildFacts(trx, "people");
        const dates = await factDates(trx);
        first = minDate(first, dates.first);
        last = maxDate(last, dates.last);
        await addCountedFacts(trx);
        const kept = periodsWithData(first, last, today).filter((p) => stored.has(p.key));
        await countPeriods(trx, kept);
        await addDifference(trx);
        await keepCountedFacts(trx, "people");
        await dropWorkTables(trx);
      }
      listed = periodsWithData(first, last, today);
      // Periods not built before (a new month, a window that moved on), built whole from the kept facts, which now
      // include the difference just added.
      built = listed.filter((p) => !stored.has(p.key));
      if (built.length) {
        const months = built.flatMap((p) => monthsOf(p)).sort();
        await loadCountedFacts(trx, { from: `${months[0]}-01`, to: nextMonth(months.at(-1)!) });
        await countPeriods(trx, built);
        await sql`delete from outcome_summary where period_key = any(${built.map((p) => p.key)}::text[])`.execute(trx);
        await insertParts(trx);
      }
      // Rows of periods no longer listed (a last-12-months window that moved on).
      await sql`delete from outcome_summary where not (period_key = any(${listed.map((p) => p.key)}::text[]))`.execute(
        trx,
      );
    }
    if (full || groups) await buildGroupSizes(trx, full ? "all" : "touched");
    // Fresh statistics for the dashboard's reads: a full rebuild rewrites every row, and autovacuum may not look
    // for a while (until then the planner took 24,000 group-size rows for about 100).
    // ANALYZE needs the tables' owner: the app's role runs it through a function of the migrations' role.
    if (full) await exec(trx, `select outcome_analyze_summaries()`);
    await exec(trx, `delete from outcome_change_person where id in (select id from ow_touched_person)`);
    await exec(trx, `delete from outcome_change_group where id in (select id from ow_touched_group)`);
    const row = {
      id: 1,
      refreshed_at: now,
      change_mark: changeMark,
      first_date: first,
      last_date: last,
      duration_ms: Math.round(performance.now() - started),
      period_keys: listed.map((p) => p.key),
      format: SUMMARY_FORMAT,
    };
    await trx
      .insertInto("outcome_summary_state")
      .values(row)
      .onConflict((c) => c.column("id").doUpdateSet(row))
      .execute();
    options.onResult?.({ full, periods: built.map((p) => p.key), groups: full ? 0 : groups, people });
    return true;
  });
}

/** When the summaries were last rebuilt, and over which dates, or null when they never have been. */
async function outcomeSummariesAsOf(db: Executor): Promise<SummaryState | null> {
  const row = await db.selectFrom("outcome_summary_state").selectAll().where("id", "=", 1).executeTakeFirst();
  if (!row) return null;
  return {
    refreshedAt: new Date(row.refreshed_at),
    changeMark: Number(row.change_mark),
    firstDate: row.first_date,
    lastDate: row.last_date,
    durationMs: row.duration_ms,
  };
}

/**
 * True when the summaries should be rebuilt: never built; or the data changed since and they are older than
 * `REFRESH_INTERVAL_MS`; or older than `MAX_SUMMARY_AGE_MS` whatever the change counter says (a change that
 * committed while a rebuild was reading can leave the counter equal: see decision 0704).
 */
export async function summariesStale(db: Executor, now = new Date()): Promise<boolean> {
  const state = await outcomeSummariesAsOf(db);
  if (!state) return true;
  const age = now.getTime() - state.refreshedAt.getTime();
  if (age >= MAX_SUMMARY_AGE_MS) return true;
  if (age < REFRESH_INTERVAL_MS) return false;
  return (await readChangeMark(db)) !== state.changeMark;
}

let rebuildWhenStaleOnRead = false;
let rebuilding: Promise<unknown> | null = null;

/**
 * On the embedded database (one connection, one server) a rebuild holds the only connection, so every page waits
 * behind it: there the summaries are rebuilt when someone reads them and they are stale, never on a timer, so staff
 * pages never wait for a rebuild nobody asked for (docs/decisions/0708-embedded-summaries-on-read.md).
 */
export function rebuildOutcomeSummariesOnRead(enabled: boolean): void {
  rebuildWhenStaleOnRead = enabled;
}

/**
 * The summaries' state, building them first when there are none yet (a first dashboard view before the scheduled
 * refresh ran) or, with `rebuildOutcomeSummariesOnRead(true)`, when they are stale (`summariesStale`). Concurrent
 * readers in one process share one rebuild.
 * @throws Error when the summaries could not be built.
 */
export async function ensureOutcomeSummaries(db: Kysely<DB>, now = new Date()): Promise<SummaryState> {
  let state = await outcomeSummariesAsOf(db);
  if (!state || (rebuildWhenStaleOnRead && (await summariesStale(db, now)))) {
    rebuilding ??= refreshOutcomeSummaries(db, { now }).finally(() => {
      rebuilding = null;
    });
    await rebuilding;
    state = await outcomeSummariesAsOf(db);
  }
  if (!state) throw new Error("outcome summaries could not be built");
  return state;
}

/** Parts of a stored summary to read instead of all of it: the named parts whole, and `pair` for these scores only. */
export interface SummaryParts {
  parts: readonly ("any" | "ref" | "att" | "base" | "tally")[];
  pairScores?: readonly string[];
}

/**
 * The stored summaries of some views in some periods, as `Map<"periodKey|viewKey", ViewSummary>` (a view with no
 * facts has no row: all zeros). With `only`, each summary holds just those parts (`SummaryParts`), cut out in the
 * database: a national summary row is several kilobytes, most of it tallies and histograms that a breakdown's row
 * never reads.
 */
export async function readViewSummaries(
  db: Executor,
  periodKeys: readonly string[],
  viewKeys: readonly string[],
  only?: SummaryParts,
): Promise<Map<string, ViewSummary>> {
  const out = new Map<string, ViewSummary>();
  if (!periodKeys.length || !viewKeys.length) return out;
  const projection = only
    ? sql<unknown>`jsonb_strip_nulls(jsonb_build_object(${sql.join([
        ...only.parts.map((p) => sql`${sql.lit(p)}::text, figures -> ${sql.lit(p)}`),
        ...(only.pairScores?.length
          ? [
              sql`'pair', jsonb_build_object(${sql.join(
                only.pairScores.map((s) => sql`${s}::text, figures -> 'pair' -> ${s}`),
              )})`,
            ]
          : []),
      ])}))`
    : sql<unknown>`figures`;
  const rows = await db
    .selectFrom("outcome_summary")
    .select(["period_key", "view_key", projection.as("figures")])
    .where("period_key", "in", [...periodKeys])
    .where("view_key", "in", [...viewKeys])
    .execute();
  for (const r of rows) out.set(`${r.period_key}|${r.view_key}`, r.figures as ViewSummary);
  return out;
}
