import { runLoad, type LoadResult, type LoadSpec } from "./load";
import type { BenchContext, Measurement } from "./scenario";
import { sampleMemory, treeCpuMs } from "./server";

/** Load without measuring first, so JIT, plans and caches are warm in both the app and the ceiling. */
export async function warmUp(ctx: BenchContext, spec: Omit<LoadSpec, "seconds">): Promise<LoadResult> {
  const warm = await runLoad({ ...spec, seconds: ctx.smoke ? 2 : 5 });
  // Requests cut off when the warm-up stopped may still be finishing on the server.
  await new Promise((r) => setTimeout(r, 2_000));
  return warm;
}

/**
 * A measured load phase against a server, with that server's memory sampled throughout. It runs for a number of
 * requests (the warm-up's rate times the phase length) rather than a time, so no request is cut off at the end.
 */
export async function measure(
  ctx: BenchContext,
  label: string,
  pid: number,
  spec: Omit<LoadSpec, "seconds">,
  seconds = ctx.seconds,
  before?: () => Promise<void>,
): Promise<{ m: Measurement; load: LoadResult }> {
  const warm = await warmUp(ctx, spec);
  await before?.();
  const memory = sampleMemory(pid);
  const amount = Math.max(spec.connections * 2, Math.round(warm.throughput * seconds));
  const cpuBefore = treeCpuMs(pid);
  const load = await runLoad({ ...spec, seconds, amount });
  const cpuMsPerRequest = (treeCpuMs(pid) - cpuBefore) / Math.max(1, load.requests);
  const mem = memory.stop();
  ctx.log(
    `${label}: ${load.throughput.toFixed(0)}/s p95 ${load.latency.p95.toFixed(1)} ms, ${load.errors} errors, server CPU ${cpuMsPerRequest.toFixed(2)} ms per request`,
  );
  return {
    load,
    m: {
      label,
      connections: spec.connections,
      seconds: load.seconds,
      requests: load.requests,
      throughput: load.throughput,
      latency: load.latency,
      errors: load.errors,
      statuses: load.statuses,
      cpuMsPerRequest,
      memory: mem,
    },
  };
}

export function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)];
}
