// Helpers for calling Remix loaders and actions directly, as the server would.
type Result = { status: number; location: string | null; setCookie: string | null; body: any };

export function formRequest(
  path: string,
  fields: Record<string, string | string[]>,
  cookie?: string,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body,
  });
}

export function getRequest(path: string, cookie?: string) {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** Runs a loader or action and normalises what it returned or threw into a status, headers and body. */
export async function call(fn: () => Promise<unknown>): Promise<Result> {
  let value: unknown;
  try {
    value = await fn();
  } catch (thrown) {
    value = thrown;
    if (!(thrown instanceof Response) && !(thrown as any)?.init) throw thrown;
  }
  if (value instanceof Response) {
    return {
      status: value.status,
      location: value.headers.get("Location"),
      setCookie: value.headers.get("Set-Cookie"),
      body: null,
    };
  }
  const v = value as any;
  if (v && typeof v === "object" && "init" in v && "data" in v) {
    const headers = new Headers(v.init?.headers ?? {});
    return {
      status: v.init?.status ?? 200,
      location: headers.get("Location"),
      setCookie: headers.get("Set-Cookie"),
      body: v.data,
    };
  }
  return { status: 200, location: null, setCookie: null, body: v };
}

export function cookieFrom(setCookie: string | null): string {
  if (!setCookie) throw new Error("no Set-Cookie header");
  return setCookie.split(";")[0];
}
