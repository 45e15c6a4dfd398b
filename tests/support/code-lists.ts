import { callOutcomes } from "../../app/attendance/befriending";
import { attendanceLabels } from "../../app/attendance/register";
import { sessionStateLabels } from "../../app/attendance/session-state";
import { auditActionLabels } from "../../app/audit/actions";
import { auditEntityLabels, auditOutcomeLabels } from "../../app/audit/trail";
import { roleLabels } from "../../app/auth/roles";
import {
  accessibilityFeatures,
  activityFormats,
  activityStatuses,
  providerKinds,
  referralModes,
  transportOptions,
} from "../../app/directory/options";
import { dbsStatusLabels } from "../../app/directory/volunteers";
import { shortNames } from "../../app/measures/catalogue";
import { modeLabels, timePointLabels } from "../../app/measures/time-points";
import { ethnicityLabels, sexes } from "../../app/people/equality";
import { noteKinds } from "../../app/people/notes";
import { consentKinds, contactMethods } from "../../app/people/person-form";
import { nextActionLabels } from "../../app/referrals/caseload";
import { barriers, needs, referralSources } from "../../app/referrals/codes";
import {
  declinedByLabels,
  endReasonLabels,
  referralKindLabels,
  snomedCodeLabels,
  statusLabels,
} from "../../app/referrals/lifecycle";
import { bestTimes, selfReferralTopics } from "../../app/referrals/self-referral";

/**
 * Every list of stored codes a user may see, by name, each with its labels as the app keeps them beside the codes.
 * The label tests read this: a list added here must label every code, and pages must show those labels, not codes.
 */
export const codeLists: Record<string, Readonly<Record<string, string>>> = {
  referralStatus: statusLabels,
  endReason: endReasonLabels,
  referralKind: referralKindLabels,
  declinedBy: declinedByLabels,
  snomedCode: snomedCodeLabels,
  referralSource: referralSources,
  need: needs,
  barrier: barriers,
  contactMethod: contactMethods,
  consentKind: consentKinds,
  sex: sexes,
  ethnicity: ethnicityLabels,
  selfReferralTopic: selfReferralTopics,
  bestTime: bestTimes,
  attendance: attendanceLabels,
  sessionState: sessionStateLabels,
  callOutcome: callOutcomes,
  auditAction: auditActionLabels,
  auditOutcome: auditOutcomeLabels,
  auditEntity: auditEntityLabels,
  role: roleLabels,
  measureMode: modeLabels,
  timePoint: timePointLabels,
  instrument: shortNames,
  noteKind: noteKinds,
  nextAction: nextActionLabels,
  dbsStatus: dbsStatusLabels,
  providerKind: providerKinds,
  activityFormat: activityFormats,
  referralMode: referralModes,
  activityStatus: activityStatuses,
  accessibilityFeature: accessibilityFeatures,
  transportOption: transportOptions,
};
