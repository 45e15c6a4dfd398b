// The sign-in throttle's limits as docs/decisions/0002-sessions-and-sign-in.md states them: failed sign-ins in five
// minutes that make the next attempt answer 429.

/** Failures per account. */
export const ACCOUNT_FAILURE_LIMIT = 10;
/** Failures per client address. */
export const CLIENT_FAILURE_LIMIT = 50;
