// DBS status of a befriending volunteer. A DBS certificate has no legal expiry: schemes set a renewal date. Where
// none was recorded we assume the common three-year policy, so an old check never counts as current by default.
import { addDays } from "~/calendar";

const DEFAULT_RENEWAL_YEARS = 3;
const DUE_SOON_DAYS = 30;

export type DbsStatus = "missing" | "expired" | "due_soon" | "valid";

export const dbsStatusLabels: Record<DbsStatus, string> = {
  missing: "No DBS check recorded",
  expired: "DBS check expired",
  due_soon: "DBS renewal due soon",
  valid: "DBS check current",
};

/** The colour of each status's tag: current green, due soon yellow, and red where no match may be made. */
export const dbsStatusColours = {
  missing: "red",
  expired: "red",
  due_soon: "yellow",
  valid: "green",
} as const satisfies Record<DbsStatus, string>;

export function renewalDue(checkedOn: string | null, renewalDueOn: string | null): string | null {
  if (renewalDueOn) return renewalDueOn;
  if (!checkedOn) return null;
  const [y, m, d] = checkedOn.split("-").map(Number);
  return new Date(Date.UTC(y + DEFAULT_RENEWAL_YEARS, m - 1, d)).toISOString().slice(0, 10);
}

export function dbsStatus(checkedOn: string | null, renewalDueOn: string | null, today: string): DbsStatus {
  const due = renewalDue(checkedOn, renewalDueOn);
  if (!checkedOn || !due) return "missing";
  if (due <= today) return "expired";
  if (due <= addDays(today, DUE_SOON_DAYS)) return "due_soon";
  return "valid";
}

/** Only a volunteer with a current check may be matched to a person. */
export const canBeMatched = (status: DbsStatus) => status === "valid" || status === "due_soon";
