import type { Transaction } from "kysely";
import { addDays, londonDate, londonToday } from "../../app/calendar";
import { getInstrument, scoreResponse } from "../../app/measures/scoring";
import type { TimePoint } from "../../app/measures/time-points";
import type { DB } from "../types";

// Demo measures for the demo referrals already in the database, scored by the real engine. The story the
// journeys describe: a widowed man, lonely at baseline (UCLA-3 7 of 9, low wellbeing), who after joining an
// activity scores 4 (not lonely) with SWEMWBS up by more than the 3-point meaningful change. A few referrals
// are left without a baseline so the caseload shows measures due.

/** Answers to a summed instrument whose items add up to `total`, spread as evenly as the options allow. */
function answersForTotal(code: string, total: number): Record<string, number> {
  const instrument = getInstrument(code);
  const values = instrument.items.map((i) => i.options[0].value);
  const top = instrument.items[0].options[instrument.items[0].options.length - 1].value;
  let left = total - values.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % values.length) {
    if (values[i] < top) {
      values[i] += 1;
      left -= 1;
    }
  }
  return Object.fromEntries(instrument.items.map((item, i) => [item.id, values[i]]));
}

const ons4 = (life: number, worthwhile: number, happy: number, anxious: number) => ({
  ons4_life_satisfaction: life,
  ons4_worthwhile: worthwhile,
  ons4_happiness: happy,
  ons4_anxiety: anxious,
});

interface Planned {
  code: string;
  timePoint: TimePoint;
  followUpWeek: number | null;
  on: string;
  answers: Record<string, number>;
  mode?: "staff" | "self";
}

export async function seedMeasures(trx: Transaction<DB>) {
  const referrals = await trx
    .selectFrom("referral as r")
    .innerJoin("person as p", "p.id", "r.person_id")
    .select([
      "r.id",
      "r.person_id",
      "r.status",
      "r.received_at",
      "r.first_attended_on",
      "r.needs",
      "r.caseworker_id",
      "p.sex",
      "p.given_name",
    ])
    .where("r.status", "in", ["accepted", "attending", "ended", "contacted"])
    .orderBy("r.received_at")
    .execute();
  if (referrals.length === 0) return;
  const today = londonToday();
  const clamp = (d: string) => (d > today ? today : d);

  // The widowed man: the longest-standing referral of a man referred for bereavement.
  const widower = referrals.find((r) => r.sex === "male" && r.needs.includes("bereavement"));

  const plans = new Map<string, Planned[]>();
  referrals.forEach((r, n) => {
    const received = londonDate(r.received_at);
    const baselineOn = clamp(
      r.first_attended_on && r.first_attended_on < addDays(received, 2) ? r.first_attended_on : addDays(received, 2),
    );
    // Too recent to have been seen yet: leave the baseline due.
    if (baselineOn >= today && r !== widower) return;
    const list: Planned[] = [];
    if (r === widower) {
      list.push({
        code: "ucla3",
        timePoint: "baseline",
        followUpWeek: null,
        on: baselineOn,
        answers: { ucla3_companionship: 3, ucla3_left_out: 2, ucla3_isolated: 2 },
      });
      list.push({
        code: "swemwbs",
        timePoint: "baseline",
        followUpWeek: null,
        on: baselineOn,
        answers: answersForTotal("swemwbs", 17),
      });
      // Six weeks after his first session where the register has one; otherwise today, so the story shows.
      const followOn = clamp(r.first_attended_on ? addDays(r.first_attended_on, 42) : today);
      if (followOn > baselineOn) {
        list.push({
          code: "ucla3",
          timePoint: "follow_up",
          followUpWeek: 6,
          on: followOn,
          answers: { ucla3_companionship: 2, ucla3_left_out: 1, ucla3_isolated: 1 },
        });
        list.push({
          code: "swemwbs",
          timePoint: "follow_up",
          followUpWeek: 6,
          on: followOn,
          answers: answersForTotal("swemwbs", 22),
          mode: "self",
        });
      }
    } else {
      const ucla = [6, 8, 5, 7, 6][n % 5];
      const raw = [19, 16, 21, 18, 20][n % 5];
      list.push({
        code: "ucla3",
        timePoint: "baseline",
        followUpWeek: null,
        on: baselineOn,
        answers: answersForTotal("ucla3", ucla),
      });
      list.push({
        code: "swemwbs",
        timePoint: "baseline",
        followUpWeek: null,
        on: baselineOn,
        answers: answersForTotal("swemwbs", raw),
      });
      if (n % 2 === 0)
        list.push({
          code: "ons4",
          timePoint: "baseline",
          followUpWeek: null,
          on: baselineOn,
          answers: ons4(4 + (n % 3), 5, 4 + (n % 4), 6 - (n % 3)),
        });
      if (n % 3 === 1)
        list.push({
          code: "djg6",
          timePoint: "baseline",
          followUpWeek: null,
          on: baselineOn,
          answers: {
            djg_emptiness: 1,
            djg_miss_people: 1,
            djg_rejected: 3,
            djg_lean_on: 2,
            djg_trust: 3,
            djg_close: 1,
          },
        });
      // Follow-ups only where a first session was long enough ago; the most recent is left due.
      if (r.first_attended_on && addDays(r.first_attended_on, 12 * 7) <= today) {
        const on = addDays(r.first_attended_on, 42);
        list.push({
          code: "ucla3",
          timePoint: "follow_up",
          followUpWeek: 6,
          on,
          answers: answersForTotal("ucla3", Math.max(3, ucla - 2)),
        });
        list.push({
          code: "swemwbs",
          timePoint: "follow_up",
          followUpWeek: 6,
          on,
          answers: answersForTotal("swemwbs", Math.min(35, raw + 2)),
        });
      }
    }
    plans.set(r.id, list);
  });

  for (const r of referrals) {
    for (const p of plans.get(r.id) ?? []) {
      const instrument = getInstrument(p.code);
      const scored = scoreResponse(p.code, p.answers);
      await trx
        .insertInto("measure_response")
        .values({
          person_id: r.person_id,
          referral_id: r.id,
          instrument_code: p.code,
          instrument_version: instrument.version,
          time_point: p.timePoint,
          follow_up_week: p.followUpWeek,
          administered_on: p.on,
          mode: p.mode ?? "staff",
          answers: JSON.stringify(p.answers),
          scores: JSON.stringify(scored.scores),
          bands: JSON.stringify(scored.bands),
          recorded_by: r.caseworker_id,
          recorded_at: new Date(`${p.on}T11:00:00Z`),
        })
        .execute();
    }
  }
}
