import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { beforeEach, describe, expect, it } from "vitest";
import { loader as rootLoader } from "../../../app/routes/api.oruk._index";
import { loader as salLoader } from "../../../app/routes/api.oruk.service_at_locations._index";
import { loader as salOne } from "../../../app/routes/api.oruk.service_at_locations.$id";
import { action as servicesAction, loader as servicesLoader } from "../../../app/routes/api.oruk.services._index";
import { loader as serviceLoader } from "../../../app/routes/api.oruk.services.$id";
import { loader as taxonomiesLoader } from "../../../app/routes/api.oruk.taxonomies._index";
import { loader as taxonomyLoader } from "../../../app/routes/api.oruk.taxonomies.$id";
import { loader as termsLoader } from "../../../app/routes/api.oruk.taxonomy_terms._index";
import { loader as termLoader } from "../../../app/routes/api.oruk.taxonomy_terms.$id";
import { useTestDatabase, testDb } from "../../support/db";
import { makeActivity, makeLead, makePerson, makeReferral } from "../../support/directory-factories";
import { context, makeUser } from "../../support/factories";

useTestDatabase();

// The ORUK 3.0 schemas ship with the tests (tests/fixtures/oruk-3.0, from OpenReferralUK/uk-profile): nothing is
// fetched. They declare no $schema and use draft-07-compatible keywords, plus descriptive extras (core, example…).
const dir = join(__dirname, "../../fixtures/oruk-3.0");
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const file of readdirSync(dir).filter(
  (f) => f.endsWith(".json") && !f.startsWith("example") && f !== "openapi.json",
)) {
  ajv.addSchema(JSON.parse(readFileSync(join(dir, file), "utf8")), file);
}
const compiled = (name: string) => ajv.compile(JSON.parse(readFileSync(join(dir, "compiled", name), "utf8")));
const validators = {
  service: compiled("service.json"),
  serviceList: compiled("service_list.json"),
  salList: compiled("service_at_location_list.json"),
  sal: compiled("service_at_location.json"),
  taxonomy: ajv.getSchema("taxonomy.json")!,
  term: ajv.getSchema("taxonomy_term.json")!,
};
const openapi = JSON.parse(readFileSync(join(dir, "openapi.json"), "utf8"));
const pageSchema = ajv.compile(openapi.components.schemas.Page);

