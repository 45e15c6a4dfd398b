// One vocabulary for what can go wrong with a request the user can act on, mapped to HTTP in one place.
//
//   FieldError     the input is wrong at one field (or "form" for the form as a whole)          400
//   ConflictError  someone saved first: the record changed since the user loaded it           409
//   NotFoundError  there is no such record the user may see                                     404
//   RefusedError   the record's current state forbids this, however it is asked               409
//
// Domain functions throw these; routes never test for them one by one: the form kernel's `attempt`
// (app/forms/reply.ts) turns any of them into the page's answer, and anything else is a fault that propagates
// to the error boundary. See docs/decisions/0740-form-kernel-and-errors.md.

import { data } from "@remix-run/node";

/** Messages keyed by form field name; "form" holds a message about the form as a whole. */
export type FieldErrors = Record<string, string>;

export type ErrorKind = "field" | "conflict" | "not_found" | "refused";

/** The HTTP status of each kind: the only place the mapping is written. */
export const httpStatusOf: Readonly<Record<ErrorKind, number>> = {
  field: 400,
  conflict: 409,
  not_found: 404,
  refused: 409,
};

/** Base of the vocabulary: every error a user can act on has a kind, a field (or "form") and a message. */
abstract class AppError extends Error {
  abstract readonly kind: ErrorKind;
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
    this.name = new.target.name;
  }
  get status(): number {
    return httpStatusOf[this.kind];
  }
}

/** The user's input is wrong at `field`; `message` says what to do, in the words shown beside the field. */
export class FieldError extends AppError {
  readonly kind = "field";
}

/** Shown when a conflict's page gives no message of its own. */
const SOMEONE_SAVED_FIRST =
  "Someone else saved a change to this record while you had it open. Check it and save again.";

/**
 * Someone saved first: the record's version is no longer the one the user loaded, so their save is refused rather
 * than applied over the top. `currentVersion`, when known, lets the page offer a deliberate second save.
 */
export class ConflictError extends AppError {
  readonly kind = "conflict";
  readonly currentVersion?: number;
  constructor(opts: { message?: string; currentVersion?: number } = {}) {
    super("form", opts.message ?? SOMEONE_SAVED_FIRST);
    this.currentVersion = opts.currentVersion;
  }
}

/** There is no such record, or none this user may see (the two answer alike). `what` is "Person", "Session"… */
export class NotFoundError extends AppError {
  readonly kind = "not_found";
  constructor(what: string) {
    super("form", `${what} not found`);
  }
}

/**
 * The record's state forbids the change whatever the input (already merged, a register for a cancelled session, an
 * NHS number another record holds). `field` places the message when one field is the cause.
 */
export class RefusedError extends AppError {
  readonly kind = "refused";
  constructor(message: string, field = "form") {
    super(field, message);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Ends a loader or action with a 404 page. `what` is the record's name: "Person", "Activity"…, or "Page" where
 * naming the record would say more than a refusal should. */
export function notFound(what = "Page"): never {
  throw data({ message: `${what} not found` }, { status: httpStatusOf.not_found });
}

/** True for a PostgreSQL unique violation (SQLSTATE 23505), optionally on the named constraint or index: the
 * database's word that someone else saved the same thing first. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === "23505" && (!constraint || e.constraint === constraint);
}
