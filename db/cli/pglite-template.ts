// Second step of `npm run build`: a migrated embedded database, saved beside the bundle, from which a new data
// directory starts (db/connection.ts) instead of running PostgreSQL's initdb inside WebAssembly on first start.
// Usage: tsx db/cli/pglite-template.ts [output file]   (default: $BUILD_DIR/pglite-template.tar.gz)
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openConnection } from "../connection";
import { pgliteTemplatePath } from "../env";
import { logger } from "../logger";
import { migrateToLatest } from "../migrate";

/** An in-memory database opened as the app opens it (same extensions), migrated, dumped as a gzipped tarball. */
export async function buildPgliteTemplate(): Promise<{ tarball: Blob; migrations: string[] }> {
  const conn = await openConnection({ pgliteDir: "memory://" });
  try {
    const migrations = await migrateToLatest(conn.db);
    const tarball = await conn.pglite!.dumpDataDir("gzip");
    return { tarball, migrations };
  } finally {
    await conn.close();
  }
}

export async function writePgliteTemplate(file: string): Promise<{ bytes: number; migrations: string[] }> {
  const { tarball, migrations } = await buildPgliteTemplate();
  const bytes = Buffer.from(await tarball.arrayBuffer());
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Written aside then renamed, so a server starting meanwhile never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  return { bytes: bytes.length, migrations };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? pgliteTemplatePath();
  const started = Date.now();
  const { bytes, migrations } = await writePgliteTemplate(file);
  logger.info("embedded database template written", {
    file,
    bytes,
    migrations: migrations.length,
    ms: Date.now() - started,
  });
}
