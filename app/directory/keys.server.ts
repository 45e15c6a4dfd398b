import { randomUUID } from "node:crypto";

/** A fresh idempotency key for a creation form: the same key posted twice creates one record. */
export const newIdempotencyKey = () => randomUUID();
