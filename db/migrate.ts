import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FileMigrationProvider, type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Database } from "./connection";

// In a Vite build (server bundle, vitest) the migrations are bundled by import.meta.glob, named exactly as the
// files are, so both paths share one migration history. Under tsx (the CLI) import.meta.glob does not exist.
function bundledMigrations(): Record<string, Migration> | null {
  try {
    const modules = import.meta.glob<Migration>("../migrations/*.ts", { eager: true });
    const out: Record<string, Migration> = {};
    for (const [file, mod] of Object.entries(modules)) out[path.basename(file, ".ts")] = mod;
    return out;
  } catch {
    return null;
  }
}

function migrationProvider(): MigrationProvider {
  const bundled = bundledMigrations();
  if (bundled) return { getMigrations: async () => bundled };
  const here = path.dirname(fileURLToPath(import.meta.url));
  return new FileMigrationProvider({ fs, path, migrationFolder: path.resolve(here, "../migrations") });
}

function migrator(db: Database) {
  // Kysely runs all pending migrations in one transaction under an advisory lock, so two servers starting
  // together cannot both migrate.
  return new Migrator({ db, provider: migrationProvider() });
}

export async function migrateToLatest(db: Database): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** True when every known migration has been applied (used by /readyz). */
export async function migrationsCurrent(db: Database): Promise<boolean> {
  const all = await migrator(db).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
