// One way to make a creation form safe to double-click (docs/decisions/0821-double-clicks-answer-alike.md): each
// rendered form carries a fresh idempotency key, the table holds it under a unique constraint, and the creating
// transaction first looks for a record made with the same key. Two posts that arrive together both miss that look-up;
// the second insert then waits for the first transaction and fails on the constraint, and is answered here with the
// record the first one made, as if it had come second.
import { isUniqueViolation } from "~/errors";

/**
 * Runs `create` (a whole transaction that looks the key up first, then inserts). When it fails because a concurrent
 * request with the same idempotency key committed first (a unique violation on `constraint`, e.g.
 * "provider_idempotency_key_key"), answers with `replay()`, which reads what that request made, outside the failed
 * transaction. Any other error, or a violation with nothing to replay, is rethrown unchanged.
 */
export async function onceByKey<T>(
  constraint: string,
  replay: () => Promise<T | undefined>,
  create: () => Promise<T>,
): Promise<T> {
  try {
    return await create();
  } catch (err) {
    if (!isUniqueViolation(err, constraint)) throw err;
    const earlier = await replay();
    if (earlier === undefined) throw err;
    return earlier;
  }
}
