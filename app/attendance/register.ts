// The register form: one mark per referred participant, the count of others who came, the version the lead
// loaded and a key that makes a resubmission harmless. Parsed here, without a database.
import { z } from "zod";
import { optionalWholeNumber } from "~/forms/fields";
import { isUuid } from "~/params";
import { orderErrors, parseForm, type Parsed } from "~/forms/parse";

export const attendanceStatuses = ["present", "absent", "excused"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendanceLabels: Record<AttendanceStatus, string> = {
  present: "Present",
  absent: "Absent",
  excused: "Excused",
};

export const MARK_PREFIX = "mark-";
const MAX_OTHER_ATTENDEES = 1000;

export interface RegisterSubmission {
  /** referral id → mark; participants left unmarked are absent from the map. */
  marks: Record<string, AttendanceStatus>;
  otherAttendees: number;
  registerVersion: number;
  idempotencyKey: string;
}

const UNREADABLE = "The register could not be read. Reload the page and try again";

const registerSchema = z.object({
  otherAttendees: optionalWholeNumber("Other attendees", 0, MAX_OTHER_ATTENDEES, {
    whole: "Enter the number of other people who came, like 6",
    min: "The number of other people cannot be below zero",
    max: `The number of other people must be ${MAX_OTHER_ATTENDEES} or fewer`,
  }),
  registerVersion: z
    .string({ error: UNREADABLE })
    .regex(/^\d+$/, UNREADABLE)
    .transform(Number)
    .pipe(z.number().int().safe(UNREADABLE)),
  idempotencyKey: z.uuid({ error: UNREADABLE }),
});

/**
 * Reads a register post: the fixed fields through the form kernel, and one mark per `mark-<referral id>` field
 * (a blank mark leaves that person out). A malformed id, version or key is reported once, at "form".
 */
export function parseRegister(form: FormData): Parsed<RegisterSubmission> {
  const fixed = parseForm(registerSchema, form);
  const errors: Record<string, string> = fixed.ok ? {} : { ...fixed.errors };
  for (const field of ["registerVersion", "idempotencyKey"])
    if (errors[field]) {
      delete errors[field];
      errors.form = UNREADABLE;
    }
  const marks: Record<string, AttendanceStatus> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || !key.startsWith(MARK_PREFIX)) continue;
    const referralId = key.slice(MARK_PREFIX.length);
    if (!isUuid(referralId)) errors.form = UNREADABLE;
    else if (value === "") continue;
    else if (!(attendanceStatuses as readonly string[]).includes(value))
      errors[key] = "Select present, absent or excused";
    else marks[referralId] = value as AttendanceStatus;
  }
  if (!fixed.ok || Object.keys(errors).length)
    return { ok: false, errors: orderErrors(errors, []), values: fixed.values, lists: {} };
  const { otherAttendees, registerVersion, idempotencyKey } = fixed.data;
  return {
    ok: true,
    data: { marks, otherAttendees: otherAttendees ?? 0, registerVersion, idempotencyKey },
    values: fixed.values,
    lists: {},
  };
}

export function countMarks(marks: Record<string, AttendanceStatus>) {
  const counts = { present: 0, absent: 0, excused: 0 };
  for (const m of Object.values(marks)) counts[m] += 1;
  return counts;
}

/** A person's mark on a register, or null when they are not marked. */
export type Mark = AttendanceStatus | null;

export interface MarkDifference {
  referralId: string;
  mine: Mark;
  theirs: Mark;
}

/**
 * Where the marks a lead submitted differ from the register as someone else has since saved it: one entry per
 * person on either side whose marks are not the same (a mark on one side and none on the other counts). `mine` and
 * `theirs` map referral id → mark; people absent from a map are unmarked there. Sorted by referral id, so the order
 * is stable; pages reorder to their own list.
 */
export function markDifferences(
  mine: Record<string, AttendanceStatus>,
  theirs: Record<string, AttendanceStatus | null>,
): MarkDifference[] {
  const ids = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
  return ids
    .map((referralId) => ({ referralId, mine: mine[referralId] ?? null, theirs: theirs[referralId] ?? null }))
    .filter((d) => d.mine !== d.theirs);
}

/** The register form's values (as posted, `mark-<referral id>` fields) read back as referral id → mark. */
export function marksOfValues(values: Record<string, string | undefined>): Record<string, AttendanceStatus> {
  const marks: Record<string, AttendanceStatus> = {};
  for (const [key, value] of Object.entries(values))
    if (key.startsWith(MARK_PREFIX) && (attendanceStatuses as readonly string[]).includes(value ?? ""))
      marks[key.slice(MARK_PREFIX.length)] = value as AttendanceStatus;
  return marks;
}
