import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default("data/pglite"),
  DEMO: z.enum(["0", "1"]).optional(),
  BUILD_DIR: z.string().default("build"),
});

/** Database settings from the environment, validated once. */
export function dbEnv() {
  const parsed = schema.safeParse({
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    PGLITE_DIR: process.env.PGLITE_DIR || undefined,
    DEMO: process.env.DEMO || undefined,
    BUILD_DIR: process.env.BUILD_DIR || undefined,
  });
  if (!parsed.success) {
    throw new Error(
      `Invalid database settings: ${parsed.error.issues.map((i) => i.path.join(".") + " " + i.message).join("; ")}`,
    );
  }
  const env = parsed.data;
  // Demo data and demo sign-ins only on the embedded database, or on a server when explicitly asked for.
  const demo = env.DEMO ? env.DEMO === "1" : !env.DATABASE_URL;
  return { url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, pgliteTemplate: pgliteTemplatePath(env.BUILD_DIR), demo };
}

/** The migrated embedded database that the build leaves beside the bundle (db/cli/pglite-template.ts). */
export function pgliteTemplatePath(buildDir = process.env.BUILD_DIR || "build") {
  return path.join(buildDir, "pglite-template.tar.gz");
}
