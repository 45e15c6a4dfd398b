// Where sign-in sends someone afterwards: only ever a path on this site.

const BASE = "https://connect-well.invalid";
// Browsers drop ASCII tab, CR and LF anywhere in a URL and read "\" as "/": "/\t/evil.example" and "/\evil.example"
// are "//evil.example" to them. Any control character at all makes the value suspect, so it is refused outright.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The same-site path (pathname, query and fragment) a `returnTo` value names, or null when it names anything else:
 * another site (`//evil.example`, `/\evil.example`, `/<tab>/evil.example`, `https://…`), a control character, or
 * something that is not a path. The value returned is the URL parser's own serialisation, percent-encoded ASCII, so
 * it is always safe in a Location header (non-Latin-1 characters would make the header invalid).
 */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || value.length > 2000 || CONTROL.test(value)) return null;
  const slashed = value.replace(/\\/g, "/");
  if (!slashed.startsWith("/") || slashed.startsWith("//")) return null;
  let url: URL;
  try {
    url = new URL(slashed, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? null : path;
}
