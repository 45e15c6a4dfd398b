import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_FAILURE_LIMIT } from "../../support/sign-in-limits";
import { edgeSettings } from "../../../app/server/edge.server";
import { withFaultReferences } from "../../../app/server/fault-references.server";
import { action as signInAction } from "../../../app/routes/sign-in";
import { action as startAction } from "../../../app/routes/start._index";
import { useTestDatabase } from "../../support/db";
import { asResponse, startEdge, type TestEdge } from "../../support/edge";

useTestDatabase();

let edge: TestEdge | null = null;
afterEach(async () => {
  await edge?.close();
  edge = null;
});

/** fetch() refuses to send TRACE: node:http does not. */
function rawRequest(url: string, method: string): Promise<{ status: number; allow?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const echoClient = async (_r: Request, context: { clientIp: string }) => new Response(context.clientIp);

describe("the client's address behind proxies", () => {
  it("is the one the trusted proxy saw, never the left-most X-Forwarded-For entry the client wrote", async () => {
    edge = await startEdge({ trustProxyHops: 1 }, echoClient);
    const seen = (xff: string) => fetch(edge!.url, { headers: { "X-Forwarded-For": xff } }).then((r) => r.text());
    // The client wrote "6.6.6.6"; our proxy appended the address it saw.
    expect(await seen("6.6.6.6, 198.51.100.20")).toBe("198.51.100.20");
    expect(await seen("1.1.1.1, 2.2.2.2, 198.51.100.20")).toBe("198.51.100.20");
  });

  it("counts as many trusted hops as TRUST_PROXY says, and none without it", async () => {
    edge = await startEdge({ trustProxyHops: 2 }, echoClient);
    expect(
      await fetch(edge.url, { headers: { "X-Forwarded-For": "6.6.6.6, 203.0.113.9, 10.0.0.2" } }).then((r) => r.text()),
    ).toBe("203.0.113.9");
    await edge.close();
    edge = await startEdge({ trustProxyHops: 0 }, echoClient);
    expect(await fetch(edge.url, { headers: { "X-Forwarded-For": "6.6.6.6" } }).then((r) => r.text())).toBe(
      "127.0.0.1",
    );
  });

  it("reads TRUST_PROXY as a hop count and refuses anything else", () => {
    expect(edgeSettings({ TRUST_PROXY: "1" }).trustProxyHops).toBe(1);
    expect(edgeSettings({ TRUST_PROXY: "2" }).trustProxyHops).toBe(2);
    expect(edgeSettings({}).trustProxyHops).toBe(0);
    expect(() => edgeSettings({ TRUST_PROXY: "true" })).toThrow(/number of proxies/);
  });

  // Sixty sign-ins, fifty of them real argon2id verifications (19 MiB each): a few seconds on a quiet 2-core
  // machine, over twenty on a busy one, so this test waits on the work it does, not the default limit.
  it(
    "so spoofed X-Forwarded-For entries cannot dodge the per-address sign-in limit",
    { timeout: 120_000 },
    async () => {
      edge = await startEdge({ trustProxyHops: 1 }, (request, context) =>
        asResponse(() => signInAction({ request, context, params: {} } as any)),
      );
      const statuses: number[] = [];
      for (let i = 0; i < CLIENT_FAILURE_LIMIT + 10; i++) {
        const res = await fetch(`${edge.url}/sign-in`, {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": `10.9.${i}.1, 198.51.100.20`,
          },
          body: new URLSearchParams({ email: `nobody-${i}@test.example`, password: "not it" }),
        });
        statuses.push(res.status);
      }
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    },
  );
});

describe("methods", () => {
  it.each(["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS"])("%s on any path is 405 with Allow", async (method) => {
    edge = await startEdge({}, async () => new Response("app"));
    for (const path of ["/", "/healthz", "/sign-in", "/people/x"]) {
      const res = await rawRequest(edge.url + path, method);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.allow).toBe("GET, HEAD, POST");
      expect(res.body).toContain("<title>Sorry, that kind of request is not accepted – Connect Well</title>");
    }
  });
});

