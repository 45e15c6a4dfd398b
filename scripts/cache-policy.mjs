// Which responses browsers and proxies may keep, decided here once for the whole service and applied by the HTTP
// edge (server.mjs) as each response's headers are written, so no route or middleware can add a second, contrary
// Cache-Control header.
//
// - Hashed build assets never change under their name: cached for a year.
// - The public folder's files (favicon and the like): an hour.
// - Successful reads of the Open Referral UK API: public directory data that anyone may fetch without a key, so
//   shared caches may keep it for five minutes (a listing edit shows within that time).
// - Everything else, including every page and every error: `no-store`. Pages hold personal data, and an error
//   (a bad parameter, a record not found) must not outlive the fault.

export const ORUK_MAX_AGE_SECONDS = 300;

/**
 * The one Cache-Control value for a response.
 * @param {{ method: string, path: string, status: number, publicFile?: boolean }} response
 *   the request's method and path (no query string) and the response's status; `publicFile` when the edge
 *   served a file from the public folder.
 * @returns {string}
 */
export function cacheControlFor({ method, path, status, publicFile = false }) {
  const read = method === "GET" || method === "HEAD";
  const ok = status >= 200 && status < 300;
  if (!read || !ok) return "no-store";
  if (path.startsWith("/assets/")) return "public, max-age=31536000, immutable";
  if (publicFile) return "public, max-age=3600";
  if (path === "/api/oruk" || path.startsWith("/api/oruk/")) return `public, max-age=${ORUK_MAX_AGE_SECONDS}`;
  return "no-store";
}
