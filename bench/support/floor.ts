import { measure } from "./phases";
import type { BenchContext, Measurement } from "./scenario";

/**
 * The framework's own ceiling on this machine: the app's smallest page (the sign-in form: a Remix render with no
 * database read), under the scenario's connections. No page of the app can be served faster than this.
 */
export async function smallestPage(ctx: BenchContext, connections: number): Promise<Measurement> {
  const floor = await measure(ctx, "the app's smallest page (GET /sign-in, no data)", ctx.app.pid, {
    url: ctx.app.url,
    connections,
    next: () => ({ method: "GET", path: "/sign-in", headers: {} }),
    onResponse: (s) => s === 200,
  });
  return floor.m;
}
