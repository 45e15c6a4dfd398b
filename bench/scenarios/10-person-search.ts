import { search, searchAudit } from "../ceilings/queries";
import { modeLabel, submit, type PageMode } from "../support/browser";
import { measure, pick } from "../support/phases";
import { smallestPage } from "../support/floor";
import { runPgbench } from "../support/pgbench";
import { prescribers, sampleSearchTerms } from "../support/samples";
import type { BenchContext, Check, Scenario, ScenarioResult } from "../support/scenario";
import { closeSessions, openSessions } from "../support/sessions";
import { ratio } from "../support/stats";
import { atLeastPerSecond, atMostMs } from "../support/targets";

const CONNECTIONS = 20;

// The sampled term decides the statements, as searchPeople does: ten digits search by NHS number; a name runs the
// prefix step, then the widening steps when the prefix step left room (precomputed per term in the sample table;
// pgbench passes no ids found already, where the app excludes them: the same plans).
function pgbenchScript(): string {
  const flat = (q: string) => q.replace(/\s+/g, " ");
  return `\\set k random(1, :samples)
select is_nhs, is_words, widen, term, prefix_pat, contains_pat from bench.search_sample where k = :k \\gset
begin;
\\if :is_nhs
${flat(search.nhs).replace("$1", ":term")};
\\elif :is_words
${flat(search.namePrefix).replace("$1", ":prefix_pat")};
\\else
${flat(search.surnamePrefix).replace("$1", ":prefix_pat")};
\\endif
\\if :widen
${flat(search.contains).replace("$1", ":contains_pat").replace("$2", "'{}'").replace("$3", "26")};
${flat(search.preferred).replace("$1", ":prefix_pat").replace("$2", "'{}'").replace("$3", "26")};
\\endif
${flat(searchAudit).replace("$1", ":uid").replace("$2", "gen_random_uuid()::text").replace("$3", `'{"by":"name"}'`)};
commit;
`;
}

async function auditedSearches(ctx: BenchContext, users: string[]): Promise<number> {
  const { rows } = await ctx.pool.query<{ n: number }>(
    "select count(*)::int as n from audit_event where action = 'person.search' and actor_user_id = any($1)",
    [users],
  );
  return rows[0].n;
}

const scenario: Scenario = {
  id: "person-search",
  title: "Person search (name prefix / contains / NHS number)",
  order: 10,
  async run(ctx): Promise<ScenarioResult> {
    const terms = await sampleSearchTerms(ctx.pool, ctx.smoke ? 200 : 2_000);
    const users = await prescribers(ctx.pool, CONNECTIONS);
    const sessions = await openSessions(ctx.pool, users);
    const body = (t: { term: string }) => new URLSearchParams({ q: t.term }).toString();
    try {
      // The search form posts to the people index route, so the term never appears in a URL; the page's loaders
      // keep their data after it, so in-app a search is that one request.
      const search = (mode: PageMode) => ({
        url: ctx.app.url,
        connections: CONNECTIONS,
        next: () =>
          submit(
            mode,
            "/people",
            body(pick(terms)),
            { cookie: pick(sessions).cookie, origin: ctx.app.url },
            { index: true, revalidates: false },
          ),
        onResponse: (s: number) => s === 200,
      });
      let before = 0;
      const app = await measure(
        ctx,
        `app, ${modeLabel["in-app"]}`,
        ctx.app.pid,
        search("in-app"),
        ctx.seconds,
        async () => {
          before = await auditedSearches(ctx, users);
        },
      );
      const audited = (await auditedSearches(ctx, users)) - before;
      const ok = app.load.timeline.reduce((s, t) => s + t.ok, 0);
      const documents = await measure(ctx, `app, ${modeLabel.document}`, ctx.app.pid, search("document"));
      const bare = await measure(ctx, "bare Node page", ctx.bare.pid, {
        url: ctx.bare.url,
        connections: CONNECTIONS,
        next: () => ({
          method: "POST",
          path: "/people",
          headers: { "x-bench-user": users[0], "content-type": "application/x-www-form-urlencoded" },
          body: body(pick(terms)),
        }),
        onResponse: (s) => s === 200,
      });
      const vars = { samples: terms.length, uid: users[0] };
      const floor = await smallestPage(ctx, CONNECTIONS);
      const sql = await runPgbench({
        url: ctx.dbUrl,
        script: pgbenchScript(),
        clients: CONNECTIONS,
        seconds: ctx.seconds,
        variables: vars,
        protocol: "extended",
      });
      ctx.log(`raw SQL (the app's statements): ${sql.throughput.toFixed(0)}/s p95 ${sql.latency.p95.toFixed(1)} ms`);

      const a = app.m;
      const targets: Check[] = [
        atMostMs(ctx, "p95", a.latency.p95, 100),
        atLeastPerSecond(ctx, a.throughput, 300),
        { name: "0 errors", pass: a.errors === 0, detail: String(a.errors) },
      ];
      const mix = ["prefix", "contains", "nhs"]
        .map((k) => `${terms.filter((t) => t.kind === k).length} ${k}`)
        .join(", ");
      return {
        id: scenario.id,
        title: scenario.title,
        load: `${CONNECTIONS} connections; a search is the form's one POST (in-app, the page's loaders are not run again after it); terms drawn from the data set (${mix})`,
        target: "p95 ≤ 100 ms, ≥ 300 req/s",
        measurements: [
          a,
          documents.m,
          floor,
          bare.m,
          {
            label: "raw SQL, the app's statements (pgbench)",
            connections: CONNECTIONS,
            seconds: sql.seconds,
            requests: sql.transactions,
            throughput: sql.throughput,
            latency: sql.latency,
            errors: sql.failed,
          },
        ],
        ratios: [
          { label: "throughput, app / bare Node page", value: ratio(a.throughput, bare.m.throughput) },
          {
            label: "throughput, app's HTML document / bare Node page",
            value: ratio(documents.m.throughput, bare.m.throughput),
          },
          { label: "throughput, app / raw SQL", value: ratio(a.throughput, sql.throughput) },
          { label: "throughput, app / the app's smallest page", value: ratio(a.throughput, floor.throughput) },
        ],
        targets,
        invariants: [
          {
            name: "audit rows = successful searches",
            pass: audited === ok,
            detail: `${audited} audit rows, ${ok} successful searches`,
          },
          {
            name: "the HTML document too: 0 errors",
            pass: documents.m.errors === 0,
            detail: String(documents.m.errors),
          },
        ],
        notes: [],
      };
    } finally {
      await closeSessions(ctx.pool, sessions);
    }
  },
};
export default scenario;
