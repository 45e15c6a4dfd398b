// Value for money: the cost an administrator entered for the period, divided by published counts of people.
// Pure. No social-return ratio or monetised outcome is ever computed: those need assumptions a report cannot show.
import type { Cell } from "~/outcomes/model";
import type { ValueForMoney } from "./model";
import { formatPounds } from "./costs";

/** Cost per person in whole pounds, or the count's own mark when it is not a positive published number. */
function perPerson(costPence: number, count: Cell): Cell {
  if (typeof count !== "number") return count === null ? null : "*";
  if (count <= 0) return null;
  return Math.round(costPence / 100 / count);
}

/**
 * The value-for-money figures from a cost in pence and the published counts (people supported, people completing,
 * people with a meaningful improvement). A suppressed count gives "*"; a zero or missing one gives null ("no one
 * to divide by"). Dividing published (rounded) counts keeps these figures consistent with the tables beside them.
 */
export function valueForMoney(
  costPence: number,
  counts: { supported: Cell; completing: Cell; improved: Cell },
): ValueForMoney {
  return {
    cost: costPence / 100,
    perPersonSupported: perPerson(costPence, counts.supported),
    perPersonCompleting: perPerson(costPence, counts.completing),
    perPersonImproved: perPerson(costPence, counts.improved),
    note:
      `The service's cost for the period, ${formatPounds(costPence)}, as entered by an administrator, divided by ` +
      "the published counts in this report (already rounded under the disclosure rule), to the nearest pound: " +
      "people referred; referrals that ended after attending; and people whose loneliness score improved by at " +
      "least the meaningful amount (their published pairs times the published percentage). A figure built on a " +
      "count too small to show is shown as *. These are costs per person, not a social return on investment: no " +
      "monetary value is put on anyone's wellbeing.",
  };
}
