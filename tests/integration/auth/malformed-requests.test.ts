import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, roles, type Permission } from "../../../app/auth/roles";
import { useTestDatabase } from "../../support/db";
import { asResponse, startEdge, type RouteModule, type TestEdge } from "../../support/edge";
import { signedIn } from "../../support/factories";

useTestDatabase();

// Every route in the manifest (tests/integration/access), every kind of malformed request, through the real HTTP
// edge: nothing may answer 500. Bodies that are not form data, or hold a null character, are refused at the edge
// (400/415) before any action runs; odd but well-formed form data reaches the action, which must answer it.
type Access = Permission | "public";
const tables = import.meta.glob<{ access: Record<string, { loader?: Access; action?: Access }> }>("../access/*.ts", {
  eager: true,
});
const manifest = Object.assign({}, ...Object.values(tables).map((t) => t.access)) as Record<
  string,
  { loader?: Access; action?: Access }
>;
const modules = import.meta.glob<RouteModule>("../../../app/routes/*.{ts,tsx}", { eager: true });
const sources = import.meta.glob<string>("../../../app/routes/*.{ts,tsx}", {
  eager: true,
  query: "?raw",
  import: "default",
});
const moduleOf = (file: string) => modules[`../../../app/routes/${file}`];
const sourceOf = (file: string) => sources[`../../../app/routes/${file}`] ?? "";

const ID = "00000000-0000-4000-8000-000000000000";
/** The URL path of a flat route file: "people.$personId.edit.tsx" → "/people/<id>/edit". */
const pathOf = (file: string) =>
  "/" +
  file
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? ID : s))
    .join("/");
const paramsOf = (file: string) =>
  Object.fromEntries(
    file
      .split(".")
      .filter((s) => s.startsWith("$"))
      .map((s) => [s.slice(1), ID]),
  );

/** A cookie for a role allowed to use the route, or none for a public one. */
async function cookieFor(access: Access): Promise<string | undefined> {
  if (access === "public") return undefined;
  const role = roles.find((r) => can(r, access))!;
  return (await signedIn(role)).cookie;
}

let edge: TestEdge;
let target = "";
beforeAll(async () => {
  edge = await startEdge({}, async (request, context) => {
    const mod = moduleOf(target);
    const fn = request.method === "POST" ? mod.action : mod.loader;
    if (!fn) return new Response("no such handler", { status: 405 });
    return asResponse(() => fn({ request, context, params: paramsOf(target) }));
  });
});
afterAll(() => edge.close());

const enc = new TextEncoder();
const BOUNDARY = "----cwfuzz";
function multipart(fields: [string, string][]) {
  const parts = fields.map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return enc.encode(parts.join("") + `--${BOUNDARY}--\r\n`);
}
const urlencoded = (fields: [string, string][]) => enc.encode(new URLSearchParams(fields).toString());

