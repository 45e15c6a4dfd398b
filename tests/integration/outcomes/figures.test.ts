import { beforeEach, describe, expect, it } from "vitest";
import { publishCount } from "../../../app/outcomes/disclosure";
import { outcomeFigures, outcomeTable } from "../../../app/outcomes/figures.server";
import type { Cell, FigureTable, PublishedFigures } from "../../../app/outcomes/model";
import { getDisclosureRule, setDisclosureRule } from "../../../app/outcomes/disclosure-rule.server";
import { pairedChange } from "../../../app/outcomes/statistics";
import { refreshOutcomeSummaries } from "../../../app/outcomes/summaries.server";
import { loader as outcomesLoader } from "../../../app/routes/outcomes";
import { loader as csvLoader } from "../../../app/routes/outcomes.csv.$tableId";
import { testDb, useTestDatabase } from "../../support/db";
import { context, signedIn } from "../../support/factories";
import { call, getRequest } from "../../support/http";
import {
  outcomeActivity,
  outcomePerson,
  outcomeReferral,
  outcomeResponse,
  outcomeSession,
  ucla,
} from "../../support/outcome-factories";

useTestDatabase();

const NOW = new Date("2026-11-29T12:00:00Z");
const Q3 = "2026-Q3";

/**
 * The hand-computed population (all in July to September 2026, the 2026-Q3 view):
 * - A: 32 women in Melton aged 75+, referred by a prescriber on 6 July to the befriending activity X, contacted
 *   2 days later, accepted by the provider after 1 day, first session 14 days after referral; UCLA-3 baseline 7 on
 *   7 July, follow-up on 10 September: 16 fall to 4 (−3, out of the lonely band), 8 to 6 (−1), 8 stay at 7.
 *   All 32 present on 20 July; on 27 July the first 8 absent, the other 24 present.
 * - B: 9 men in Charnwood aged 50 to 64, Asian, IMD 5, self-referred on 3 August to signposting, citing
 *   loneliness and transport.
 * - C: 3 women in Melton aged 65 to 74, referred to X on 10 August and declined by the provider 2 days later.
 * - Activity Y (drop-ins only): four sessions of 5 in July, four of 40 in September.
 * Record keys are set (person i gets key 7i mod 256) so cell-key values can be worked out too.
 */
let keys: number[] = [];
async function buildPopulation() {
  keys = [];
  let i = 0;
  const person = async (spec: Parameters<typeof outcomePerson>[0]) => {
    const key = (7 * ++i) % 256;
    keys.push(key);
    return outcomePerson({ ...spec, key });
  };
  const x = await outcomeActivity({ category: "befriending", name: "Befriending X" });
  const y = await outcomeActivity({ category: "arts_crafts", name: "Chatter Chairs Y" });
  const groupA: { personId: string; referralId: string }[] = [];
  for (let a = 0; a < 32; a++) {
    const p = await person({
      district: "melton",
      dob: "1940-03-01",
      sex: "female",
      ethnicity: "white_british",
      imdQuintile: 2,
    });
    const r = await outcomeReferral(p.id, {
      activityId: x.id,
      received: "2026-07-06T09:00:00Z",
      status: "attending",
      contactedAt: "2026-07-08T10:00:00Z",
      respondedAt: "2026-07-07T10:00:00Z",
      acceptedEvent: true,
      firstAttendedOn: "2026-07-20",
    });
    await outcomeResponse(p.id, r, "ucla3", "baseline", "2026-07-07", ucla(7));
    await outcomeResponse(p.id, r, "ucla3", "follow_up", "2026-09-10", ucla(a < 16 ? 4 : a < 24 ? 6 : 7));
    groupA.push({ personId: p.id, referralId: r });
  }
  await outcomeSession(
    x.id,
    "2026-07-20",
    groupA.map((m) => ({ ...m, status: "present" as const })),
  );
  await outcomeSession(
    x.id,
    "2026-07-27",
    groupA.map((m, a) => ({ ...m, status: a < 8 ? ("absent" as const) : ("present" as const) })),
  );
  for (let b = 0; b < 9; b++) {
    const p = await person({
      district: "charnwood",
      dob: "1968-05-01",
      sex: "male",
      ethnicity: "asian_indian",
      imdQuintile: 5,
    });
    await outcomeReferral(p.id, {
      received: "2026-08-03T11:00:00Z",
      source: "self",
      needs: ["loneliness"],
      barriers: ["transport"],
    });
  }
  for (let c = 0; c < 3; c++) {
    const p = await person({
      district: "melton",
      dob: "1955-01-01",
      sex: "female",
      ethnicity: "white_british",
      imdQuintile: 2,
    });
    await outcomeReferral(p.id, {
      activityId: x.id,
      received: "2026-08-10T09:00:00Z",
      status: "declined",
      respondedAt: "2026-08-12T09:00:00Z",
      declinedBy: "provider",
      declineReason: "The group is full at the moment",
    });
  }
  for (const [date, size] of [
    ["2026-07-07", 5],
    ["2026-07-14", 5],
    ["2026-07-21", 5],
    ["2026-07-28", 5],
    ["2026-09-01", 40],
    ["2026-09-08", 40],
    ["2026-09-15", 40],
    ["2026-09-22", 40],
  ] as const) {
    await outcomeSession(y.id, date, [], { dropIns: size });
  }
  await refreshOutcomeSummaries(testDb(), { now: NOW });
  return { x, y };
}

