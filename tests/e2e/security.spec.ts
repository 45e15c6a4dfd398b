import { expect, signInAs, test } from "./fixtures";

test("health checks answer without saying anything else", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });
});

test("pages carry a nonce-based CSP and the other protective headers, and signed-in pages are never cached", async ({
  page,
}) => {
  const anon = await page.goto("/sign-in");
  const headers = anon!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
    expect(csp).toContain(directive);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // Every script the page runs carries this response's nonce.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const scriptNonces = await page
    .locator("script")
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const n of scriptNonces) expect(n).toBe(nonce);

  await signInAs(page, "admin");
  const signedIn = await page.goto("/admin/users");
  expect(signedIn!.headers()["cache-control"]).toBe("no-store");
  const again = await page.goto("/admin/users");
  expect(/'nonce-([^']+)'/.exec(again!.headers()["content-security-policy"])![1]).not.toBe(nonce);
});

test("a page is rendered whole and sent with its length, its data inline for hydration", async ({ request, page }) => {
  const res = await request.get("/sign-in");
  expect(res.status()).toBe(200);
  const body = await res.body();
  expect(Number(res.headers()["content-length"])).toBe(body.byteLength);
  expect(body.toString("utf8")).toContain("</html>");
  // The page's data came with it: opening it in the browser asks for no loader data (single fetch's `.data`
  // requests). Route discovery may fetch the route manifest for the page's links; that is not the page's data.
  const dataRequests: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if ((r.resourceType() === "fetch" || r.resourceType() === "xhr") && path.endsWith(".data")) dataRequests.push(path);
  });
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(dataRequests).toEqual([]);
});

test("static files are served with their caching, and nothing else is served from the public folder", async ({
  request,
}) => {
  const icon = await request.get("/favicon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(icon.headers()["cache-control"]).toBe("public, max-age=3600");
  const page = await request.get("/sign-in");
  expect(page.headers()["cache-control"]).toBe("no-store");
  // A name that is not a public file goes to the app, which answers with its own not-found page.
  const missing = await request.get("/no-such-file.svg");
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain("<html");
});

test("a form post from another site is refused before anything changes", async ({ request, baseURL }) => {
  const res = await request.post("/sign-in", {
    headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
    data: "email=admin%40demo.connectwell.example&password=connect-well-demo",
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
  const same = await request.post("/sign-in", {
    headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
    data: "email=admin%40demo.connectwell.example&password=connect-well-demo",
    maxRedirects: 0,
  });
  expect(same.status()).toBe(302);
});

test("an oversized body is refused with 413 and a readable page", async ({ request, baseURL }) => {
  const res = await request.post("/sign-in", {
    headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
    data: "email=a&password=" + "x".repeat(600 * 1024),
  });
  expect(res.status()).toBe(413);
  expect(await res.text()).toContain("What you sent is too large");
});

test("a malformed sign-in post gets 400 and field messages, never a stack trace", async ({ request, baseURL }) => {
  const res = await request.post("/sign-in", {
    headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
    data: "nonsense=%%%",
  });
  expect(res.status()).toBe(400);
  const body = await res.text();
  expect(body).toContain("Enter your email address");
  expect(body).not.toMatch(/at .*\.js:\d+/);
});

test("a stale session sends the user back to sign in with an explanation", async ({ page, context }) => {
  await signInAs(page, "prescriber");
  const cookies = await context.cookies();
  await context.clearCookies();
  // A well-formed id the server no longer knows, as after a timeout or a restart of the session store.
  const unknownId = encodeURIComponent(Buffer.from(JSON.stringify("A".repeat(43))).toString("base64"));
  await context.addCookies(cookies.map((c) => ({ ...c, value: unknownId })));
  await page.goto("/caseload");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fcaseload&reason=expired/);
  await expect(page.getByText("You were signed out because you had not done anything for a while")).toBeVisible();
});

test("a post that is not form data is refused with 415 and a page saying so, on public and signed-in forms", async ({
  request,
  baseURL,
}) => {
  for (const [type, data] of [
    ["application/json", '{"email":"admin@demo.connectwell.example","password":"connect-well-demo"}'],
    ["text/plain", "email=admin@demo.connectwell.example"],
  ]) {
    for (const path of ["/sign-in", "/start", "/people/new"]) {
      const res = await request.post(path, { headers: { Origin: baseURL!, "Content-Type": type }, data });
      expect(res.status(), `${type} to ${path}`).toBe(415);
      const page = await res.text();
      expect(page).toContain("<title>Sorry, what you sent could not be read – Connect Well</title>");
      expect(page).toContain(res.headers()["x-request-id"]);
    }
  }
  const nul = await request.post("/sign-in", {
    headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
    data: "email=a%00b&password=x",
  });
  expect(nul.status()).toBe(400);
  expect(await nul.text()).toContain("null character");
});

test("TRACE and other methods the service does not use get 405 on any path", async ({ request }) => {
  for (const path of ["/", "/sign-in", "/healthz"]) {
    const res = await request.fetch(path, { method: "TRACE" });
    expect(res.status(), path).toBe(405);
    expect(res.headers()["allow"]).toBe("GET, HEAD, POST");
  }
  expect((await request.fetch("/sign-in", { method: "PUT" })).status()).toBe(405);
});

test("an impossible date in a web address is a 400 page, not a fault", async ({ page }) => {
  await signInAs(page, "admin");
  const res = await page.goto("/admin/audit?from=2020-02-31");
  expect(res?.status()).toBe(400);
  await expect(
    page.getByRole("heading", { name: "Sorry, the date in that web address is not a real date" }),
  ).toBeVisible();
  await expect(page).toHaveTitle("Sorry, the date in that web address is not a real date – Connect Well");
  expect((await page.goto("/admin/audit?from=0000-01-01"))?.status()).toBe(400);
});

test("error pages have a title saying what happened and the request's reference", async ({ page }) => {
  const missing = await page.goto("/no-such-page");
  await expect(page).toHaveTitle("Page not found – Connect Well");
  await expect(page.getByText(`quote reference ${missing!.headers()["x-request-id"]}`)).toBeVisible();
  await signInAs(page, "prescriber");
  const refused = await page.goto("/admin/users");
  expect(refused?.status()).toBe(403);
  await expect(page).toHaveTitle("You do not have permission to see this page – Connect Well");
  await expect(page.getByText(`quote reference ${refused!.headers()["x-request-id"]}`)).toBeVisible();
});

test("a signed-in user is never sent off the site by returnTo, however it is written", async ({ page }) => {
  await signInAs(page, "prescriber");
  for (const returnTo of [
    "%2F%09%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F%0A%2Fevil.example",
    "%2F%C3%BC%E2%82%AC",
  ]) {
    const res = await page.goto(`/sign-in?returnTo=${returnTo}`);
    expect(res?.status(), returnTo).toBeLessThan(500);
    expect(new URL(page.url()).host, returnTo).toBe(new URL(page.url()).host.replace("evil.example", "x"));
    expect(page.url()).not.toContain("evil.example");
  }
});
