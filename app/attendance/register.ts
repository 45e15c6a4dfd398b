// The register form: one mark per referred participant, the count of others who came, the version the lead
// loaded and a key that makes a resubmission harmless. Parsed here, without a database.
export const attendanceStatuses = ["present", "absent", "excused"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendanceLabels: Record<AttendanceStatus, string> = {
  present: "Present",
  absent: "Absent",
  excused: "Excused",
};

export const MARK_PREFIX = "mark-";
export const MAX_OTHER_ATTENDEES = 1000;

export interface RegisterSubmission {
  /** referral id → mark; participants left unmarked are absent from the map. */
  marks: Record<string, AttendanceStatus>;
  otherAttendees: number;
  registerVersion: number;
  idempotencyKey: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RegisterParse =
  | { ok: true; data: RegisterSubmission }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export function parseRegister(form: FormData): RegisterParse {
  const errors: Record<string, string> = {};
  const values: Record<string, string> = {};
  const marks: Record<string, AttendanceStatus> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    values[key] = value;
    if (!key.startsWith(MARK_PREFIX)) continue;
    const referralId = key.slice(MARK_PREFIX.length);
    if (!UUID.test(referralId)) {
      errors.form = "The register could not be read. Reload the page and try again";
      continue;
    }
    if (value === "") continue;
    if (!(attendanceStatuses as readonly string[]).includes(value)) errors[key] = "Select present, absent or excused";
    else marks[referralId] = value as AttendanceStatus;
  }
  const othersText = (values.otherAttendees ?? "").trim();
  let otherAttendees = 0;
  if (othersText !== "") {
    if (!/^-?\d+$/.test(othersText)) errors.otherAttendees = "Enter the number of other people who came, like 6";
    else if (Number(othersText) < 0) errors.otherAttendees = "The number of other people cannot be below zero";
    else if (Number(othersText) > MAX_OTHER_ATTENDEES)
      errors.otherAttendees = `The number of other people must be ${MAX_OTHER_ATTENDEES} or fewer`;
    else otherAttendees = Number(othersText);
  }
  const version = Number(values.registerVersion);
  if (!/^\d+$/.test(values.registerVersion ?? "") || !Number.isSafeInteger(version))
    errors.form = "The register could not be read. Reload the page and try again";
  const key = values.idempotencyKey ?? "";
  if (!UUID.test(key)) errors.form = "The register could not be read. Reload the page and try again";
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, data: { marks, otherAttendees, registerVersion: version, idempotencyKey: key } };
}

export function countMarks(marks: Record<string, AttendanceStatus>) {
  const counts = { present: 0, absent: 0, excused: 0 };
  for (const m of Object.values(marks)) counts[m] += 1;
  return counts;
}