describe("error answers", () => {
  it("give every 429 a Retry-After, keeping the route's own", async () => {
    edge = await startEdge({}, async (r) =>
      new URL(r.url).pathname === "/own"
        ? new Response("slow down", { status: 429, headers: { "Retry-After": "3600" } })
        : new Response("slow down", { status: 429 }),
    );
    expect((await fetch(`${edge.url}/own`)).headers.get("Retry-After")).toBe("3600");
    expect((await fetch(`${edge.url}/forgot`)).headers.get("Retry-After")).toBe("300");
  });

  it("say when to come back on the throttled forms themselves: sign-in 300 s, the public self-referral 3600 s", async () => {
    let route: "sign-in" | "start" = "start";
    edge = await startEdge({}, (request, context) =>
      asResponse(() =>
        route === "start"
          ? startAction({ request, context, params: {} } as any)
          : signInAction({ request, context, params: {} } as any),
      ),
    );
    const post = (path: string, fields: Record<string, string>) =>
      fetch(edge!.url + path, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
    const selfReferral = () => ({
      givenName: "Brian",
      familyName: "Castle",
      dobDay: "22",
      dobMonth: "9",
      dobYear: "1951",
      phone: "07700 900999",
      bestTime: "any",
      topics: "lonely",
      idempotencyKey: crypto.randomUUID(),
    });
    let last: Response | null = null;
    for (let i = 0; i < 6; i++) last = await post("/start", selfReferral());
    expect(last!.status).toBe(429);
    expect(last!.headers.get("Retry-After")).toBe("3600");
    route = "sign-in";
    for (let i = 0; i < 11; i++) last = await post("/sign-in", { email: "someone@test.example", password: `x${i}` });
    expect(last!.status).toBe(429);
    expect(last!.headers.get("Retry-After")).toBe("300");
  });

  it("answer a fault the app did not catch with the generic page and the reference, and no detail", async () => {
    edge = await startEdge({}, async () => {
      throw new Error("relation secret_table does not exist");
    });
    const res = await fetch(`${edge.url}/anything`);
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).toContain("<title>Sorry, there is a problem with the service – Connect Well</title>");
    expect(page).toContain(res.headers.get("X-Request-Id")!);
    expect(page).not.toContain("secret_table");
  });

  it("escape what they echo", async () => {
    edge = await startEdge({}, async () => new Response("app"));
    const res = await fetch(`${edge.url}/x?from=2020-02-31&%3Cb%3E=2020-02-30`);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain("<b>");
  });
});

describe("faults in loaders and actions", () => {
  const build = {
    routes: {
      broken: {
        id: "broken",
        module: {
          loader: async () => {
            throw new Error("column secret does not exist");
          },
          action: async () => {
            throw new Response(null, { status: 302, headers: { Location: "/" } });
          },
          default: "component",
        },
      },
    },
  };
  const args = { request: new Request("http://localhost/broken"), context: { requestId: "req-42" }, params: {} };

  it("become a 500 carrying the request's reference, without the fault's detail", async () => {
    const wrapped = withFaultReferences(build);
    const thrown = await (wrapped.routes.broken.module.loader as any)(args).catch((e: unknown) => e);
    expect(thrown.init.status).toBe(500);
    expect(thrown.data).toEqual({ fault: true, reference: "req-42" });
    expect(JSON.stringify(thrown.data)).not.toContain("secret");
    // The original build is left as it was.
    await expect(build.routes.broken.module.loader()).rejects.toThrow("secret");
  });

  it("leave deliberate answers (a thrown Response or data()) alone, and the rest of the module", async () => {
    const wrapped = withFaultReferences(build);
    const thrown = await (wrapped.routes.broken.module.action as any)(args).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect(thrown.status).toBe(302);
    expect((wrapped.routes.broken.module as any).default).toBe("component");
  });
});
