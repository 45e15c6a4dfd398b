import { CompiledQuery, type Compilable, type Kysely } from "kysely";
import { PLAN_EACH_CALL } from "./prepared-client";
import type { DB } from "./types";

// Kysely builds a tree of nodes for a query and compiles it to SQL on every call. For the few statements every
// busy page runs, that costs the app more CPU than the statement costs PostgreSQL (the person page's statement:
// a person, seven lists and an audit row). A prepared query is built and compiled once, with stand-ins for its
// values, and each call then only puts its values in place (docs/decisions/0014).

/** Stands for a value given at each call. Used anywhere but as a value, it fails loudly rather than shape the SQL. */
class Slot {
  constructor(readonly name: string) {}
  toString(): never {
    throw new Error(`Prepared query parameter "${this.name}" was used inside a string: pass it as a value`);
  }
  toJSON(): never {
    return this.toString();
  }
}

/**
 * A Kysely query compiled once and run with each call's `params`. `build` receives stand-ins for the params and
 * must give the same SQL whatever their values: use them only as values (compared, inserted, or interpolated in
 * `sql` as a value), never to choose the query's shape (an `in` list's length, a branch, a string built from one).
 *
 * `planEachCall`: PostgreSQL plans the statement for each call's values instead of keeping a plan per connection.
 * For a statement whose best plan depends on the value: `like '%term%'` is best read in table order for a common
 * term (the first rows match) and from the trigram index for a rare one, and a plan kept for any term is the same
 * for both (measured for "%smit%": 2 ms planned for it, 18 ms with the plan kept).
 */
export function preparedQuery<P extends Record<string, unknown>, R>(
  build: (db: Kysely<DB>, params: P) => Compilable<R>,
  opts: { planEachCall?: boolean } = {},
) {
  let compiled: { sql: string; values: (Slot | { value: unknown })[] } | null = null;
  return async (db: Kysely<DB>, params: P): Promise<R[]> => {
    if (!compiled) {
      const stand = new Proxy({} as P, { get: (_t, name) => new Slot(String(name)) });
      const query = build(db, stand).compile();
      compiled = {
        sql: opts.planEachCall ? PLAN_EACH_CALL + query.sql : query.sql,
        values: query.parameters.map((v) => (v instanceof Slot ? v : { value: v })),
      };
    }
    const values = compiled.values.map((v) => (v instanceof Slot ? params[v.name] : v.value));
    const result = await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, values));
    return result.rows;
  };
}
