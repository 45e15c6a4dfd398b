import { decode } from "turbo-stream";
import type { Action } from "./load";

// The requests a browser sends to the app, in the two ways it loads a page. After the first page a Remix app with
// JavaScript (single fetch) no longer asks for HTML: a link is a GET of the page's `.data` (every matched loader,
// encoded as turbo-stream), and a form is a POST of the route's `.data` (its action) followed, when the action
// succeeded, by a GET of the page's `.data` to revalidate the loaders, unless every loader of the page opts out
// after that action (a search: app/ui/read-only-action.ts). The first page of a visit, a page opened in
// a new tab, and every page of a browser without JavaScript is the server-rendered HTML document instead.
// Checked against Chromium's own requests on these pages (docs/decisions/0013).

export type PageMode = "in-app" | "document";

export const modeLabel: Record<PageMode, string> = {
  "in-app": "in-app (JavaScript: .data requests)",
  document: "first load or no JavaScript (HTML document)",
};

type Headers = Record<string, string>;

/** Following a link to `path`. */
export function follow(mode: PageMode, path: string, headers: Headers, meta?: unknown): Action {
  // The data URL puts `.data` on the path, before any query: /outcomes.data?period=…
  const q = path.indexOf("?");
  const data = q < 0 ? `${path}.data` : `${path.slice(0, q)}.data${path.slice(q)}`;
  return { method: "GET", path: mode === "in-app" ? data : path, headers, meta };
}

/** Requests per `submit` action that revalidates, when it succeeds (autocannon paces and counts requests). */
export const submitSteps = (mode: PageMode) => (mode === "in-app" ? 2 : 1);

/**
 * Sending a form (urlencoded `body`) to the route at `path`; `index` when that route is an index route (Remix then
 * adds `?index` to the action's URL); `revalidates: false` when the page's loaders opt out after this action.
 */
export function submit(
  mode: PageMode,
  path: string,
  body: string,
  headers: Headers,
  opts: { index?: boolean; revalidates?: boolean; meta?: unknown } = {},
): Action {
  const form = { ...headers, "content-type": "application/x-www-form-urlencoded" };
  const query = opts.index ? "?index" : "";
  if (mode === "document") return { method: "POST", path: `${path}${query}`, headers: form, body, meta: opts.meta };
  const post = { method: "POST", path: `${path}.data${query}`, headers: form, body, meta: opts.meta } as const;
  if (opts.revalidates === false) return post;
  return [post, { method: "GET", path: `${path}.data`, headers }];
}

/** A value the action returned, from either kind of response (the HTML document carries it in a hidden input). */
export async function returnedValue(mode: PageMode, body: string, key: string, inputName: string): Promise<unknown> {
  if (mode === "document") return new RegExp(`name="${inputName}" value="([^"]*)"`).exec(body)?.[1];
  try {
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    });
    const decoded = await decode(stream);
    await decoded.done;
    return find(decoded.value, key);
  } catch {
    return undefined;
  }
}

function find(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object") return undefined;
  if (key in value) return (value as Record<string, unknown>)[key];
  for (const v of Object.values(value)) {
    const found = find(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}
