import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openConnection } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";

// Builds one migrated database per run, which every test file then copies:
// - PostgreSQL (TEST_DATABASE_URL set): a template database, cloned with CREATE DATABASE … TEMPLATE;
// - PGlite: a data-directory tarball, booted with loadDataDir in well under a second.
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `cw_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const target = new URL(url);
    target.pathname = `/${template}`;
    const conn = await openConnection({ url: target.toString(), maxConnections: 2 });
    await migrateToLatest(conn.db);
    await conn.close();
    project.provide("testDatabase", { kind: "postgres", url, template });
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const conn = await openConnection({ pgliteDir: "memory://" });
  await migrateToLatest(conn.db);
  const dump = await conn.pglite!.dumpDataDir("gzip");
  await conn.close();
  const dir = path.resolve("tests/.tmp");
  mkdirSync(dir, { recursive: true });
  const tarball = path.join(dir, `template-${process.pid}.tar.gz`);
  writeFileSync(tarball, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDatabase", { kind: "pglite", tarball });
  return async () => {
    const { rmSync } = await import("node:fs");
    rmSync(tarball, { force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { kind: "postgres"; url: string; template: string } | { kind: "pglite"; tarball: string };
  }
}
