// The subject access export's shape (the JSON download and the printable page read the same object) and how its
// values read on the page. Pure: no database. See docs/decisions/0810-subject-access-export.md.

/** The export format's name and version, written in every JSON download. */
export const SUBJECT_ACCESS_FORMAT = "connect-well-subject-access/1";

/** One table's rows about the person: every column, as PostgreSQL's `to_jsonb` gives it. */
export interface SubjectTableRows {
  table: string;
  label: string;
  rows: Record<string, unknown>[];
}

/** One entry of the person's access history: an audit row that names them or one of their records. */
export interface AccessEvent {
  /** ISO 8601 instant. */
  occurredAt: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  /** The audit action code, e.g. `person.read`, `person.listed`, `person.export`. */
  action: string;
  outcome: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  /** What the action recorded: the list a person was shown in, the fields changed, a reason given. */
  details: unknown;
}

/** Everything held about one person: their records (the survivor and any merged into it) and who accessed them. */
export interface SubjectExport {
  format: typeof SUBJECT_ACCESS_FORMAT;
  /** ISO 8601 instant. */
  generatedAt: string;
  generatedBy: { userId: string | null; role: string | null };
  subject: {
    /** The surviving record. */
    personId: string;
    /** Every record of the person: the survivor first, then records merged into it. */
    recordIds: string[];
  };
  tables: SubjectTableRows[];
  accessHistory: AccessEvent[];
}

const actionLabels: Record<string, string> = {
  "person.read": "Opened the record",
  "person.listed": "Shown in a list",
  "person.create": "Created the record",
  "person.update": "Changed the record",
  "person.merge": "Merged records",
  "person.export": "Subject access export",
  "person.search": "Searched for people",
  "person.subject-access-search": "Found for a subject access request",
  "person.duplicates-list": "Listed as a possible duplicate",
  "person.merged-away": "Merged into another record",
  "person.break_glass": "Joined the care team by breaking glass",
  "person.break_glass.reviewed": "Break-glass access reviewed",
  "person.care_team.join": "Joined the care team",
  "case-note.create": "Wrote a case note",
  "self-referral.read": "Opened a self-referral",
  "self-referral.link": "Linked a self-referral to the record",
  "self-referral.create-person": "Recorded the person from a self-referral",
  "referral.read": "Opened a referral",
  "referral.inbound-list": "Listed referrals waiting for an activity's answer",
  "person.duplicate-check": "Checked for possible duplicates",
  "referral.create": "Made a referral",
  "referral.update": "Changed a referral",
  "referral.transition": "Changed a referral's status",
  "measure.record": "Recorded a questionnaire",
  "measures.view": "Viewed questionnaires",
  "measures.self.start": "Started self-completion",
  "measures.self.view": "Opened self-completion",
  "measures.self.complete": "Completed self-completion",
  "register.save": "Saved a register",
  "register.view": "Viewed a register",
  "befriending.view": "Viewed a befriending scheme's people",
  "befriending.match": "Matched with a befriender",
  "befriending.call": "Recorded a befriending call",
  "triage.read": "Opened a self-referral",
  "access.denied": "Access refused",
};

/** A readable name for an audit action code; the code itself when it has none. */
export function actionLabel(action: string): string {
  return actionLabels[action] ?? action;
}

/** One thing an access history entry recorded, as a label and its value in words. */
export interface DetailEntry {
  label: string;
  value: string;
}

const detailLabels: Record<string, string> = { reason: "Reason given", list: "Shown in" };

/**
 * An audit entry's details as labelled lines for the printable history, so a reader need not read JSON: a stated
 * reason first ("Reason given", as breaking glass records it, docs/decisions/0801), then every other key in the
 * order recorded, camelCase keys in words (`breakGlassId` → "Break glass id"). The list a person was shown in is
 * named in words with its code (`person.search` → "Searched for people (person.search)"). Nothing is left out:
 * values read as `displayValue` gives them. Details that are not an object read as one "Details" line; none, none.
 */
export function detailEntries(details: unknown): DetailEntry[] {
  if (details === null || details === undefined) return [];
  if (typeof details !== "object" || Array.isArray(details))
    return [{ label: "Details", value: displayValue(details) }];
  const entries = Object.entries(details as Record<string, unknown>);
  entries.sort(([a], [b]) => Number(b === "reason") - Number(a === "reason"));
  return entries.map(([key, value]) => ({
    label: detailLabels[key] ?? columnLabel(key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()),
    value:
      key === "list" && typeof value === "string" && actionLabel(value) !== value
        ? `${actionLabel(value)} (${value})`
        : displayValue(value),
  }));
}

/** A column name as a heading: `date_of_birth` → "Date of birth". */
export function columnLabel(column: string): string {
  const words = column.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A stored value as text on the printable page: empty values say so, lists are joined, objects (answers, scores,
 * details) are shown as compact JSON so nothing held is hidden.
 */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "Not recorded";
  if (Array.isArray(value)) return value.length ? value.map((v) => displayValue(v)).join(", ") : "None";
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/** The download's file name: the record id only, never a name or NHS number. */
export function exportFileName(personId: string, generatedAt: string): string {
  return `subject-access-${personId}-${generatedAt.slice(0, 10)}.json`;
}
