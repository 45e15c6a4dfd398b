import { describe, expect, it } from "vitest";
import { dueItems, measureSchedule, sortDue, type ReferralForDue, type ResponseForDue } from "~/measures/due";

const referral = (over: Partial<ReferralForDue> = {}): ReferralForDue => ({
  id: "r1",
  status: "attending",
  receivedOn: "2026-01-01",
  firstSessionOn: "2026-01-15",
  endedOn: null,
  followUpWeeks: [6, 12],
  ...over,
});
const baseline = (code = "ucla3"): ResponseForDue => ({
  instrumentCode: code,
  timePoint: "baseline",
  followUpWeek: null,
});
const follow = (week: number, code = "ucla3"): ResponseForDue => ({
  instrumentCode: code,
  timePoint: "follow_up",
  followUpWeek: week,
});
const statusOn = (today: string, r = referral(), responses: ResponseForDue[] = []) =>
  Object.fromEntries(measureSchedule(r, responses, today).map((m) => [m.label, m.status]));

describe("baseline", () => {
  it("is due from the day the referral arrives until the first session, then overdue", () => {
    expect(statusOn("2026-01-01")["Baseline"]).toBe("due");
    expect(statusOn("2026-01-15")["Baseline"]).toBe("due");
    expect(statusOn("2026-01-16")["Baseline"]).toBe("overdue");
  });

  it("stops being asked for once the first follow-up window opens", () => {
    // Week 6 target 2026-02-26; window opens 7 days earlier (2026-02-19).
    expect(statusOn("2026-02-18")["Baseline"]).toBe("overdue");
    expect(statusOn("2026-02-19")["Baseline"]).toBe("missed");
  });

  it("without a first session targets 14 days after the referral and stays overdue while open", () => {
    const r = referral({ firstSessionOn: null });
    expect(statusOn("2026-01-15", r)["Baseline"]).toBe("due");
    expect(statusOn("2026-01-16", r)["Baseline"]).toBe("overdue");
    expect(statusOn("2027-01-01", r)["Baseline"]).toBe("overdue");
    // No follow-ups are scheduled before a first session.
    expect(Object.keys(statusOn("2026-03-01", r))).toEqual(["Baseline"]);
  });

  it("is done when every core instrument has a baseline; other instruments are tracked once they have one", () => {
    expect(statusOn("2026-01-05", referral(), [baseline("ucla3")])["Baseline"]).toBe("due");
    expect(statusOn("2026-01-05", referral(), [baseline("ucla3"), baseline("swemwbs")])["Baseline"]).toBe("done");
    const [item] = dueItems(referral({ firstSessionOn: null }), [], "2026-01-05");
    expect(item.outstanding).toEqual(["ucla3", "swemwbs"]);
    const withDjg = [
      baseline("ucla3"),
      baseline("swemwbs"),
      baseline("djg6"),
      follow(6, "ucla3"),
      follow(6, "swemwbs"),
    ];
    expect(dueItems(referral(), withDjg, "2026-02-26")).toMatchObject([
      { label: "6-week follow-up", outstanding: ["djg6"] },
    ]);
  });
});

describe("follow-ups", () => {
  it("open 7 days before the target, are overdue after 14 days' grace and missed when the next one opens", () => {
    const r = referral();
    const done = [baseline("ucla3"), baseline("swemwbs")];
    // Week 6 target: 2026-02-26.
    expect(statusOn("2026-02-18", r, done)["6-week follow-up"]).toBe("upcoming");
    expect(statusOn("2026-02-19", r, done)["6-week follow-up"]).toBe("due");
    expect(statusOn("2026-03-12", r, done)["6-week follow-up"]).toBe("due");
    expect(statusOn("2026-03-13", r, done)["6-week follow-up"]).toBe("overdue");
    // Week 12 target 2026-04-09, opens 2026-04-02: week 6 is missed from then.
    expect(statusOn("2026-04-01", r, done)["6-week follow-up"]).toBe("overdue");
    expect(statusOn("2026-04-02", r, done)["6-week follow-up"]).toBe("missed");
    expect(statusOn("2026-04-02", r, done)["12-week follow-up"]).toBe("due");
  });

  it("the last follow-up is missed 6 weeks after its target", () => {
    const r = referral();
    expect(statusOn("2026-05-21", r, [baseline(), baseline("swemwbs")])["12-week follow-up"]).toBe("overdue");
    expect(statusOn("2026-05-22", r, [baseline(), baseline("swemwbs")])["12-week follow-up"]).toBe("missed");
  });

  it("uses the activity's own schedule", () => {
    const r = referral({ followUpWeeks: [4, 8, 26] });
    const labels = Object.keys(statusOn("2026-01-20", r));
    expect(labels).toEqual(["Baseline", "4-week follow-up", "8-week follow-up", "26-week follow-up"]);
  });

  it("is done only for the week recorded", () => {
    const s = statusOn("2026-04-05", referral(), [baseline(), baseline("swemwbs"), follow(6), follow(6, "swemwbs")]);
    expect(s["6-week follow-up"]).toBe("done");
    expect(s["12-week follow-up"]).toBe("due");
  });

  it("lists instruments still outstanding when only some were recorded", () => {
    const items = dueItems(referral(), [baseline("ucla3"), baseline("swemwbs"), follow(6, "ucla3")], "2026-02-26");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      label: "6-week follow-up",
      status: "due",
      outstanding: ["swemwbs"],
      dueOn: "2026-02-26",
    });
  });
});

describe("exit and closed referrals", () => {
  it("an ended referral asks only for its exit measure: due, overdue after 14 days, missed after 6 weeks", () => {
    const r = referral({ status: "ended", endedOn: "2026-03-01" });
    const s = statusOn("2026-03-02", r, [baseline()]);
    expect(s["Exit"]).toBe("due");
    expect(s["6-week follow-up"]).toBe("missed");
    expect(statusOn("2026-03-16", r, [baseline()])["Exit"]).toBe("overdue");
    expect(statusOn("2026-04-13", r, [baseline()])["Exit"]).toBe("missed");
    const exits = ["ucla3", "swemwbs"].map((code) => ({
      instrumentCode: code,
      timePoint: "exit" as const,
      followUpWeek: null,
    }));
    expect(dueItems(r, [baseline(), ...exits], "2026-03-02")).toEqual([]);
  });

  it("a declined referral has nothing due", () => {
    expect(measureSchedule(referral({ status: "declined" }), [], "2026-01-20")).toEqual([]);
  });

  it("lists overdue before due, across referrals, then by target date", () => {
    const late = referral({ id: "late", firstSessionOn: null, receivedOn: "2026-01-01" }); // baseline overdue from 2026-01-16
    const fresh = referral({ id: "fresh", firstSessionOn: null, receivedOn: "2026-01-20" }); // baseline due
    const items = sortDue([...dueItems(fresh, [], "2026-01-25"), ...dueItems(late, [], "2026-01-25")]);
    expect(items.map((i) => [i.referralId, i.status])).toEqual([
      ["late", "overdue"],
      ["fresh", "due"],
    ]);
  });
});
