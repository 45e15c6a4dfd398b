import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  {
    ignores: [
      "build*/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "tests/.tmp/**",
      "data/**",
      "db/types.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["error"] }],
    },
  },
  {
    // useTestDatabase() is a vitest fixture, not a React hook.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["**/*.mjs", "db/cli/**", "scripts/**", "bench/**"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly" } },
    rules: { "no-console": "off" },
  },
  // Only the server's start-up opens the database (@db/index): every other module is handed the executor, first
  // (docs/decisions/0920-the-executor-comes-from-the-request.md). The blocks below narrow this further.
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/server/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^@db|/db)/index$",
              message: "Take the executor as the first parameter (db) instead of opening the database here.",
            },
          ],
        },
      ],
    },
  },
  // Boundaries (docs/decisions/0860-domain-graph-without-loops.md): routes hold no database handle, and pure modules
  // (anything under app/ not named *.server, routes and the root route aside) touch neither the database nor a
  // *.server module, so they can run in the browser and in unit tests without one.
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/root.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@db(/|$)",
              message: "Routes hold no database handle: call a domain function that does the database work.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    // Worker-thread entries (*-worker.ts) only ever run on the server, as the modules they start.
    ignores: ["app/**/*.server.{ts,tsx}", "app/**/*-worker.ts", "app/routes/**", "app/root.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "\\.server$",
              allowTypeImports: true,
              message: "A pure module may not import a *.server module: move the code that needs it into one.",
            },
            {
              regex: "^@db/(?!types$)",
              message: "A pure module may not touch the database: only @db/types (types) is allowed.",
            },
          ],
        },
      ],
    },
  },
  // Formatting is Prettier's alone (`npm run format`); this turns off the lint rules that would argue with it.
  prettier,
);
