import { sql, type Transaction } from "kysely";
import type { DB } from "../types";

// Loading millions of rows into tables whose indexes and foreign keys are live costs a random B-tree insert and a
// key lookup per row; building the same index once from sorted data, and checking each foreign key with one join,
// is many times faster. This is what pg_restore does. The definitions are read from the catalogue before they are
// dropped and recreated verbatim, so the schema after loading is exactly what the migrations made, whatever
// migrations have been added since this file was written. Everything runs inside the caller's transaction: a
// failure leaves the database as it was.

interface Saved {
  foreignKeys: { table: string; name: string; def: string }[];
  keys: { table: string; name: string; def: string }[];
  indexes: { name: string; def: string }[];
}

export async function dropIndexesAndKeys(trx: Transaction<DB>, tables: readonly string[]): Promise<Saved> {
  const names = sql.join(tables.map((t) => sql.lit(t)));
  // Foreign keys touching the tables from either side, so primary keys can be dropped.
  const fks = await sql<{ table: string; name: string; def: string }>`
    select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace
      and (c.conrelid::regclass::text in (${names}) or c.confrelid::regclass::text in (${names}))
    order by 1, 2`.execute(trx);
  const keys = await sql<{ table: string; name: string; def: string }>`
    select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c
    where c.contype in ('p', 'u') and c.connamespace = 'public'::regnamespace and c.conrelid::regclass::text in (${names})
    order by 1, 2`.execute(trx);
  const indexes = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid::regclass::text in (${names})
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))
    order by 1`.execute(trx);

  for (const fk of fks.rows) await sql`alter table ${sql.id(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(trx);
  for (const k of keys.rows) await sql`alter table ${sql.id(k.table)} drop constraint ${sql.id(k.name)}`.execute(trx);
  for (const ix of indexes.rows) await sql`drop index ${sql.id(ix.name)}`.execute(trx);
  return { foreignKeys: fks.rows, keys: keys.rows, indexes: indexes.rows };
}

/** Rebuilds what dropIndexesAndKeys removed: keys first (foreign keys need them), then indexes, then foreign keys. */
export async function restoreIndexesAndKeys(
  trx: Transaction<DB>,
  saved: Saved,
  onStep?: (what: string, ms: number) => void,
): Promise<void> {
  const timed = async (what: string, run: () => Promise<unknown>) => {
    const t0 = Date.now();
    await run();
    onStep?.(what, Date.now() - t0);
  };
  for (const k of saved.keys) {
    await timed(k.name, () =>
      sql`alter table ${sql.id(k.table)} add constraint ${sql.id(k.name)} ${sql.raw(k.def)}`.execute(trx),
    );
  }
  for (const ix of saved.indexes) await timed(ix.name, () => sql.raw(ix.def).execute(trx));
  for (const fk of saved.foreignKeys) {
    await timed(fk.name, () =>
      sql`alter table ${sql.id(fk.table)} add constraint ${sql.id(fk.name)} ${sql.raw(fk.def)}`.execute(trx),
    );
  }
}
