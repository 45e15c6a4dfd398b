import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts so the Remix plugin never loads under tests.
export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "@db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    // A console.error during a test fails it (tests/support/console-error.ts).
    setupFiles: ["tests/support/console-error.ts"],
    server: { deps: { inline: ["kysely"] } },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
