import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** Resident memory of a process in MiB, or NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process and its children (npm start runs the server as a child), MiB. */
export function treeRssMb(pid: number): number {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    // gone, or no children
  }
  return rssMb(pid) + children.reduce((s, c) => s + treeRssMb(c), 0);
}

const TICK_MS = 1000 / 100; // /proc reports CPU time in clock ticks: USER_HZ, 100 on Linux

/** CPU time (user and system) a process and its children have used so far, in milliseconds. */
export function treeCpuMs(pid: number): number {
  let own = 0;
  try {
    // Fields 14 and 15 (utime, stime), counted after the command name, which may contain spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    own = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    // no children
  }
  return own + children.reduce((s, c) => s + treeCpuMs(c), 0);
}

export interface Process {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Set when the process exits: the soak's "never exits" check reads it. */
  exited: { code: number | null; signal: string | null } | null;
  /** The last lines it wrote to stderr, for diagnosing a failure. */
  stderrTail: string[];
  /** Its standard output, when asked for (the app's request log is left uncaptured: reading it costs CPU). */
  stdout: string[];
  stop(): Promise<void>;
}

/** Starts a server process and waits until `ready` answers 200 (or the process dies, or the wait times out). */
export async function startProcess(opts: {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  port: number;
  ready: string;
  timeoutMs: number;
  cwd?: string;
  captureStdout?: boolean;
}): Promise<Process & { readyAfterMs: number }> {
  const started = Date.now();
  const child = spawn(opts.command, opts.args, {
    env: opts.env as NodeJS.ProcessEnv,
    cwd: opts.cwd,
    stdio: ["ignore", opts.captureStdout ? "pipe" : "ignore", "pipe"],
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const proc: Process = {
    child,
    pid: child.pid!,
    url,
    exited: null,
    stderrTail: [],
    stdout: [],
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    proc.stderrTail.push(...chunk.split("\n").filter(Boolean));
    if (proc.stderrTail.length > 50) proc.stderrTail.splice(0, proc.stderrTail.length - 50);
  });
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => proc.stdout.push(...chunk.split("\n").filter(Boolean)));
  child.on("exit", (code, signal) => {
    proc.exited = { code, signal };
  });
  while (Date.now() - started < opts.timeoutMs) {
    if (proc.exited)
      throw new Error(`${opts.args.join(" ")} exited before it was ready: ${proc.stderrTail.slice(-5).join(" | ")}`);
    try {
      const res = await fetch(url + opts.ready, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return { ...proc, readyAfterMs: Date.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await proc.stop();
  throw new Error(`${opts.args.join(" ")} was not ready within ${opts.timeoutMs} ms`);
}

/** Samples a process's resident memory once a second until stopped. */
export function sampleMemory(pid: number) {
  const samples: { at: number; mb: number }[] = [];
  const t0 = Date.now();
  const timer = setInterval(() => samples.push({ at: (Date.now() - t0) / 1000, mb: treeRssMb(pid) }), 1000);
  timer.unref();
  return {
    samples,
    stop() {
      clearInterval(timer);
      const values = samples.map((s) => s.mb).filter(Number.isFinite);
      return {
        start: values[0] ?? Number.NaN,
        peak: values.length ? Math.max(...values) : Number.NaN,
        end: values[values.length - 1] ?? Number.NaN,
      };
    },
  };
}
