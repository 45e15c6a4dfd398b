import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { markEnteredInError } from "../../../app/measures/record.server";
import { mergePeople } from "../../../app/person-record/merge.server";
import {
  type RefreshResult,
  ensureOutcomeSummaries,
  rebuildOutcomeSummariesOnRead,
  refreshOutcomeSummaries,
  summariesStale,
} from "../../../app/outcomes/summaries.server";
import { testDb, useTestDatabase } from "../../support/db";
import { makeUser } from "../../support/factories";
import { recomputeSummaries, storedSummaries } from "../../support/outcome-recompute";
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
const TODAY = "2026-11-29";
/** Summaries are rebuilt when the data changed, at most every five minutes (docs/decisions/0704). */
const FIVE_MINUTES = 5 * 60_000;

const swemwbs = (raw: number) => {
  const items = Array(7).fill(1);
  let left = raw - 7;
  for (let i = 0; i < 7 && left > 0; i++) {
    const add = Math.min(4, left);
    items[i] += add;
    left -= add;
  }
  const ids = ["optimistic", "useful", "relaxed", "problems", "thinking", "close", "own_mind"];
  return Object.fromEntries(ids.map((id, i) => [`swemwbs_${id}`, items[i]]));
};
const ons4 = (life: number, anxiety: number) => ({
  ons4_life_satisfaction: life,
  ons4_worthwhile: 5,
  ons4_happiness: 6,
  ons4_anxiety: anxiety,
});

/** A varied population: every dimension takes several values, some missing; dates cross months, quarters and years. */
async function buildMixed() {
  const x = await outcomeActivity({ category: "befriending" });
  const y = await outcomeActivity({ category: "physical_activity", providerId: x.providerId });
  const z = await outcomeActivity({ category: "arts_crafts" });
  const acts = [x, y, z];
  const districts = ["melton", "charnwood", "rutland", null];
  const sexes = ["female", "male", "not_stated", null];
  const ethnicities = [
    "white_british",
    "asian_indian",
    "black_african",
    "mixed_other",
    "other_arab",
    "not_stated",
    null,
  ];
  const dobs = ["1940-02-29", "1952-11-30", "1960-06-01", "1990-01-01"];
  const people: { id: string; referrals: string[] }[] = [];
  for (let i = 0; i < 24; i++) {
    const p = await outcomePerson({
      district: districts[i % 4],
      sex: sexes[i % 4 === 3 ? 3 : i % 3],
      ethnicity: ethnicities[i % 7],
      imdQuintile: i % 6 === 5 ? null : (i % 5) + 1,
      dob: dobs[i % 4],
      key: (i * 37) % 256,
    });
    const referrals: string[] = [];
    const month = (i % 9) + 2; // Feb to Oct 2026
    const received = `2026-${String(month).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}T23:30:00Z`;
    const act = i % 5 === 4 ? null : acts[i % 3];
    const r = await outcomeReferral(p.id, {
      activityId: act?.id ?? null,
      received,
      source: ["prescriber", "coordinator", "gp_practice", "self", "other"][i % 5],
      status: i % 7 === 6 ? "declined" : "attending",
      contactedAt: i % 3 === 0 ? null : `2026-${String(month).padStart(2, "0")}-28T09:00:00Z`,
      respondedAt: act && i % 2 === 0 ? `2026-${String(month).padStart(2, "0")}-28T10:00:00Z` : null,
      acceptedEvent: i % 4 === 0,
      firstAttendedOn: act && i % 7 !== 6 ? `2026-${String(month + 1).padStart(2, "0")}-05` : null,
      endedAt: i % 8 === 0 ? "2026-11-01T10:00:00Z" : null,
      declinedBy: i % 7 === 6 ? (i % 2 ? "person" : "provider") : null,
      declineReason: i % 7 === 6 ? "Not the right time" : null,
      needs: i % 2 ? ["loneliness", "bereavement"] : ["low_mood"],
      barriers: i % 3 ? ["transport"] : [],
    });
    referrals.push(r);
    const base = `2026-${String(month).padStart(2, "0")}-28`;
    await outcomeResponse(p.id, r, "ucla3", "baseline", base, ucla(3 + (i % 7)));
    if (i % 4 !== 3) {
      // A follow-up too soon (ignored), then one at least 28 days later.
      await outcomeResponse(p.id, r, "ucla3", "follow_up", `2026-${String(month + 1).padStart(2, "0")}-02`, ucla(9), {
        week: 1,
      });
      await outcomeResponse(
        p.id,
        r,
        "ucla3",
        "exit",
        `2026-${String(month + 2).padStart(2, "0")}-10`,
        ucla(3 + ((i * 5) % 7)),
      );
    }
    if (i % 2 === 0) {
      await outcomeResponse(p.id, r, "swemwbs", "baseline", base, swemwbs(14 + i));
      await outcomeResponse(
        p.id,
        r,
        "swemwbs",
        "follow_up",
        `2026-${String(month + 2).padStart(2, "0")}-20`,
        swemwbs(12 + ((i * 3) % 20)),
        { week: 12 },
      );
      await outcomeResponse(p.id, r, "ons4", "baseline", base, ons4(i % 11, (i * 3) % 11));
      await outcomeResponse(
        p.id,
        r,
        "ons4",
        "follow_up",
        `2026-${String(month + 2).padStart(2, "0")}-20`,
        ons4((i * 7) % 11, i % 11),
        { week: 12 },
      );
    }
    people.push({ id: p.id, referrals });
  }
  // Registers: sessions of x across months, one cancelled; drop-ins on z.
  for (let s = 0; s < 6; s++) {
    const date = `2026-${String(s + 3).padStart(2, "0")}-15`;
    const marks = people
      .filter((_, i) => i % 3 === 0 && i % 5 !== 4 && i % 7 !== 6)
      .map((p, k) => ({
        personId: p.id,
        referralId: p.referrals[0],
        status: (["present", "absent", "excused"] as const)[(k + s) % 3],
      }));
    await outcomeSession(x.id, date, marks, { status: s === 5 ? "cancelled" : "held" });
    await outcomeSession(z.id, date, [], { dropIns: 5 + s * 7 });
  }
  return { people, acts };
}

