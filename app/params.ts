// Route parameters are checked before they reach a query: a malformed id answers 404 like an unknown one.

import { data } from "@remix-run/node";
import { z } from "zod";

const uuid = z.uuid();

export function notFound(message: string): never {
  throw data({ message }, { status: 404 });
}

export function idParam(value: string | undefined, what: string): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) notFound(`${what} not found`);
  return parsed.data;
}
