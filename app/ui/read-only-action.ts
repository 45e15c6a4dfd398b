import type { ShouldRevalidateFunction } from "@remix-run/react";

// After a form's action succeeds, Remix runs every loader of the page again, which a browser with JavaScript asks for
// in a second request. An action that changes nothing any loader reads (a search) marks its result instead, and the
// routes of its page keep the data they have: one request per search, not two. The result carries the one thing
// the shell would have reloaded, the session's remaining time (session-clock.tsx). Every route with a loader on
// such a page, the root included, exports `shouldRevalidate = keepDataAfterReadOnlyAction`.

export interface ReadOnlyResult {
  readOnly: true;
  remainingMs: number;
}

export function readOnlyResult<T extends object>(remainingMs: number, payload: T): T & ReadOnlyResult {
  return { ...payload, readOnly: true, remainingMs };
}

function isReadOnlyResult(value: unknown): value is ReadOnlyResult {
  return typeof value === "object" && value !== null && (value as { readOnly?: unknown }).readOnly === true;
}

export const keepDataAfterReadOnlyAction: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  isReadOnlyResult(actionResult) ? false : defaultShouldRevalidate;
