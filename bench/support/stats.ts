// Percentiles and small formatting helpers shared by the scenarios and the report.

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencyOf(values: number[]): Latency {
  const s = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.length ? s[s.length - 1] : Number.NaN,
  };
}

export function ms(v: number): string {
  if (!Number.isFinite(v)) return "–";
  return v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`;
}

export function perSecond(v: number): string {
  return Number.isFinite(v) ? `${v >= 100 ? Math.round(v) : v.toFixed(1)}/s` : "–";
}

export function ratio(app: number, ceiling: number): string {
  return Number.isFinite(app) && Number.isFinite(ceiling) && ceiling > 0 ? `${(app / ceiling).toFixed(2)}×` : "–";
}
