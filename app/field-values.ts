// The words for a coded answer a form posted, for pages that show back what someone typed without the form in front
// of them (the disabled-account page, docs/decisions/0852): "loneliness" reads "Loneliness or social isolation".
// It sits above the domains whose code lists it reads, beside the root that renders that page; auth, which collects
// the answers, stays below them.

import { callOutcomes } from "~/attendance/befriending";
import { attendanceLabels } from "~/attendance/register";
import { roleLabels } from "~/auth/roles";
import { labelOf, type CodeLabels } from "~/labels";
import { shortNames } from "~/measures/catalogue";
import { timePointLabels } from "~/measures/time-points";
import { ethnicityLabels, sexes } from "~/people/equality";
import { contactMethods } from "~/people/person-form";
import { barriers, needs, referralSources } from "~/referrals/codes";
import { declinedByLabels, endReasonLabels } from "~/referrals/lifecycle";
import { bestTimes, selfReferralTopics } from "~/referrals/self-referral";

/** The code list of each form field that posts codes, by the name it posts under (a register mark as `mark`). */
const fieldCodes: Readonly<Record<string, CodeLabels>> = {
  needs,
  barriers,
  source: referralSources,
  sex: sexes,
  ethnicity: ethnicityLabels,
  preferredContact: contactMethods,
  bestTime: bestTimes,
  topics: selfReferralTopics,
  declinedBy: declinedByLabels,
  endReason: endReasonLabels,
  outcome: callOutcomes,
  role: roleLabels,
  timePoint: timePointLabels,
  instrument: shortNames,
  instrumentCode: shortNames,
  instrumentCodes: shortNames,
  mark: attendanceLabels,
};

/**
 * What a field posted, in words: each value of a coded field (`name` as `enteredValues` gives it, app/auth/disabled.ts)
 * becomes its label, joined with commas; any other field's values are joined as typed. A value outside its list is
 * shown as typed, since it may be what the person wrote.
 */
export function enteredValueWords(name: string, values: readonly string[]): string {
  const codes = fieldCodes[name];
  return values.map((v) => (codes && Object.hasOwn(codes, v) ? labelOf(codes, v) : v)).join(", ");
}
