import { codesByColumn } from "~/code-lists";
import { labelOf } from "~/labels";

/**
 * A stored value of `table.column` with its codes in words, so the subject access export's printable page shows
 * "Phone call" where the record holds `phone` (the JSON download keeps the stored codes): a code becomes its label
 * and a list of codes a list of labels; any other value (and a column with no code list, app/code-lists.ts) is
 * returned as stored. Tables and columns as `subjectTables` (app/people/subject-tables.server.ts) names them.
 */
export function labelledSubjectValue(table: string, column: string, value: unknown): unknown {
  const labels = codesByColumn[table]?.[column];
  if (!labels) return value;
  if (typeof value === "string") return labelOf(labels, value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? labelOf(labels, v) : v));
  return value;
}
