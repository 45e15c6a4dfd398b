import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { latencyOf, type Latency } from "./stats";

export interface PgbenchResult {
  transactions: number;
  seconds: number;
  throughput: number;
  latency: Latency;
  failed: number;
}

/**
 * The raw-SQL ceiling: a pgbench script against the same database, with per-transaction latencies logged so the
 * percentiles are computed exactly as for the HTTP runs.
 */
export async function runPgbench(opts: {
  url: string;
  script: string;
  clients: number;
  seconds: number;
  variables?: Record<string, string | number>;
  protocol?: "prepared" | "extended";
}): Promise<PgbenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "cw-pgbench-"));
  try {
    const file = path.join(dir, "script.sql");
    writeFileSync(file, opts.script);
    const u = new URL(opts.url);
    const args = [
      "-n",
      "-M",
      opts.protocol ?? "prepared", // as the app sends them (db/prepared-client.ts)
      "-f",
      file,
      "-c",
      String(opts.clients),
      "-j",
      "2",
      "-T",
      String(opts.seconds),
      "--log",
      `--log-prefix=${path.join(dir, "tx")}`,
      // A socket directory arrives percent-encoded as the host (postgres://user@%2Fvar%2Frun%2Fpostgresql/db).
      "-h",
      decodeURIComponent(u.hostname),
      "-p",
      u.port || "5432",
      "-U",
      decodeURIComponent(u.username || "postgres"),
      ...Object.entries(opts.variables ?? {}).flatMap(([k, v]) => ["-D", `${k}=${v}`]),
      u.pathname.slice(1),
    ];
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn("pgbench", args, { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } });
      let text = "";
      child.stdout.on("data", (d) => (text += d));
      child.stderr.on("data", (d) => (text += d));
      child.on("error", reject);
      child.on("exit", (code) =>
        code === 0 ? resolve(text) : reject(new Error(`pgbench failed (${code}): ${text.slice(-800)}`)),
      );
    });
    const latencies: number[] = [];
    for (const f of readdirSync(dir).filter((x) => x.startsWith("tx"))) {
      for (const line of readFileSync(path.join(dir, f), "utf8").split("\n")) {
        const cols = line.split(" ");
        if (cols.length >= 3) latencies.push(Number(cols[2]) / 1000);
      }
    }
    const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? Number.NaN);
    return {
      transactions: latencies.length,
      seconds: opts.seconds,
      throughput: tps,
      latency: latencyOf(latencies),
      failed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
