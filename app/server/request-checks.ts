// What every request must be before any loader or action sees it: checked once, at the HTTP edge
// (app/server/edge.server.ts), so that no form, however it is written, can answer a malformed request with a 500.
// Pure: no database, no network. See docs/decisions/0754-one-gate-for-requests.md.
import { isIsoDate } from "~/calendar";

/** Methods the service answers. Anything else (TRACE, PUT, DELETE, OPTIONS…) gets 405 with an Allow header. */
const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;

/** Body types a form post may have: what browsers send for an HTML form. */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"] as const;

/** A request refused at the edge: the status, the page's title and what the user can do about it. */
export interface Refusal {
  status: 400 | 403 | 405 | 411 | 413 | 415 | 500;
  title: string;
  message: string;
  headers?: Record<string, string>;
}

const NOT_READABLE = "Sorry, what you sent could not be read";
const GO_BACK = "Go back to the page, check what you entered and send it again. Nothing has been saved.";
const NUL_MESSAGE =
  "What you entered contains a hidden character (a null character) that cannot be saved. Remove it, for example by typing the text again rather than pasting it, and send the form again. Nothing has been saved.";

/** A value shaped like a date ('YYYY-MM-DD') that is no real calendar date (2020-02-31, year 0000). */
function isImpossibleDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) && !isIsoDate(value.trim());
}

/** 405 for a method the service does not answer. */
export function checkMethod(method: string): Refusal | null {
  if ((ALLOWED_METHODS as readonly string[]).includes(method)) return null;
  return {
    status: 405,
    title: "Sorry, that kind of request is not accepted",
    message: "Use the links and buttons on the service's pages.",
    headers: { Allow: ALLOWED_METHODS.join(", ") },
  };
}

/**
 * The web address (path and query, as sent): 400 when it holds a null character, its query cannot be decoded, or the
 * query gives a date-shaped value that is not a real date (`?from=2020-02-31`, `?date=0000-01-01`), which no page can
 * use and which the database refuses with an error.
 */
export function checkUrl(pathAndQuery: string): Refusal | null {
  if (/%00/i.test(pathAndQuery) || pathAndQuery.includes("\u0000")) {
    return { status: 400, title: "Sorry, that web address could not be read", message: NUL_MESSAGE };
  }
  const q = pathAndQuery.indexOf("?");
  if (q < 0) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(pathAndQuery.slice(q + 1));
  } catch {
    return { status: 400, title: "Sorry, that web address could not be read", message: GO_BACK };
  }
  for (const [name, value] of params) {
    if (isImpossibleDate(value)) {
      return {
        status: 400,
        title: "Sorry, the date in that web address is not a real date",
        message: `“${value.trim()}” (${name.slice(0, 40)}) is not a date on the calendar. Go back and choose the dates again.`,
      };
    }
  }
  return null;
}

/** The media type of a Content-Type header, lower-cased, without its parameters ("" when there is none). */
function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * A POST's body: 415 unless it is form data (urlencoded or multipart: JSON, text/plain or no Content-Type at all are
 * refused), 400 when it cannot be parsed as what it says it is (broken multipart) or when any field's name or value
 * holds a null character (PostgreSQL text cannot store one). `body` is the whole body as received.
 */
export async function checkFormBody(contentType: string | null | undefined, body: Uint8Array): Promise<Refusal | null> {
  const type = mediaType(contentType);
  if (!(FORM_TYPES as readonly string[]).includes(type)) {
    return {
      status: 415,
      title: NOT_READABLE,
      message: "This service only accepts forms sent from its own pages. Go back to the page and send the form again.",
    };
  }
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { "Content-Type": contentType ?? type },
    }).formData();
  } catch {
    return { status: 400, title: NOT_READABLE, message: GO_BACK };
  }
  for (const [name, value] of form) {
    const text = typeof value === "string" ? value : value.name;
    if (name.includes("\u0000") || text.includes("\u0000")) {
      return {
        status: 400,
        title: "Sorry, what you entered contains a character that cannot be saved",
        message: NUL_MESSAGE,
      };
    }
  }
  return null;
}
