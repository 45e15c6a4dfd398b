import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePgliteTemplate } from "../../../db/cli/pglite-template";
import { openConnection, startFromTemplate } from "../../../db/connection";
import { migrateToLatest, migrationsCurrent } from "../../../db/migrate";

// The build's template is what a first start boots from instead of running initdb: it must hold every migration
// and the pg_trgm extension, and it must never be put over a directory that already holds something.
const migrationFiles = readdirSync("migrations").filter((f) => f.endsWith(".ts"));

let work: string;
let template: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "cw-pglite-template-"));
  template = path.join(work, "build", "pglite-template.tar.gz");
  const { migrations } = await writePgliteTemplate(template);
  expect(migrations).toHaveLength(migrationFiles.length);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Everything in the folder holding `dir` other than `dir` itself (an unpacking left behind would show here). */
function besides(dir: string) {
  return readdirSync(path.dirname(dir)).filter((f) => f !== path.basename(dir));
}

describe("embedded database template", () => {
  it("starts a new data directory fully migrated, with pg_trgm, without running the migrations again", async () => {
    const dir = path.join(work, "absent", "pglite");
    const conn = await openConnection({ pgliteDir: dir, pgliteTemplate: template });
    try {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(conn.db);
      expect(rows.map((r) => r.name)).toEqual(migrationFiles.map((f) => f.replace(/\.ts$/, "")).sort());
      expect(await migrateToLatest(conn.db)).toEqual([]);
      expect(await migrationsCurrent(conn.db)).toBe(true);
      const trgm = await sql<{ s: number }>`select similarity('Connect Well', 'Conect Well') as s`.execute(conn.db);
      expect(trgm.rows[0].s).toBeGreaterThan(0.5);
    } finally {
      await conn.close();
    }
    expect(besides(dir)).toEqual([]);
  });

  it("fills an empty directory, and never puts the template over one that holds a database", async () => {
    const dir = path.join(work, "empty", "pglite");
    mkdirSync(dir, { recursive: true });
    const first = await openConnection({ pgliteDir: dir, pgliteTemplate: template });
    try {
      await sql`create table kept (value int)`.execute(first.db);
      await sql`insert into kept values (42)`.execute(first.db);
    } finally {
      await first.close();
    }
    expect(startFromTemplate(dir, template)).toBe(false);
    const again = await openConnection({ pgliteDir: dir, pgliteTemplate: template });
    try {
      const { rows } = await sql<{ value: number }>`select value from kept`.execute(again.db);
      expect(rows).toEqual([{ value: 42 }]);
    } finally {
      await again.close();
    }
    expect(besides(dir)).toEqual([]);
  });

  it("leaves a directory with anything in it untouched", () => {
    const dir = path.join(work, "stray", "pglite");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "notes.txt"), "not a database");
    expect(startFromTemplate(dir, template)).toBe(false);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("not a database");
  });

  it("falls back, leaving nothing behind, when the template is missing or is not a data directory", () => {
    const dir = path.join(work, "fallback", "pglite");
    mkdirSync(path.dirname(dir), { recursive: true });
    expect(startFromTemplate(dir, path.join(work, "no-such-template.tar.gz"))).toBe(false);
    const broken = path.join(work, "broken.tar.gz");
    writeFileSync(broken, gzipSync(Buffer.from("not a tarball".repeat(100))));
    expect(startFromTemplate(dir, broken)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(besides(dir)).toEqual([]);
  });
});
