import { reference } from "../ceilings/queries";
import { measure, pick } from "../support/phases";
import { runPgbench } from "../support/pgbench";
import { prescribers, samplePeople } from "../support/samples";
import type { Scenario, ScenarioResult } from "../support/scenario";
import { perSecond } from "../support/stats";

// The targets were set on a machine whose ceilings scale-and-performance.md publishes. This scenario measures the
// same reference operation here, first: how fast this machine runs it, against the published figure, is the
// factor by which every later scenario also judges its targets "scaled to this machine" (support/targets.ts).

const flat = (q: string) => q.replace(/\s+/g, " ");
const pgbenchScript = `\\set k random(1, :samples)
select id as pid from bench.person_sample where k = :k \\gset
begin;
${flat(reference.read).replace("$1", ":pid")};
${flat(reference.audit).replace("$1", ":uid").replace("$2", "gen_random_uuid()::text").replace(/\$3/g, ":pid")};
commit;
`;

const scenario: Scenario = {
  id: "calibration",
  title: "Machine calibration: the reference operation of the published ceilings",
  order: 0,
  async run(ctx): Promise<ScenarioResult> {
    const people = await samplePeople(ctx.pool, ctx.smoke ? 200 : 5_000);
    const [user] = await prescribers(ctx.pool, 1);
    const bare = await measure(ctx, "bare Node + pg page: person read + audit insert", ctx.bare.pid, {
      url: ctx.bare.url,
      connections: 20,
      next: () => ({ method: "GET", path: `/reference/${pick(people)}`, headers: { "x-bench-user": user } }),
      onResponse: (s) => s === 200,
    });
    const sql = await runPgbench({
      url: ctx.dbUrl,
      script: pgbenchScript,
      clients: 4,
      seconds: ctx.seconds,
      variables: { samples: people.length, uid: user },
    });
    ctx.log(`reference transaction (pgbench, 4 clients): ${sql.throughput.toFixed(0)}/s`);
    const factor = bare.m.throughput / reference.published.barePage;
    const sqlFactor = sql.throughput / reference.published.pgbench;
    return {
      id: scenario.id,
      title: scenario.title,
      load: "the bare page at 20 connections, the transaction in pgbench at 4 clients, as published",
      target: "none: this scenario measures the machine",
      measurements: [
        bare.m,
        {
          label: "person read + audit insert in one transaction (pgbench)",
          connections: 4,
          seconds: sql.seconds,
          requests: sql.transactions,
          throughput: sql.throughput,
          latency: sql.latency,
          errors: sql.failed,
        },
      ],
      ratios: [
        {
          label: `bare Node page, this machine / the reference machine (${perSecond(reference.published.barePage)}): the factor targets are scaled by`,
          value: `${factor.toFixed(2)}×`,
        },
        {
          label: `pgbench transaction, this machine / the reference machine (${perSecond(reference.published.pgbench)})`,
          value: `${sqlFactor.toFixed(2)}×`,
        },
      ],
      targets: [],
      invariants: [
        {
          name: "the reference page answered every request",
          pass: bare.m.errors === 0,
          detail: `${bare.m.errors} errors`,
        },
      ],
      notes: [
        "Targets are stated for the machine these ceilings were published from. A throughput target scaled to this machine is the target times the factor; a latency target, the target divided by it (with connections held open, latency is connections over throughput).",
      ],
      exports: { factor },
    };
  },
};
export default scenario;
