import { afterEach, beforeEach } from "vitest";

// A console.error during a test fails it (vitest setupFiles, every test file). React writes its warnings there (a
// missing key, a hydration mismatch, an update on an unmounted component) and so do libraries that hit a fault they
// recover from: a test that passes while one is printed is passing over a defect. A test that provokes an error on
// purpose says which, with expectConsoleError, and fails if it is not written.

const original = console.error.bind(console);
let logged: string[] = [];
let expected: { pattern: RegExp; seen: boolean }[] = [];

function text(args: unknown[]): string {
  return args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(" ");
}

console.error = (...args: unknown[]) => {
  const line = text(args);
  const match = expected.find((e) => e.pattern.test(line));
  if (match) {
    match.seen = true;
    return;
  }
  logged.push(line);
  original(...args);
};

/**
 * Declares that the running test provokes a console.error matching `pattern` (once or more), which then neither
 * prints nor fails the test; the test fails instead if no such error is written.
 */
export function expectConsoleError(pattern: RegExp): void {
  expected.push({ pattern, seen: false });
}

beforeEach(() => {
  logged = [];
  expected = [];
});

afterEach(() => {
  const unexpected = logged;
  const missing = expected.filter((e) => !e.seen).map((e) => String(e.pattern));
  logged = [];
  expected = [];
  if (unexpected.length > 0)
    throw new Error(
      `console.error was called during the test:\n${unexpected.map((l) => `  ${l.slice(0, 500)}`).join("\n")}`,
    );
  if (missing.length > 0) throw new Error(`expected a console.error matching ${missing.join(", ")}; none was written`);
});
