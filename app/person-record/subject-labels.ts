import { callOutcomes } from "~/attendance/befriending";
import { attendanceLabels } from "~/attendance/register";
import { labelOf, type CodeLabels } from "~/labels";
import { shortNames } from "~/measures/catalogue";
import { modeLabels, timePointLabels } from "~/measures/time-points";
import { CARE_TEAM_BASES, careTeamWayLabel } from "~/people/care-team";
import { ethnicityLabels, sexes } from "~/people/equality";
import { noteKinds } from "~/people/notes";
import { consentKinds, contactMethods } from "~/people/person-form";
import { barriers, needs, referralSources } from "~/referrals/codes";
import {
  declinedByLabels,
  endReasonLabels,
  referralKindLabels,
  snomedCodeLabels,
  statusLabels,
} from "~/referrals/lifecycle";
import { bestTimes, selfReferralTopics } from "~/referrals/self-referral";

/** How a care team row began, in the care team's own words ("recorded the person", ...). */
const careTeamBasisLabels = Object.fromEntries(
  CARE_TEAM_BASES.map((basis) => [basis, careTeamWayLabel({ basis, addedBy: null, activity: null })]),
);

/**
 * The coded columns of a subject access export's tables and the list each one's codes belong to, so the printable
 * page shows "Phone call" where the record holds `phone` (the JSON download keeps the stored codes). Keyed by table,
 * then column, as `subjectTables` (app/people/subject-tables.server.ts) names them.
 */
export const subjectCodedColumns: Record<string, Record<string, CodeLabels>> = {
  person: { preferred_contact: contactMethods, sex: sexes, ethnicity: ethnicityLabels },
  care_team_member: { basis: careTeamBasisLabels },
  person_consent: { kind: consentKinds },
  case_note: { kind: noteKinds },
  self_referral: { topics: selfReferralTopics, best_time: bestTimes },
  referral: {
    status: statusLabels,
    kind: referralKindLabels,
    source: referralSources,
    needs,
    barriers,
    end_reason: endReasonLabels,
    declined_by: declinedByLabels,
    snomed_code: snomedCodeLabels,
  },
  referral_event: { from_status: statusLabels, to_status: statusLabels },
  attendance: { status: attendanceLabels },
  measure_response: { instrument_code: shortNames, time_point: timePointLabels, mode: modeLabels },
  measure_self_session: { instrument_codes: shortNames, time_point: timePointLabels },
  befriending_call: { outcome: callOutcomes },
};

/**
 * A stored value of `table.column` with its codes in words: a code becomes its label and a list of codes a list of
 * labels; any other value (and a column with no code list) is returned as stored.
 */
export function labelledSubjectValue(table: string, column: string, value: unknown): unknown {
  const labels = subjectCodedColumns[table]?.[column];
  if (!labels) return value;
  if (typeof value === "string") return labelOf(labels, value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? labelOf(labels, v) : v));
  return value;
}
