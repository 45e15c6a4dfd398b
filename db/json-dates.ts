// Rows read through JSON (Kysely's jsonArrayFrom) carry timestamps as ISO text, since JSON has no date type.
// Kysely types them as strings; these turn the named fields back into the dates the rest of the app takes.

export type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: null extends T[P] ? Date | null : Date };

export function withDates<T extends object, K extends keyof T>(rows: T[], ...fields: K[]): Dated<T, K>[] {
  return rows.map((row) => {
    const out = { ...row } as Record<string, unknown>;
    for (const f of fields) {
      const v = row[f];
      out[f as string] = typeof v === "string" ? new Date(v) : v;
    }
    return out as Dated<T, K>;
  });
}
