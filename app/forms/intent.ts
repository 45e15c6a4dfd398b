// Which of a page's forms was posted. A page with several small forms names each in a field called `intent` (a
// hidden input or the submit button's value); the action reads it here, typed, and branches on it.

import { data } from "@remix-run/node";
import { httpStatusOf } from "~/errors";

/**
 * The posted form's `intent`, as one of `intents` (`readIntent(form, ["add", "update"] as const)` is
 * `"add" | "update"`). `absent` is the intent of the page's form that sends none (the main form beside small ones).
 *
 * Anything else — no intent where every form sends one, a misspelt or retired one — is no form this page has: the
 * action ends with the 400 page ("that request could not be read"), as for any request the app cannot read, rather
 * than guessing which form was meant. Nothing the user typed is lost that the page could have shown: no form of
 * the page sent it.
 *
 * @throws a 400 response (`httpStatusOf.field`) when the intent is not one of `intents`
 */
export function readIntent<const I extends readonly string[]>(
  form: FormData,
  intents: I,
  opts: { absent?: I[number] } = {},
): I[number] {
  const value = form.get("intent");
  if (value === null && opts.absent !== undefined) return opts.absent;
  if (typeof value === "string" && intents.includes(value)) return value;
  throw data({ message: "No form on this page has that intent" }, { status: httpStatusOf.field });
}
