import type { BenchContext, Check } from "./scenario";
import { ms, perSecond } from "./stats";

// A target is judged twice: as written (the figure in scale-and-performance.md, set on the machine whose ceilings
// it publishes) and scaled to this machine by the calibration scenario's factor (this machine's speed at the same
// reference operation over the published one). Without a calibration in the run, only as written.

function factorOf(ctx: BenchContext): number | null {
  const f = ctx.exported.calibration?.factor;
  return f && Number.isFinite(f) && f > 0 ? f : null;
}

/** At least `target` per second. */
export function atLeastPerSecond(ctx: BenchContext, measured: number, target: number, unit = "req/s"): Check {
  const f = factorOf(ctx);
  const scaledTarget = f === null ? null : target * f;
  return {
    name: `≥ ${target} ${unit}`,
    pass: measured >= target,
    detail: perSecond(measured),
    ...(scaledTarget === null
      ? {}
      : {
          scaled: {
            pass: measured >= scaledTarget,
            detail: `≥ ${perSecond(scaledTarget)} on this machine (× ${f!.toFixed(2)})`,
          },
        }),
  };
}

/** A latency at most `target` milliseconds (`label`: which percentile). */
export function atMostMs(ctx: BenchContext, label: string, measured: number, target: number): Check {
  const f = factorOf(ctx);
  const scaledTarget = f === null ? null : target / f;
  return {
    name: `${label} ≤ ${target} ms`,
    pass: measured <= target,
    detail: ms(measured),
    ...(scaledTarget === null
      ? {}
      : {
          scaled: {
            pass: measured <= scaledTarget,
            detail: `≤ ${ms(scaledTarget)} on this machine (÷ ${f!.toFixed(2)})`,
          },
        }),
  };
}
