// The one way an action answers a form it cannot accept: the errors at their fields, the user's own input to show
// again, and the HTTP status of the kind of problem (app/errors.ts). Pages read it with `useFormReply`.

import { data } from "@remix-run/node";
import { ConflictError, isAppError, NotFoundError, type FieldErrors } from "~/errors";
import type { FormLists, FormValues } from "./parse";

/** What a refused form's action returns. `conflict` marks "someone saved first"; `currentVersion` is then the
 * record's version, when known, so a deliberate second save can go through. */
export interface FormReply {
  errors: FieldErrors;
  values: FormValues;
  lists?: FormLists;
  conflict?: boolean;
  currentVersion?: number;
}

/** Refuses a form whose input failed its checks (a `parseForm` failure, or errors of the route's own): 400, with
 * the errors and the user's input, plus `extra` for the page (which form of several, lists to redraw). `headers`
 * go on the response (a 429's Retry-After). */
export function reply<E extends object = object>(
  refusal: { errors: FieldErrors; values: FormValues; lists?: FormLists },
  opts: { status?: number; extra?: E; headers?: Record<string, string> } = {},
) {
  const body: FormReply & E = { ...(opts.extra as E), errors: refusal.errors, values: refusal.values };
  if (refusal.lists && Object.keys(refusal.lists).length) body.lists = refusal.lists;
  return data(body, { status: opts.status ?? 400, headers: opts.headers });
}

/**
 * Answers an error a domain function threw, showing the user's `input` (a parsed form) again. From the vocabulary in app/errors.ts: a field error, a refusal or a
 * conflict comes back as the form with its message (a conflict at "form", in the page's own words `conflict` when
 * given, with `conflict: true` and the record's current version); not found ends in the 404 page. Anything else
 * is a fault and is rethrown to the error boundary. `fields` renames a domain's field to the form's (a page with
 * two forms names its fields apart).
 */
function replyToError<E extends object = object>(
  err: unknown,
  input: { values: FormValues; lists?: FormLists },
  opts: { conflict?: string; fields?: Record<string, string>; extra?: E } = {},
) {
  if (!isAppError(err)) throw err;
  if (err instanceof NotFoundError) throw data({ message: err.message }, { status: err.status });
  const body: FormReply & E = { ...(opts.extra as E), errors: {}, values: input.values };
  if (input.lists && Object.keys(input.lists).length) body.lists = input.lists;
  if (err.kind === "conflict") {
    body.errors = { form: opts.conflict ?? err.message };
    body.conflict = true;
    const current = (err as { currentVersion?: number }).currentVersion;
    if (current !== undefined) body.currentVersion = current;
  } else {
    body.errors = { [opts.fields?.[err.field] ?? err.field]: err.message };
  }
  return data(body, { status: err.status });
}

/** What a page adds to a conflict's answer (`attempt`'s `onConflict`): its own words for it, data to show beside
 * the form (what the other person saved), and messages at the fields where the two differ. */
export interface ConflictDetail<E extends object> {
  conflict?: string;
  extra?: E;
  errors?: FieldErrors;
}

/**
 * Runs a domain call and answers its errors with `replyToError`: `return attempt(parsed, () => save(...), opts)`.
 * `run` returns the action's success (a redirect, or data for the page). `notFound`, when given, answers a
 * NotFoundError instead of the plain 404 page (a page that audits a refused look first). `onConflict`, when given,
 * is asked for the page's detail of a "someone saved first" (a ConflictError) before it is answered: the register
 * reads what the other person saved and names each mark where the two differ.
 */
export async function attempt<T, E extends object = object>(
  input: { values: FormValues; lists?: FormLists },
  run: () => Promise<T>,
  opts: {
    conflict?: string;
    fields?: Record<string, string>;
    extra?: E;
    notFound?: () => Promise<never>;
    onConflict?: (err: ConflictError) => Promise<ConflictDetail<E>>;
  } = {},
) {
  try {
    return await run();
  } catch (err) {
    if (opts.notFound && err instanceof NotFoundError) return opts.notFound();
    if (opts.onConflict && err instanceof ConflictError) {
      const detail = await opts.onConflict(err);
      const body = replyToError(err, input, {
        ...opts,
        conflict: detail.conflict ?? opts.conflict,
        extra: detail.extra ?? opts.extra,
      });
      Object.assign(body.data.errors, detail.errors);
      return body;
    }
    return replyToError(err, input, opts);
  }
}
