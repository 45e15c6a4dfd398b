// A second, independent path to the outcome summaries: every raw row read into JavaScript and the figures of every
// view worked out one fact at a time, with no SQL aggregation. Tests compare it with what the set-based rebuild
// stored, so a mistake in either shows as a difference.
import { londonDate, addDays } from "../../app/calendar";
import { dimensions, viewKey, type Dimension } from "../../app/outcomes/dimensions";
import { MIN_FOLLOW_UP_DAYS, comparedScores, countedInstruments } from "../../app/outcomes/outcome-measures";
import { monthsOf, periodsWithData } from "../../app/outcomes/periods";
import { testDb } from "./db";

type Dims = Record<Dimension, string>;

interface Acc {
  counts: Map<string, [number, number]>;
  people: Map<string, Map<string, number>>;
  sums: Map<string, number>;
  hist: Map<string, Map<string, number>>;
}

const newAcc = (): Acc => ({ counts: new Map(), people: new Map(), sums: new Map(), hist: new Map() });

function ageBand(dob: string, on: string): string {
  const [y, m, d] = on.split("-").map(Number);
  const [by, bm, bd] = dob.split("-").map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age < 50 ? "18" : age < 65 ? "50" : age < 75 ? "65" : "75";
}

function ethnicGroup(code: string | null): string {
  if (!code) return "unknown";
  for (const g of ["asian", "black", "mixed", "white", "other"]) if (code.startsWith(`${g}_`)) return g;
  return "unknown";
}

/** The view keys a fact with these dimensions belongs to: everyone, each one dimension, each pair. */
function viewsOf(dims: Dims): string[] {
  const keys = [""];
  for (let i = 0; i < dimensions.length; i++) {
    keys.push(viewKey([[dimensions[i], dims[dimensions[i]]]]));
    for (let j = i + 1; j < dimensions.length; j++) {
      keys.push(
        viewKey([
          [dimensions[i], dims[dimensions[i]]],
          [dimensions[j], dims[dimensions[j]]],
        ]),
      );
    }
  }
  return keys;
}

const toDate = (v: unknown) => (v instanceof Date ? v : v === null || v === undefined ? null : new Date(String(v)));
const ymd = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const round = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(x) * f + 1e-9) / f;
  return (x < 0 ? -r : r) + 0;
};

/**
 * Recomputes the stored summary of every view and period from raw rows, as `Map<"period|view", figures>` in the
 * shape of `ViewSummary` (app/outcomes/summaries.server.ts), with `today` the UK date periods are listed against.
 */
