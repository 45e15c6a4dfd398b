import type { ParamProblem } from "./params";

// Every ORUK response: JSON, readable from any origin (the standard asks for CORS `*`, no key). How long it may be
// cached is decided with every other response's, at the HTTP edge (scripts/cache-policy.mjs).
const base = {
  "Content-Type": "application/json; charset=utf-8",
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Content-Type",
};

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: base });
}

export function badRequest(problems: ParamProblem[]): Response {
  return json({ status: 400, error: "Bad Request", message: problems.map((p) => p.message).join("; "), problems }, 400);
}

export function notFoundJson(what: string): Response {
  return json({ status: 404, error: "Not Found", message: `No ${what} with that id` }, 404);
}

/** Preflight answers for browsers; anything else that is not a read is refused. */
export function nonRead(request: Request): Response {
  if (request.method === "OPTIONS")
    return new Response(null, { status: 204, headers: { ...base, "Access-Control-Max-Age": "86400" } });
  return new Response(JSON.stringify({ status: 405, error: "Method Not Allowed", message: "This API is read-only" }), {
    status: 405,
    headers: { ...base, Allow: "GET, HEAD, OPTIONS" },
  });
}

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export function page<T>(contents: T[], total: number, pageNumber: number, perPage: number): Page<T> {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