function valid(validate: ReturnType<typeof ajv.compile>, value: unknown) {
  const ok = validate(value);
  return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

async function get(loader: (args: never) => Promise<Response>, path: string, params: Record<string, string> = {}) {
  const res = await loader({ request: new Request(`http://localhost${path}`), params, context: context() } as never);
  return { res, body: await res.json() };
}

let activityId = "";

beforeEach(async () => {
  const lead = await makeUser("activity_lead");
  const a = await makeActivity({ name: "Chair exercise", transport: ["fox_connect"] });
  await makeActivity({ name: "Phone befriending", address: null, category: "befriending", format: "one_to_one" });
  await testDb()
    .insertInto("activity_schedule")
    .values({ activity_id: a.id, weekday: 2, start_time: "10:30", end_time: "11:30" })
    .execute();
  await makeLead(a.id, lead.id);
  const person = await makePerson({ given: "Zebedee", family: "Secretperson" });
  await makeReferral(a.id, { personId: person.id });
  activityId = a.id;
});

describe("Open Referral UK API", () => {
  it("lists services as a page whose items validate against service_list.json", async () => {
    const { res, body } = await get(servicesLoader, "/api/oruk/services?per_page=1&page=2");
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(valid(pageSchema, body)).toEqual([]);
    expect(body).toMatchObject({
      total_items: 2,
      total_pages: 2,
      page_number: 2,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
    });
    for (const item of body.contents) expect(valid(validators.serviceList, item)).toEqual([]);
  });

  it("returns a full service that validates against compiled/service.json, with no personal data", async () => {
    const { res, body } = await get(serviceLoader, `/api/oruk/services/${activityId}`, { id: activityId });
    expect(res.status).toBe(200);
    expect(valid(validators.service, body)).toEqual([]);
    expect(body.schedules[0]).toMatchObject({
      freq: "WEEKLY",
      byday: "TU",
      opens_at: expect.stringMatching(/^10:30\+0[01]:00$/),
      closes_at: expect.stringMatching(/^11:30\+0[01]:00$/),
    });
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/Zebedee|Secretperson|Test activity_lead/);
  });

  it("serves taxonomies, terms and service-at-locations that validate, and finds each by id", async () => {
    const tax = await get(taxonomiesLoader, "/api/oruk/taxonomies");
    for (const t of tax.body.contents) expect(valid(validators.taxonomy, t)).toEqual([]);
    const one = await get(taxonomyLoader, `/api/oruk/taxonomies/${tax.body.contents[0].id}`, {
      id: tax.body.contents[0].id,
    });
    expect(one.body).toEqual(tax.body.contents[0]);
    const terms = await get(termsLoader, "/api/oruk/taxonomy_terms?per_page=100");
    expect(terms.body.total_items).toBe(10);
    for (const t of terms.body.contents) expect(valid(validators.term, t)).toEqual([]);
    const term = terms.body.contents.find((t: { name: string }) => t.name === "Physical activity");
    expect((await get(termLoader, `/x`, { id: term.id })).body).toEqual(term);
    const filtered = await get(servicesLoader, `/api/oruk/services?taxonomy_term_id=${term.id}`);
    expect(filtered.body.contents.map((s: { id: string }) => s.id)).toEqual([activityId]);

    const sal = await get(salLoader, "/api/oruk/service_at_locations?postcode=LE10");
    expect(sal.body.total_items).toBe(1); // the phone-based service has no venue
    for (const item of sal.body.contents) expect(valid(validators.salList, item)).toEqual([]);
    const single = await get(salOne, "/x", { id: sal.body.contents[0].id });
    expect(valid(validators.sal, single.body)).toEqual([]);
  });

  it("filters by day and time", async () => {
    expect((await get(servicesLoader, "/api/oruk/services?day=TU&start_time=10:00")).body.total_items).toBe(1);
    expect((await get(servicesLoader, "/api/oruk/services?day=wednesday")).body.total_items).toBe(0);
  });

  it.each([
    ["page=0", "page"],
    ["per_page=500", "per_page"],
    ["page=abc", "page"],
    ["taxonomy_term_id=not-a-uuid", "taxonomy_term_id"],
    ["day=someday", "day"],
    ["start_time=25:00", "start_time"],
    ["modified_after=yesterday", "modified_after"],
    ["minimum_age=-3", "minimum_age"],
  ])("answers a malformed %s with a 400 JSON error naming the parameter", async (query, parameter) => {
    const { res, body } = await get(servicesLoader, `/api/oruk/services?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(body.problems.map((p: { parameter: string }) => p.parameter)).toContain(parameter);
  });

  it("answers unknown ids with 404 JSON, non-uuids with 400, preflight with 204 and writes with 405", async () => {
    expect((await get(serviceLoader, "/x", { id: "00000000-0000-4000-8000-000000000000" })).res.status).toBe(404);
    expect((await get(serviceLoader, "/x", { id: "42" })).res.status).toBe(400);
    const pre = await servicesAction({
      request: new Request("http://localhost/api/oruk/services", { method: "OPTIONS" }),
      params: {},
      context: context(),
    } as never);
    expect(pre.status).toBe(204);
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const post = await servicesAction({
      request: new Request("http://localhost/api/oruk/services", { method: "POST" }),
      params: {},
      context: context(),
    } as never);
    expect(post.status).toBe(405);
  });

  it("has validators that reject what breaks the schema (so the checks above can fail)", () => {
    expect(valid(validators.service, { id: "not-a-uuid", name: "x", status: "open" })).not.toEqual([]);
    expect(valid(validators.serviceList, { id: "6f1c2d1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f", name: "x" })).not.toEqual([]);
  });

  it("describes itself at the root", async () => {
    const { body } = await get(rootLoader, "/api/oruk/");
    expect(body.version).toBe("3.0");
  });
});