export async function recomputeSummaries(today: string): Promise<Map<string, Record<string, unknown>>> {
  const db = testDb();
  const [people, referrals, accepted, activities, sessions, marks, responses] = await Promise.all([
    db.selectFrom("person").selectAll().execute(),
    db.selectFrom("referral").selectAll().execute(),
    db.selectFrom("referral_event").select("referral_id").where("to_status", "=", "accepted").execute(),
    db.selectFrom("activity").select(["id", "provider_id", "category_code"]).execute(),
    db.selectFrom("activity_session").select(["id", "activity_id", "session_date", "status"]).execute(),
    db.selectFrom("attendance").select(["session_id", "referral_id", "status"]).execute(),
    db.selectFrom("measure_response").selectAll().execute(),
  ]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const survivor = (id: string) => {
    let p = personById.get(id)!;
    while (p.merged_into_id) p = personById.get(p.merged_into_id)!;
    return p;
  };
  const acceptedSet = new Set(accepted.map((e) => e.referral_id));
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const sessionById = new Map(sessions.map((s) => [s.id, s]));

  interface Fact {
    sid: string;
    key: number;
    d: string;
    dims: Dims;
  }
  const refFacts = new Map<string, Fact & { r: (typeof referrals)[number] }>();
  for (const r of referrals) {
    const s = survivor(r.person_id);
    const d = londonDate(toDate(r.received_at)!);
    const a = r.activity_id ? activityById.get(r.activity_id) : undefined;
    const imd = s.imd_quintile ?? (s.imd_decile === null ? null : Math.floor((s.imd_decile + 1) / 2));
    refFacts.set(r.id, {
      r,
      sid: s.id,
      key: s.record_key,
      d,
      dims: {
        district: s.district_code ?? "none",
        provider: a?.provider_id ?? "none",
        category: a?.category_code ?? "none",
        activity: r.activity_id ?? "none",
        source: r.source,
        age: ageBand(ymd(s.date_of_birth), d),
        sex: s.sex === "female" || s.sex === "male" ? s.sex : "other",
        ethnicity: ethnicGroup(s.ethnicity),
        imd: imd === null ? "none" : String(imd),
      },
    });
  }

  // Periods exactly as the app lists them, from the dates of every fact.
  const dates: string[] = [];
  const attFacts: (Fact & { status: string })[] = [];
  for (const m of marks) {
    const session = sessionById.get(m.session_id)!;
    if (session.status === "cancelled") continue;
    const f = refFacts.get(m.referral_id)!;
    attFacts.push({ sid: f.sid, key: f.key, dims: f.dims, d: ymd(session.session_date), status: m.status });
  }
  const live = responses.filter((x) => x.entered_in_error_at === null);
  const baseFacts: (Fact & { instrument: string; followed: boolean })[] = [];
  const pairFacts: (Fact & { score: string; b: number; a: number; ch: number })[] = [];
  for (const b of live) {
    if (b.time_point !== "baseline" || !countedInstruments.includes(b.instrument_code as never)) continue;
    const f = refFacts.get(b.referral_id)!;
    const bDate = ymd(b.administered_on);
    const follow = live
      .filter(
        (x) =>
          x.referral_id === b.referral_id &&
          x.instrument_code === b.instrument_code &&
          (x.time_point === "follow_up" || x.time_point === "exit") &&
          ymd(x.administered_on) >= addDays(bDate, MIN_FOLLOW_UP_DAYS),
      )
      .sort(
        (x, y) =>
          ymd(y.administered_on).localeCompare(ymd(x.administered_on)) ||
          toDate(y.recorded_at)!.getTime() - toDate(x.recorded_at)!.getTime() ||
          y.id.localeCompare(x.id),
      )[0];
    baseFacts.push({
      sid: f.sid,
      key: f.key,
      dims: f.dims,
      d: bDate,
      instrument: b.instrument_code,
      followed: !!follow,
    });
    if (!follow) continue;
    for (const c of comparedScores.filter((x) => x.instrument === b.instrument_code)) {
      const bs = (b.scores as Record<string, number>)[c.score];
      const as = (follow.scores as Record<string, number>)[c.score];
      if (bs === undefined || as === undefined) continue;
      pairFacts.push({
        sid: f.sid,
        key: f.key,
        dims: f.dims,
        d: ymd(follow.administered_on),
        score: c.id,
        b: bs,
        a: as,
        ch: round(as - bs, c.decimals),
      });
    }
  }
  for (const f of refFacts.values()) dates.push(f.d);
  for (const f of [...attFacts, ...baseFacts, ...pairFacts]) dates.push(f.d);
  dates.sort();
  const periods = periodsWithData(dates[0] ?? null, dates.at(-1) ?? null, today);
  const periodsOfMonth = new Map<string, string[]>();
  for (const p of periods)
    for (const m of monthsOf(p)) periodsOfMonth.set(m, [...(periodsOfMonth.get(m) ?? []), p.key]);

  const accs = new Map<string, Acc>();
  const each = (f: Fact, fn: (acc: Acc) => void) => {
    for (const p of periodsOfMonth.get(f.d.slice(0, 7)) ?? []) {
      for (const v of viewsOf(f.dims)) {
        const k = `${p}|${v}`;
        let acc = accs.get(k);
        if (!acc) accs.set(k, (acc = newAcc()));
        fn(acc);
      }
    }
  };
  const count = (acc: Acc, name: string, key: number) => {
    const c = acc.counts.get(name) ?? [0, 0];
    acc.counts.set(name, [c[0] + 1, (c[1] + key) % 256]);
  };
  const person = (acc: Acc, name: string, sid: string, key: number) => {
    const m = acc.people.get(name) ?? new Map<string, number>();
    m.set(sid, key);
    acc.people.set(name, m);
  };
  const sum = (acc: Acc, name: string, x: number) => acc.sums.set(name, (acc.sums.get(name) ?? 0) + x);
  const hist = (acc: Acc, name: string, value: string) => {
    const m = acc.hist.get(name) ?? new Map<string, number>();
    m.set(value, (m.get(value) ?? 0) + 1);
    acc.hist.set(name, m);
  };

  for (const f of refFacts.values()) {
    const r = f.r;
    const attending = r.first_attended_on !== null;
    const acceptedFlag = attending || acceptedSet.has(r.id);
    const responded = r.kind === "direct" && r.provider_responded_at !== null;
    const flags: Record<string, boolean> = {
      referrals: true,
      self: r.source === "self",
      direct: r.kind === "direct",
      signpost: r.kind === "signpost",
      contacted: r.contacted_at !== null,
      accepted: acceptedFlag,
      declined: r.status === "declined",
      attending,
      ended: r.ended_at !== null && attending,
      responded,
      providerAccepted: responded && acceptedFlag,
    };
    const tallies: [string, string][] = [
      ["source", r.source],
      ["kind", r.kind],
      ...r.needs.map((n) => ["need", n] as [string, string]),
      ...r.barriers.map((b) => ["barrier", b] as [string, string]),
    ];
    if (r.status === "declined") {
      tallies.push(
        ["declineReason", r.decline_reason ?? "not_recorded"],
        ["declinedBy", r.declined_by ?? "not_recorded"],
      );
    }
    const dayTally = (name: string, to: string | null) => {
      if (to === null) return;
      const n = days(f.d, to);
      if (n >= 0) tallies.push([name, String(n)]);
    };
    dayTally("daysContact", r.contacted_at ? londonDate(toDate(r.contacted_at)!) : null);
    dayTally("daysFirst", r.first_attended_on ? ymd(r.first_attended_on) : null);
    if (r.kind === "direct")
      dayTally("daysReply", r.provider_responded_at ? londonDate(toDate(r.provider_responded_at)!) : null);
    each(f, (acc) => {
      for (const [name, on] of Object.entries(flags)) if (on) count(acc, `ref.${name}`, f.key);
      person(acc, "ref.people", f.sid, f.key);
      if (flags.self) person(acc, "ref.selfPeople", f.sid, f.key);
      if (attending) person(acc, "ref.attendingPeople", f.sid, f.key);
      person(acc, "any", f.sid, f.key);
      for (const [name, value] of tallies) count(acc, `tally.${name}.${value}`, f.key);
    });
  }
  for (const f of attFacts) {
    each(f, (acc) => {
      count(acc, `att.${f.status}`, f.key);
      if (f.status === "present") person(acc, "att.people", f.sid, f.key);
      person(acc, "any", f.sid, f.key);
    });
  }
  for (const f of baseFacts) {
    each(f, (acc) => {
      person(acc, `base.${f.instrument}.people`, f.sid, f.key);
      if (f.followed) person(acc, `base.${f.instrument}.followed`, f.sid, f.key);
      person(acc, "any", f.sid, f.key);
    });
  }
  for (const f of pairFacts) {
    const c = comparedScores.find((x) => x.id === f.score)!;
    const better = c.lowerIsBetter ? f.ch < 0 : f.ch > 0;
    const worse = c.lowerIsBetter ? f.ch > 0 : f.ch < 0;
    const m = c.meaningfulChange;
    const inBand = (s: number) =>
      f.score === "ucla3.total"
        ? s >= 6
        : f.score === "ons_loneliness.frequency"
          ? s === 1
          : f.score === "djg6.total"
            ? s >= 2
            : f.score === "ons4.anxiety"
              ? s >= 6
              : f.score.startsWith("ons4.")
                ? s <= 4
                : false;
    each(f, (acc) => {
      const p = `pair.${f.score}`;
      count(acc, `${p}.n`, f.key);
      if (better) count(acc, `${p}.better`, f.key);
      if (f.ch === 0) count(acc, `${p}.same`, f.key);
      if (worse) count(acc, `${p}.worse`, f.key);
      if (m !== undefined && better && Math.abs(f.ch) >= m) count(acc, `${p}.mbetter`, f.key);
      if (m !== undefined && worse && Math.abs(f.ch) >= m) count(acc, `${p}.mworse`, f.key);
      if (inBand(f.b)) count(acc, `${p}.inband`, f.key);
      if (inBand(f.b) && !inBand(f.a)) count(acc, `${p}.outband`, f.key);
      sum(acc, `${p}.sb`, f.b);
      sum(acc, `${p}.sa`, f.a);
      sum(acc, `${p}.sd`, f.ch);
      sum(acc, `${p}.sd2`, f.ch * f.ch);
      hist(acc, `${p}.hist`, String(f.ch));
      person(acc, "any", f.sid, f.key);
    });
  }

  // Flatten to "path → value" so the stored JSON can be flattened the same way and compared. What is stored, written
  // out here rather than taken from the code: an activity is viewed alone; with a person dimension (district, age,
  // sex, ethnic group, IMD) only its people, referrals and pairs are kept, for an activity report's equity rows; with
  // provider, category or source it is not stored at all.
  const out = new Map<string, Record<string, unknown>>();
  for (const [k, acc] of accs) {
    const view = k.slice(k.indexOf("|") + 1);
    const withActivity = view.includes("activity=") && view.includes("&");
    if (withActivity && /(^|&)(provider|category|source)=/.test(view)) continue;
    if (withActivity) {
      const kept = (name: string) => name === "any" || name.startsWith("ref.") || name.startsWith("pair.");
      for (const part of [acc.counts, acc.people, acc.sums, acc.hist]) {
        for (const name of [...part.keys()]) if (!kept(name)) part.delete(name);
      }
    }
    const flat: Record<string, unknown> = {};
    for (const [name, c] of acc.counts) flat[name] = c;
    for (const [name, m] of acc.people) flat[name] = [m.size, [...m.values()].reduce((s, x) => s + x, 0) % 256];
    for (const [name, x] of acc.sums) flat[name] = x;
    for (const [name, m] of acc.hist) for (const [v, c] of m) flat[`${name}.${Number(v)}`] = c;
    out.set(k, flat);
  }
  return out;
}

/**
 * The stored summaries flattened like `recomputeSummaries`: zero counts and empty sums dropped (the rebuild stores
 * them, the recomputation never creates them), sums of squares of baseline and follow-up left out (not recomputed).
 */
export async function storedSummaries(): Promise<Map<string, Record<string, unknown>>> {
  const rows = await testDb().selectFrom("outcome_summary").selectAll().execute();
  const out = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const flat: Record<string, unknown> = {};
    const walk = (prefix: string, value: unknown) => {
      if (Array.isArray(value)) {
        if (Number(value[0]) !== 0) flat[prefix] = [Number(value[0]), Number(value[1])];
      } else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
          if (prefix.endsWith(".hist")) {
            flat[`${prefix}.${Number(k)}`] = Number(v);
          } else walk(prefix ? `${prefix}.${k}` : k, v);
        }
      } else if (typeof value === "number" || typeof value === "string") {
        if (/\.(sb2|sa2)$/.test(prefix)) return;
        flat[prefix] = Number(value);
      }
    };
    walk("", row.figures);
    // Sums are present only where pairs are; a view with pairs always has n.
    out.set(`${row.period_key}|${row.view_key}`, flat);
  }
  return out;
}
