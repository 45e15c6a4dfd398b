import { createHash } from "node:crypto";
import pg from "pg";

// Every page runs the same few dozen statement shapes, and PostgreSQL spends as long planning a short indexed
// read as running it. A named statement is parsed and planned once per connection and reused after
// (measured on the person page's statements with pgbench: 222 transactions/s unnamed, 441/s named). PostgreSQL
// keeps re-planning per call where a generic plan would be worse (a LIKE pattern, for one): plan_cache_mode auto.
// Only data statements are named; transaction control and schema changes go through unnamed, as before.
// A statement that starts with PLAN_EACH_CALL is sent unnamed too, so it is planned for each call's values: see
// preparedQuery's `planEachCall`.
export const PLAN_EACH_CALL = "/* planned for each call's values */ ";
const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;
// Statement shapes are fixed by the code, except IN lists, which vary with their length: past this many, new
// shapes are sent unnamed rather than grow every connection's cache without end.
const MAX_NAMES = 2_000;
const names = new Map<string, string>();

export function statementName(text: string): string | null {
  let name = names.get(text);
  if (name) return name;
  if (names.size >= MAX_NAMES || !NAMEABLE.test(text)) return null;
  name = `cw_${createHash("sha1").update(text).digest("base64url")}`;
  names.set(text, name);
  return name;
}

/** A pg client that sends Kysely's parameterised statements as named (prepared) statements. */
export class PreparingClient extends pg.Client {
  // pg's query() has many overloads; Kysely calls query(text, values) and expects a promise.
  override query(...args: unknown[]): never {
    const [config, values] = args;
    if (typeof config === "string" && Array.isArray(values) && args.length === 2) {
      const name = statementName(config);
      if (name) return super.query({ name, text: config, values } as pg.QueryConfig) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
