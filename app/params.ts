// Route parameters are checked before they reach a query: a malformed id answers 404 like an unknown one.

import { notFound } from "~/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value has the shape of a record id (a UUID, any version), so that it may reach a uuid column. */
export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);

/** The record id in a route parameter, or the 404 page "`what` not found" when it is not a UUID (`isUuid`). */
export function idParam(value: string | undefined, what: string): string {
  if (!isUuid(value)) notFound(what);
  return value;
}