function table(figures: PublishedFigures, id: string): FigureTable {
  const t = figures.sections.flatMap((s) => s.tables).find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}
/** The value column of a figure/value table, by its row label. */
function value(t: FigureTable, label: string, column = 1): Cell {
  const row = t.rows.find((r) => r[0] === label);
  if (!row) throw new Error(`no row ${label} in ${t.id}: ${t.rows.map((r) => r[0]).join(" | ")}`);
  return row[column];
}

describe("outcome figures of a hand-computed population", () => {
  let ids: { x: { id: string }; y: { id: string } };
  beforeEach(async () => {
    ids = await buildPopulation();
  });

  it("publishes every panel under the NHS small-number rule", async () => {
    const f = await outcomeFigures(testDb(), { period: Q3 }, { now: NOW });
    expect(f.withheld).toBeUndefined();
    expect(f.period).toMatchObject({ key: Q3, from: "2026-07-01", to: "2026-09-30" });
    expect(f.rule.code).toBe("nhs_small_numbers");
    expect(f.asOf).toBe(NOW.toISOString());
    expect(f.sections.map((s) => s.id)).toEqual(["headline", "reach", "engagement", "outcomes", "equity"]);

    // Headline: 44 people and referrals → 45; 9 self-referrals → 10; 32 attending → 30, 30/45 = 67 %.
    const h = table(f, "headline");
    expect(value(h, "People referred")).toBe(45);
    expect(value(h, "Referrals")).toBe(45);
    expect(value(h, "Self-referrals")).toBe(10);
    expect(value(h, "Referrals that led to attending (%)")).toBe(67);
    expect(value(h, "People attending sessions")).toBe(30);
    expect(h.meta).toMatchObject({ from: "2026-07-01", to: "2026-09-30", n: 45 });

    // Reach.
    const reach = table(f, "reach-summary");
    expect(value(reach, "Referrals to an activity")).toBe(35); // 32 + 3
    expect(value(reach, "Signposting referrals")).toBe(10); // 9
    expect(value(reach, "Referrals citing transport as a barrier")).toBe(10); // 9
    const months = table(f, "referrals-by-month");
    expect(months.rows).toEqual([
      ["July 2026", 30, 30, 0],
      ["August 2026", 10, 10, 10], // 12 referrals → 10, 12 people → 10, 9 self → 10
      ["September 2026", 0, 0, 0],
    ]);
    expect(months.chart?.kind).toBe("line");
    const sources = table(f, "referrals-by-source");
    expect(sources.rows.find((r) => r[0] === "Social prescriber")).toEqual(["Social prescriber", 35, 78]); // 35/45
    expect(sources.rows.find((r) => r[0] === "Self-referral")).toEqual(["Self-referral", 10, 22]);
    expect(table(f, "needs-cited").rows.find((r) => r[0] === "Loneliness")).toEqual(["Loneliness", 10, 22]);

    // Engagement: funnel from published counts.
    const funnel = table(f, "funnel");
    expect(funnel.rows).toEqual([
      ["Received", 45, 100],
      ["Contacted", 30, 67],
      ["Accepted by the provider", 30, 67],
      ["Attending", 30, 67],
      ["Ended after attending", 0, 0],
    ]);
    // 3 declines: hidden, and their reason is not listed by its words (fewer than 8 gave it).
    expect(table(f, "declines-by-whom").rows).toEqual([["The provider", "*", "*"]]);
    expect(table(f, "declines-by-reason").rows).toEqual([
      ["Other reasons (each given by fewer than 8 declines, not listed)", "*", "*"],
    ]);
    const waits = table(f, "waiting-times");
    expect(waits.rows).toEqual([
      ["First contact", 30, 2],
      ["First session attended", 30, 14],
      ["The provider's reply (referrals to an activity)", 35, 1], // 32 × 1 day, 3 × 2 days
    ]);
    const provider = table(f, "provider-response");
    expect(value(provider, "Referrals answered by the provider")).toBe(35);
    expect(value(provider, "Accepted")).toBe(30);
    expect(value(provider, "Acceptance rate (%)")).toBe(86); // 30/35
    const att = table(f, "attendance");
    expect(value(att, "Attendances")).toBe(55); // 56
    expect(value(att, "Did not attend (absent without notice)")).toBe(10); // 8
    expect(value(att, "People attending")).toBe(30); // 32
    expect(value(att, "Attendances per person attending")).toBe(1.8); // 56 / 32 = 1.75
    expect(value(att, "Did-not-attend rate (%)")).toBe(15); // 10 / 65 (64 marks)
    // The group that grew from 5 to 40 shows it.
    const growth = table(f, "group-size-over-time");
    const yCol = growth.columns.findIndex((c) => c.label === "Chatter Chairs Y");
    expect(growth.rows.map((r) => r[yCol])).toEqual([5, null, 40]);
    const byActivity = table(f, "group-size-by-activity");
    expect(byActivity.rows.find((r) => r[0] === "Chatter Chairs Y")).toEqual(["Chatter Chairs Y", 8, 5, 40, 40]);
    expect(byActivity.rows.find((r) => r[0] === "Befriending X")).toEqual(["Befriending X", 2, 28, 28, 32]);

    // Outcomes: UCLA-3 over 32 pairs, worked out by hand: changes 16 × −3, 8 × −1, 8 × 0.
    const u = table(f, "outcome-ucla3-total");
    const exact = pairedChange(Array(32).fill(7), [...Array(16).fill(4), ...Array(8).fill(6), ...Array(8).fill(7)]);
    expect(exact.meanChange).toBeCloseTo(-1.75, 12);
    expect(value(u, "People with a baseline")).toBe(30);
    expect(value(u, "Of them, with a follow-up by now")).toBe(30);
    expect(value(u, "Paired-completion rate (%)")).toBe(100);
    expect(value(u, "People with a baseline and a follow-up (pairs)")).toBe(30);
    expect(value(u, "Mean at baseline")).toBe(7);
    expect(value(u, "Mean at follow-up")).toBe(5.3); // 168 / 32 = 5.25
    expect(value(u, "Mean change")).toBe(-1.75);
    expect(value(u, "Mean change", 2)).toBe(Math.round(exact.ci95![0] * 100) / 100);
    expect(value(u, "Mean change", 3)).toBe(Math.round(exact.ci95![1] * 100) / 100);
    expect(value(u, "Effect size (Cohen's d_z)")).toBe(Math.round(exact.cohensDz! * 100) / 100);
    expect(value(u, "Median change")).toBe(-2); // 16th and 17th of 32: −3 and −1
    // A p value is never 0: one that rounds to 0 at three decimals reads "< 0.001".
    expect(exact.wilcoxonP).toBeLessThan(0.0005);
    expect(value(u, "Wilcoxon signed-rank p")).toBe("< 0.001");
    expect(value(u, "Improved (%)")).toBe(83); // 24 → 25 of 30
    expect(value(u, "Unchanged (%)")).toBe(33); // 8 → 10 of 30
    expect(value(u, "Worse (%)")).toBe(0);
    expect(value(u, "At baseline: lonely (UCLA-3 of 6 or more)")).toBe(30);
    expect(value(u, "Of them, no longer lonely (UCLA-3 of 6 or more) at follow-up (%)")).toBe(50); // 16 → 15 of 30
    expect(value(h, "Mean change in loneliness (UCLA-3, negative is less lonely)")).toBe(-1.75);
    // No SWEMWBS measures: nothing to show, and the table says so.
    const sw = table(f, "outcome-swemwbs-metric");
    expect(value(sw, "People with a baseline and a follow-up (pairs)")).toBe(0);
    expect(value(sw, "Mean change")).toBe("*");
    expect(sw.note).toMatch(/No follow-ups/);

    // Equity: Melton 35 of 45 people referred; Melton's share of the area population from the Census.
    const eq = table(f, "equity-district");
    const melton = eq.rows.find((r) => r[0] === "Melton")!;
    expect(melton).toEqual(["Melton", 4.6, 35, 77.8, 35, 86, -1.75]); // 51,800 of 1,120,949; 30/35 attending
    expect(eq.rows.find((r) => r[0] === "Charnwood")).toEqual(["Charnwood", 16.3, 10, 22.2, 10, 0, "*"]);
    // Aged 65 to 74 has 3 people: the row is hidden whole.
    expect(table(f, "equity-age").rows.find((r) => r[0] === "65 to 74")).toEqual(["65 to 74", "*", "*", "*", "*", "*"]);
  });

  it("withholds a view whose complement in a coarser view is under 8 (Melton 75+ leaves 3 people out of Melton)", async () => {
    const f = await outcomeFigures(testDb(), { period: Q3, district: "melton", age: "75" }, { now: NOW });
    expect(f.withheld).toMatch(/removing one of the filters adds fewer than 8 people/);
    expect(f.sections).toEqual([]);
    const small = await outcomeFigures(testDb(), { period: Q3, age: "65" }, { now: NOW });
    expect(small.withheld).toMatch(/fewer than 8 people/);
    // Melton alone: 35 people, complement 9 within everyone: shown.
    const melton = await outcomeFigures(testDb(), { period: Q3, district: "melton" }, { now: NOW });
    expect(melton.withheld).toBeUndefined();
    expect(value(table(melton, "headline"), "People referred")).toBe(35);
    // The breakdown by district sets the district filter aside and says so; the one by sex keeps it.
    expect(table(melton, "equity-district").meta.population).toBe(
      "people referred in every district, with the view's other choices kept",
    );
    expect(table(melton, "equity-sex").meta.population).toBe("people referred");
    // With two filters, the equity breakdowns by a third dimension are refused with the reason.
    const two = await outcomeFigures(testDb(), { period: Q3, district: "melton", sex: "female" }, { now: NOW });
    expect(two.withheld).toBeUndefined();
    expect(table(two, "equity-age").withheld).toMatch(/Remove a filter/);
    // Group sizes count everyone at a session: not split by a person's details.
    expect(table(two, "group-size-by-month").withheld).toMatch(/provider, activity category and activity/);
  });

  it("filters by provider, category and activity (a report's scope)", async () => {
    const f = await outcomeFigures(testDb(), { period: Q3, activity: ids.x.id }, { now: NOW });
    expect(value(table(f, "headline"), "Referrals")).toBe(35); // 32 + 3
    const growth = table(f, "group-size-by-month");
    expect(growth.rows.map((r) => r[4])).toEqual([28, null, null]); // X only: 56 present over 2 sessions
    const y = await outcomeFigures(testDb(), { period: Q3, category: "arts_crafts" }, { now: NOW });
    expect(y.withheld).toBeUndefined();
    expect(table(y, "group-size-by-month").rows.map((r) => r[4])).toEqual([5, null, 40]);
  });

  it("lists the 25 activities with the most attendances in the group-size table and says how many there are", async () => {
    // 26 more activities, each with one session of drop-ins: sizes 1 to 26, so 28 activities held sessions.
    for (let n = 1; n <= 26; n++) {
      const a = await outcomeActivity({ category: "arts_crafts", name: `Walk ${String(n).padStart(2, "0")}` });
      await outcomeSession(a.id, "2026-08-12", [], { dropIns: n });
    }
    await refreshOutcomeSummaries(testDb(), { now: NOW });
    const f = await outcomeFigures(testDb(), { period: Q3 }, { now: NOW });
    const byActivity = table(f, "group-size-by-activity");
    expect(byActivity.meta.n).toBe(28);
    // Chatter Chairs Y (180 attendances) and Befriending X (56) first, then the walks from 26 down to 4.
    expect(byActivity.rows.map((r) => r[0])).toEqual([
      "Chatter Chairs Y",
      "Befriending X",
      ...Array.from({ length: 23 }, (_, i) => `Walk ${String(26 - i).padStart(2, "0")}`),
    ]);
    expect(byActivity.note).toMatch(/^The 25 activities with the most attendances, of 28 with sessions held/);
  });

  it("publishes cell-key counts from the record keys of the people counted, the same every time", async () => {
    await setDisclosureRule(testDb(), { userId: null, role: "admin", requestId: "t" }, "cell_key");
    expect(await getDisclosureRule(testDb())).toBe("cell_key");
    const f = await outcomeFigures(testDb(), { period: Q3 }, { now: NOW });
    expect(f.rule.code).toBe("cell_key");
    const keySum = keys.reduce((s, k) => s + k, 0);
    const expected = publishCount({ count: 44, keySum }, "cell_key");
    expect(value(table(f, "headline"), "People referred")).toBe(expected);
    const selfKeys = keys.slice(32, 41).reduce((s, k) => s + k, 0);
    expect(value(table(f, "headline"), "Self-referrals")).toBe(
      publishCount({ count: 9, keySum: selfKeys }, "cell_key"),
    );
    const again = await outcomeTable(testDb(), { period: Q3 }, "headline", { now: NOW });
    expect(again.table?.rows).toEqual(table(f, "headline").rows);
    const audited = await testDb()
      .selectFrom("audit_event")
      .select(["action", "details"])
      .where("action", "=", "outcomes.disclosure_rule.set")
      .execute();
    expect(audited).toHaveLength(1);
  });

  it("refuses a future period and a third filter", async () => {
    await expect(outcomeFigures(testDb(), { period: "2027-01" }, { now: NOW })).rejects.toThrow(/not started/);
    await expect(
      outcomeFigures(testDb(), { period: Q3, district: "melton", age: "75", sex: "female" }, { now: NOW }),
    ).rejects.toThrow(/at most 2/);
    await expect(
      outcomeFigures(
        testDb(),
        { period: Q3, activity: "22222222-2222-4222-8222-222222222222", age: "75" },
        { now: NOW },
      ),
    ).rejects.toThrow(/an activity alone/);
  });
});

