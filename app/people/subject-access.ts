// The subject access export's shape (the JSON download and the printable page read the same object) and how its
// values read on the page. Pure: no database. See docs/decisions/0810-subject-access-export.md.

import { auditActionLabels } from "~/audit/actions";
import { auditEntityLabels } from "~/audit/trail";
import { labelOf } from "~/labels";

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

/** A readable name for an audit action code, from the trail's own labels (app/audit/actions.ts). */
export function actionLabel(action: string): string {
  return labelOf(auditActionLabels, action);
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
 * named in words (`person.search` → "Searched for people"), and an export's row counts name their tables in
 * words ("Person: 1, Referral: 3"). Nothing is left out:
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
      key === "list" && typeof value === "string"
        ? actionLabel(value)
        : key === "rows" && isCounts(value)
          ? Object.entries(value)
              .map(([table, n]) => `${labelOf(auditEntityLabels, table)}: ${n}`)
              .join(", ")
          : displayValue(value),
  }));
}

/** `{ person: 1, referral: 3 }`: an export's rows counted by table. */
function isCounts(value: unknown): value is Record<string, number> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((n) => typeof n === "number")
  );
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
