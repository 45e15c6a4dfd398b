// Every code list a page shows back in words outside the form or page that collects it, with where its codes
// appear: the form fields that post them (a refused form's answers, app/field-values.ts) and the table columns
// that store them (the subject access export's printable page, app/person-record/subject-labels.ts). One table, so
// a list is named once for both. It sits above the domains whose code lists it reads.

import { callOutcomes } from "~/attendance/befriending";
import { attendanceLabels } from "~/attendance/register";
import { roleLabels } from "~/auth/roles";
import type { CodeLabels } from "~/labels";
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

interface CodeListUse {
  labels: CodeLabels;
  /** The names form fields post its codes under (a register mark as `mark`). */
  fields?: readonly string[];
  /** The columns that store its codes, as "table.column" (tables as `subjectTables` names them). */
  columns?: readonly string[];
}

const codeListUses: readonly CodeListUse[] = [
  { labels: needs, fields: ["needs"], columns: ["referral.needs"] },
  { labels: barriers, fields: ["barriers"], columns: ["referral.barriers"] },
  { labels: referralSources, fields: ["source"], columns: ["referral.source"] },
  { labels: sexes, fields: ["sex"], columns: ["person.sex"] },
  { labels: ethnicityLabels, fields: ["ethnicity"], columns: ["person.ethnicity"] },
  { labels: contactMethods, fields: ["preferredContact"], columns: ["person.preferred_contact"] },
  { labels: bestTimes, fields: ["bestTime"], columns: ["self_referral.best_time"] },
  { labels: selfReferralTopics, fields: ["topics"], columns: ["self_referral.topics"] },
  { labels: declinedByLabels, fields: ["declinedBy"], columns: ["referral.declined_by"] },
  { labels: endReasonLabels, fields: ["endReason"], columns: ["referral.end_reason"] },
  { labels: callOutcomes, fields: ["outcome"], columns: ["befriending_call.outcome"] },
  { labels: roleLabels, fields: ["role"] },
  {
    labels: timePointLabels,
    fields: ["timePoint"],
    columns: ["measure_response.time_point", "measure_self_session.time_point"],
  },
  {
    labels: shortNames,
    fields: ["instrument", "instrumentCode", "instrumentCodes"],
    columns: ["measure_response.instrument_code", "measure_self_session.instrument_codes"],
  },
  { labels: attendanceLabels, fields: ["mark"], columns: ["attendance.status"] },
  { labels: modeLabels, columns: ["measure_response.mode"] },
  { labels: careTeamBasisLabels, columns: ["care_team_member.basis"] },
  { labels: consentKinds, columns: ["person_consent.kind"] },
  { labels: noteKinds, columns: ["case_note.kind"] },
  { labels: statusLabels, columns: ["referral.status", "referral_event.from_status", "referral_event.to_status"] },
  { labels: referralKindLabels, columns: ["referral.kind"] },
  { labels: snomedCodeLabels, columns: ["referral.snomed_code"] },
];

/** The code list of each form field that posts codes, by the name it posts under. */
export const codesByField: ReadonlyMap<string, CodeLabels> = new Map(
  codeListUses.flatMap((use) => (use.fields ?? []).map((field) => [field, use.labels] as const)),
);

/** The code list of each coded column, keyed by table, then column. */
export const codesByColumn: Readonly<Record<string, Readonly<Record<string, CodeLabels>>>> = (() => {
  const tables: Record<string, Record<string, CodeLabels>> = {};
  for (const use of codeListUses)
    for (const at of use.columns ?? []) {
      const [table, column] = at.split(".");
      (tables[table] ??= {})[column] = use.labels;
    }
  return tables;
})();