async function expectSummariesMatchRawRows() {
  await refreshOutcomeSummaries(testDb(), { now: NOW });
  const [stored, recomputed] = await Promise.all([storedSummaries(), recomputeSummaries(TODAY)]);
  expect([...stored.keys()].sort()).toEqual([...recomputed.keys()].sort());
  for (const [key, want] of recomputed) {
    const got = stored.get(key)!;
    expect(Object.keys(got).sort(), key).toEqual(Object.keys(want).sort());
    for (const [path, value] of Object.entries(want)) {
      if (typeof value === "number") expect(got[path] as number, `${key} ${path}`).toBeCloseTo(value, 9);
      else expect(got[path], `${key} ${path}`).toEqual(value);
    }
  }
  return stored;
}

describe("outcome summaries against a recomputation from raw rows", () => {
  it("match after inserts, edits, entered-in-error marks and merges", { timeout: 180_000 }, async () => {
    const { people } = await buildMixed();
    const first = await expectSummariesMatchRawRows();
    expect(first.size).toBeGreaterThan(500);
    expect(first.get("2026-02|")?.["ref.people"]).toEqual([expect.any(Number), expect.any(Number)]);

    // Edits: a referral moves month, a person moves district and has a birthday-band change, an attendance changes.
    await testDb()
      .updateTable("referral")
      .set({ received_at: "2026-09-30T23:30:00Z", source: "self" })
      .where("id", "=", people[1].referrals[0])
      .execute();
    await testDb()
      .updateTable("person")
      .set({ district_code: "harborough", date_of_birth: "1951-09-30" })
      .where("id", "=", people[2].id)
      .execute();
    await testDb()
      .updateTable("attendance")
      .set({ status: "present" })
      .where("referral_id", "=", people[0].referrals[0])
      .execute();
    // A new follow-up supersedes an exit (it is later), another is marked entered in error.
    await outcomeResponse(people[4].id, people[4].referrals[0], "ucla3", "follow_up", "2026-11-20", ucla(3), {
      week: 24,
    });
    const user = await makeUser("prescriber");
    const actor = { userId: user.id, role: "prescriber", requestId: "test" };
    const exit = await testDb()
      .selectFrom("measure_response")
      .select("id")
      .where("referral_id", "=", people[5].referrals[0])
      .where("time_point", "=", "exit")
      .executeTakeFirstOrThrow();
    await markEnteredInError(testDb(), actor, { personId: people[5].id, responseId: exit.id, reason: "Wrong person" });
    const baseline = await testDb()
      .selectFrom("measure_response")
      .select("id")
      .where("referral_id", "=", people[6].referrals[0])
      .where("time_point", "=", "baseline")
      .where("instrument_code", "=", "ucla3")
      .executeTakeFirstOrThrow();
    await markEnteredInError(testDb(), actor, {
      personId: people[6].id,
      responseId: baseline.id,
      reason: "Recorded twice",
    });
    await expectSummariesMatchRawRows();

    // Merge: person 9 (Charnwood) into person 0 (Melton), both referred in February 2026: one person now, counted
    // with the survivor's details.
    const beforeMerge = await storedSummaries();
    const versions = await testDb()
      .selectFrom("person")
      .select(["id", "version"])
      .where("id", "in", [people[0].id, people[9].id])
      .execute();
    const v = (id: string) => versions.find((x) => x.id === id)!.version;
    await mergePeople(testDb(), actor, {
      keepId: people[0].id,
      mergeId: people[9].id,
      keepVersion: v(people[0].id),
      mergeVersion: v(people[9].id),
    });
    const stored = await expectSummariesMatchRawRows();
    const peopleIn = (s: typeof stored, key: string) => (s.get(key)?.["ref.people"] as number[] | undefined)?.[0] ?? 0;
    expect(peopleIn(stored, "2026-02|")).toBe(peopleIn(beforeMerge, "2026-02|") - 1);
    expect(peopleIn(stored, "2026-02|district=charnwood")).toBe(
      peopleIn(beforeMerge, "2026-02|district=charnwood") - 1,
    );
    expect((stored.get("2026-02|district=melton")?.["ref.referrals"] as number[])[0]).toBe(
      (beforeMerge.get("2026-02|district=melton")?.["ref.referrals"] as number[])[0] + 1,
    );
    // The group sizes kept by activity-month through all of it (person 9's marks now carry person 0's key) equal a
    // full rebuild's.
    const sizes = () =>
      sql<{
        row: string;
      }>`select row(activity_id, month, sessions, present, present_key, drop_ins, largest)::text as row
        from outcome_group_size order by 1`.execute(testDb());
    const kept = (await sizes()).rows;
    await refreshOutcomeSummaries(testDb(), { now: NOW, full: true });
    expect((await sizes()).rows).toEqual(kept);
  });

  it(
    "kept current by the touched people's difference, equal a full rebuild, and rows of views no change touched are not rewritten",
    { timeout: 180_000 },
    async () => {
      const { people, acts } = await buildMixed();
      const [x, , z] = acts;
      const results: RefreshResult[] = [];
      const refresh = (now: Date, full = false) =>
        refreshOutcomeSummaries(testDb(), { now, full, onResult: (r) => results.push(r) });
      await refresh(NOW);
      expect(results.at(-1)?.full).toBe(true);
      const rowVersions = async () =>
        new Map(
          (
            await sql<{
              k: string;
              v: string;
            }>`select period_key || '|' || view_key as k, xmin::text as v from outcome_summary`.execute(testDb())
          ).rows.map((r) => [r.k, r.v]),
        );
      const groupSizes = async () =>
        new Map(
          (
            await sql<{ k: string; v: string; row: string }>`select activity_id || '|' || month as k, xmin::text as v,
              row(sessions, present, present_key, drop_ins, largest, provider_id, category_code)::text as row
              from outcome_group_size`.execute(testDb())
          ).rows.map((r) => [r.k, { v: r.v, row: r.row }]),
        );
      const before = await rowVersions();
      const sizesBefore = await groupSizes();

      // Nothing changed: nothing is rebuilt.
      await refresh(NOW);
      expect(results.at(-1)).toEqual({ full: false, periods: [], groups: 0, people: 0 });
      expect(await rowVersions()).toEqual(before);

      // A change in an old month (person 0's February referral, Melton, is contacted) and one in the current month
      // (person 3, no district, referred again).
      await testDb()
        .updateTable("referral")
        .set({ contacted_at: "2026-03-02T09:00:00Z" })
        .where("id", "=", people[0].referrals[0])
        .execute();
      await outcomeReferral(people[3].id, { received: "2026-11-10T10:00:00Z", source: "self" });
      // Two groups: more drop-ins at z's May session, and person 0 present at x's April one.
      await testDb()
        .updateTable("activity_session")
        .set({ other_attendees: 33 })
        .where("activity_id", "=", z.id)
        .where("session_date", "=", "2026-05-15")
        .execute();
      await sql`update attendance set status = 'present' where referral_id = ${people[0].referrals[0]}
        and session_id = (select id from activity_session where activity_id = ${x.id} and session_date = '2026-04-15')`.execute(
        testDb(),
      );
      await refresh(NOW);
      const incremental = results.at(-1)!;
      expect(incremental).toEqual({ full: false, periods: [], groups: 2, people: 2 });
      // Only those two groups' sizes are rewritten.
      const sizesAfter = await groupSizes();
      expect(
        [...sizesAfter]
          .filter(([k, v]) => sizesBefore.get(k)?.v !== v.v)
          .map(([k]) => k)
          .sort(),
      ).toEqual([`${x.id}|2026-04-01`, `${z.id}|2026-05-01`].sort());
      const after = await rowVersions();
      const rewritten = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
      // Only views the two people are counted in: everyone, Melton's, the new self-referral's...
      expect(rewritten).toEqual(expect.arrayContaining(["2026-02|", "2026-02|district=melton", "FY2026|source=self"]));
      // ...never a view neither is in, even in a touched period; and a small share of the rows.
      for (const k of ["2026-02|district=charnwood", "FY2025|district=rutland", "2026-11|district=melton"]) {
        expect(before.has(k), k).toBe(true);
        expect(after.get(k), k).toBe(before.get(k));
      }
      expect(rewritten.length).toBeLessThan(before.size / 4);
      const patched = await storedSummaries();
      expect(patched.get("2026-11|source=self")?.["ref.referrals"]).toEqual([1, expect.any(Number)]);
      await refresh(NOW, true);
      expect(results.at(-1)?.full).toBe(true);
      expect(await storedSummaries()).toEqual(patched);
      const rows = (m: Awaited<ReturnType<typeof groupSizes>>) => new Map([...m].map(([k, v]) => [k, v.row]));
      expect(rows(await groupSizes())).toEqual(rows(sizesAfter));

      // The next month, with no data change: the new month and last-12-months window are built, the old window's rows go.
      const december = new Date("2026-12-02T12:00:00Z");
      await refresh(december);
      // December's month holds follow-ups already recorded for then; it was not listed in November.
      expect(new Set(results.at(-1)?.periods)).toEqual(new Set(["2026-12", "L12-2026-11"]));
      const moved = await storedSummaries();
      expect([...moved.keys()].some((k) => k.startsWith("L12-2026-10|"))).toBe(false);
      await refresh(december, true);
      expect(await storedSummaries()).toEqual(moved);

      // The month after, with a change too: the difference goes into the periods built, then the new month and window
      // are built from the facts kept, which already hold it.
      const january = new Date("2027-01-04T12:00:00Z");
      await outcomeReferral(people[7].id, { received: "2027-01-04T09:00:00Z", source: "gp_practice" });
      await refresh(january);
      expect(results.at(-1)).toMatchObject({ full: false, people: 1, groups: 0 });
      expect(new Set(results.at(-1)?.periods)).toEqual(new Set(["2027-01", "2027-Q1", "L12-2026-12"]));
      const withChange = await storedSummaries();
      expect(withChange.get("2027-01|source=gp_practice")?.["ref.referrals"]).toEqual([1, expect.any(Number)]);
      await refresh(january, true);
      expect(await storedSummaries()).toEqual(withChange);
    },
  );

  it("records when they were built, and are stale only once the data changed and five minutes passed", async () => {
    expect(await testDb().selectFrom("outcome_summary_state").selectAll().execute()).toEqual([]);
    expect(await summariesStale(testDb(), NOW)).toBe(true);
    const p = await outcomePerson();
    await outcomeReferral(p.id, { received: "2026-10-05T10:00:00Z" });
    expect(await refreshOutcomeSummaries(testDb(), { now: NOW })).toBe(true);
    // Fresh, so reading them returns what was stored rather than building again.
    const state = await ensureOutcomeSummaries(testDb(), NOW);
    expect(state).toMatchObject({ firstDate: "2026-10-05", lastDate: "2026-10-05" });
    expect(state!.refreshedAt.toISOString()).toBe(NOW.toISOString());
    const later = new Date(NOW.getTime() + FIVE_MINUTES + 1000);
    expect(await summariesStale(testDb(), later)).toBe(false); // nothing changed
    await outcomeReferral(p.id, { received: "2026-10-06T10:00:00Z" });
    expect(await summariesStale(testDb(), new Date(NOW.getTime() + 1000))).toBe(false); // changed, but too soon
    expect(await summariesStale(testDb(), later)).toBe(true);
    // A record key is 0 to 255.
    await expect(sql`update person set record_key = 256 where id = ${p.id}`.execute(testDb())).rejects.toThrow(
      /record_key/,
    );
  });
  it("on the embedded database's policy, are rebuilt by the reader once stale, and otherwise only when missing", async () => {
    const p = await outcomePerson();
    await outcomeReferral(p.id, { received: "2026-10-05T10:00:00Z" });
    const later = new Date(NOW.getTime() + FIVE_MINUTES + 1000);
    try {
      rebuildOutcomeSummariesOnRead(false);
      expect((await ensureOutcomeSummaries(testDb(), NOW)).refreshedAt.toISOString()).toBe(NOW.toISOString());
      await outcomeReferral(p.id, { received: "2026-10-06T10:00:00Z" });
      // Stale, but without the policy a reader does not rebuild: the timer does.
      expect((await ensureOutcomeSummaries(testDb(), later)).lastDate).toBe("2026-10-05");
      rebuildOutcomeSummariesOnRead(true);
      const [a, b] = await Promise.all([
        ensureOutcomeSummaries(testDb(), later),
        ensureOutcomeSummaries(testDb(), later),
      ]);
      expect(a).toMatchObject({ lastDate: "2026-10-06" });
      expect(a.refreshedAt.toISOString()).toBe(later.toISOString());
      expect(b.refreshedAt.toISOString()).toBe(later.toISOString());
      await expectSummariesMatchRawRows();
    } finally {
      rebuildOutcomeSummariesOnRead(false);
    }
  });
});