describe("the outcomes page", () => {
  it("is shown to analysts only, audited with its filters, and a bad filter is a message not a crash", async () => {
    const analyst = await signedIn("analyst");
    const ok = await call(() =>
      outcomesLoader({
        request: getRequest("/outcomes?period=2026-10&district=melton", analyst.cookie),
        context: context(),
        params: {},
      } as any),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    // The form never offers activities, so none travel with the page; an activity scope is still named.
    expect(ok.body.options.activity).toBeUndefined();
    expect(ok.body.options.district.map((o: { value: string }) => o.value)).toContain("melton");
    const activity = await outcomeActivity({ category: "befriending", name: "Befriending X" });
    const scoped = await call(() =>
      outcomesLoader({
        request: getRequest(`/outcomes?period=2026-10&activity=${activity.id}`, analyst.cookie),
        context: context(),
        params: {},
      } as any),
    );
    expect(scoped.status).toBe(200);
    expect(scoped.body.filterWords).toEqual(["Activity: Befriending X"]);
    expect(scoped.body.options.activity).toBeUndefined();
    const bad = await call(() =>
      outcomesLoader({
        request: getRequest("/outcomes?district=atlantis&age=75&sex=male&imd=1", analyst.cookie),
        context: context(),
        params: {},
      } as any),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.district).toBe("Choose a district from the list");
    for (const role of ["prescriber", "activity_lead", "coordinator"] as const) {
      const other = await signedIn(role);
      const refused = await call(() =>
        outcomesLoader({ request: getRequest("/outcomes", other.cookie), context: context(), params: {} } as any),
      );
      expect(refused.status).toBe(403);
    }
    const views = await testDb()
      .selectFrom("audit_event")
      .select(["actor_user_id", "outcome", "details"])
      .where("action", "=", "outcomes.view")
      .orderBy("id")
      .execute();
    expect(views.map((v) => v.outcome)).toEqual(["ok", "ok", "failed"]);
    expect(views[0]).toMatchObject({
      actor_user_id: analyst.user.id,
      details: { filters: { period: "2026-10", district: "melton" } },
    });
    expect(views[1]).toMatchObject({ details: { filters: { period: "2026-10", activity: activity.id } } });
  });

  it("refuses a CSV download with bad filters before building any summaries", async () => {
    const analyst = await signedIn("analyst");
    await testDb().deleteFrom("outcome_summary_state").execute();
    const bad = await csvLoader({
      request: getRequest("/outcomes/csv/reach-sources?district=atlantis", analyst.cookie),
      context: context(),
      params: { tableId: "reach-sources" },
    } as any);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("Choose a district from the list\n");
    expect(await testDb().selectFrom("outcome_summary_state").selectAll().execute()).toEqual([]);
  });
});
