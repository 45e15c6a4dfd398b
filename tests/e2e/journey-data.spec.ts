import { expect, test } from "./fixtures";

// What the data must keep and the real-world inputs it meets, seen through the running server.

test("every response carries one Cache-Control header: public API reads are cacheable, all else no-store", async ({
  request,
}) => {
  const list = await request.get("/api/oruk/services");
  expect(list.status()).toBe(200);
  const cacheHeaders = (r: typeof list) =>
    r
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "cache-control")
      .map((h) => h.value);
  expect(cacheHeaders(list)).toEqual(["public, max-age=300"]);
  const missing = await request.get("/api/oruk/services/00000000-0000-4000-8000-000000000000");
  expect(missing.status()).toBe(404);
  expect(cacheHeaders(missing)).toEqual(["no-store"]);
  const bad = await request.get("/api/oruk/services?page=0");
  expect(bad.status()).toBe(400);
  expect(cacheHeaders(bad)).toEqual(["no-store"]);
  expect(cacheHeaders(await request.get("/sign-in"))).toEqual(["no-store"]);
  expect(cacheHeaders(await request.get("/favicon.svg"))).toEqual(["public, max-age=3600"]);
});