// Refused at the edge whatever the route: [name, Content-Type (null: none), body, statuses allowed].
const refused: [string, string | null, Uint8Array, number[]][] = [
  ["JSON", "application/json", enc.encode('{"email":"a@b.c","password":"x"}'), [415]],
  ["text/plain", "text/plain;charset=UTF-8", enc.encode("email=a@b.c"), [415]],
  ["no Content-Type", null, enc.encode("email=a@b.c"), [415]],
  [
    "broken multipart",
    `multipart/form-data; boundary=${BOUNDARY}`,
    enc.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end`),
    [400],
  ],
  ["multipart without a boundary", "multipart/form-data", multipart([["a", "b"]]), [400]],
  ["a null character in a value", "application/x-www-form-urlencoded", enc.encode("email=a%00b&q=x%00"), [400]],
  ["a null character in a name", "application/x-www-form-urlencoded", enc.encode("em%00ail=a"), [400]],
  [
    "a null character in multipart",
    `multipart/form-data; boundary=${BOUNDARY}`,
    multipart([["notes", "a\u0000b"]]),
    [400],
  ],
];

/** The route's own field names (from its source) and the common ones, each given a hostile but well-formed value. */
function hostileFields(file: string, variant: "impossible" | "year-zero" | "strings"): [string, string][] {
  const names = new Set([
    ...[...sourceOf(file).matchAll(/name="([A-Za-z][\w-]*)"/g)].map((m) => m[1]),
    ...["intent", "version", "idempotencyKey", "email", "password", "returnTo", "q", "date", "from", "to"],
  ]);
  const value = (name: string): string => {
    if (variant === "strings")
      return ["\r\n<script>x</script>", "Zoë €𝒳‮ ", "x".repeat(5000), "-1", "NaN"][name.length % 5];
    const bad =
      variant === "impossible"
        ? { ymd: "2020-02-31", d: "31", m: "2", y: "2021" }
        : { ymd: "0000-01-01", d: "1", m: "1", y: "0000" };
    if (/Day$/.test(name)) return bad.d;
    if (/Month$/.test(name)) return bad.m;
    if (/Year$/.test(name)) return bad.y;
    if (/date|Date|On$|^from$|^to$|From$|Until$|dob/.test(name)) return bad.ymd;
    return "1";
  };
  return [...names].flatMap((n) => [[n, value(n)], ...(n === "intent" ? [] : [[n, value(n)] as [string, string]])]);
}

async function post(file: string, contentType: string | null, body: Uint8Array, cookie?: string) {
  target = file;
  const headers: Record<string, string> = {};
  if (contentType) headers["Content-Type"] = contentType;
  if (cookie) headers.Cookie = cookie;
  return fetch(edge.url + pathOf(file), {
    method: "POST",
    headers,
    body: body as Uint8Array<ArrayBuffer>,
    redirect: "manual",
  });
}

const actionRoutes = Object.entries(manifest).filter(([, a]) => a.action);
const loaderRoutes = Object.entries(manifest).filter(([, a]) => a.loader);

describe("malformed form posts, to every form in the route manifest", () => {
  it("cover every route with an action", () => expect(actionRoutes.length).toBeGreaterThan(20));

  for (const [file, access] of actionRoutes) {
    it(`${file}: refused at the edge with a clear page, or answered, never 500`, async () => {
      const cookie = await cookieFor(access.action!);
      for (const [kind, type, body, statuses] of refused) {
        const res = await post(file, type, body, cookie);
        expect(statuses, `${kind} → ${res.status}`).toContain(res.status);
        const page = await res.text();
        expect(page, kind).toMatch(/<title>Sorry, [^<]+ – Connect Well<\/title>/);
        expect(page, kind).toContain(res.headers.get("X-Request-Id")!);
      }
      for (const variant of ["impossible", "year-zero", "strings"] as const) {
        const fields = hostileFields(file, variant);
        for (const [type, body] of [
          ["application/x-www-form-urlencoded", urlencoded(fields)],
          [`multipart/form-data; boundary=${BOUNDARY}`, multipart(fields)],
        ] as const) {
          const res = await post(file, type, body, cookie);
          expect(res.status, `${variant} as ${type.split(";")[0]}: ${edge.faults.at(-1) ?? ""}`).toBeLessThan(500);
        }
      }
      const empty = await post(file, "application/x-www-form-urlencoded", new Uint8Array(), cookie);
      expect(empty.status, `empty form: ${edge.faults.at(-1) ?? ""}`).toBeLessThan(500);
    });
  }
});

describe("hostile web addresses, on every page in the route manifest", () => {
  for (const [file, access] of loaderRoutes) {
    it(`${file}: impossible dates and null characters in the query are refused, odd values answered`, async () => {
      const cookie = await cookieFor(access.loader!);
      const get = (query: string) => {
        target = file;
        return fetch(`${edge.url}${pathOf(file)}?${query}`, {
          headers: cookie ? { Cookie: cookie } : {},
          redirect: "manual",
        });
      };
      for (const query of ["from=2020-02-31", "to=0000-01-01&from=2026-01-01", "date=2026-13-01", "q=a%00b"]) {
        const res = await get(query);
        expect(res.status, query).toBe(400);
        expect(await res.text()).toMatch(/<title>Sorry, [^<]+ – Connect Well<\/title>/);
      }
      const odd = await get(
        "page=-1&pageSize=1e9&sort=%E2%80%AE&dir=sideways&from=2026-01-01&to=2025-01-01&q=Zo%C3%AB%0D%0A&returnTo=%2F%09%2Fevil.example",
      );
      expect(odd.status, `odd query: ${edge.faults.at(-1) ?? ""}`).toBeLessThan(500);
    });
  }
});
