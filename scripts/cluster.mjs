// Several server processes sharing one port (node:cluster), for PostgreSQL deployments: Node renders pages on one
// core, so one process leaves the others idle. The first worker starts alone (it applies migrations and any demo
// data), the rest after it listens. A worker that dies is replaced; SIGTERM/SIGINT stop them all.
import cluster from "node:cluster";
import { setTimeout } from "node:timers";

function log(level, msg, fields) {
  (level === "info" ? process.stdout : process.stderr).write(
    JSON.stringify({ ts: new Date().toISOString(), level, msg, ...fields }) + "\n",
  );
}

/** Runs `count` workers of this script until a stop signal, then resolves once they have all exited. */
export function supervise(count) {
  let stopping = false;
  const fork = () =>
    new Promise((resolve) => {
      const worker = cluster.fork();
      worker.once("listening", () => resolve(worker));
      worker.once("exit", () => resolve(worker));
    });

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log("error", "server process exited: starting another", { pid: worker.process.pid, code, signal });
    setTimeout(() => void fork(), 1000);
  });

  return new Promise((resolve) => {
    const stop = (signal) => {
      if (stopping) return;
      stopping = true;
      log("info", "stopping server processes", { signal });
      const live = Object.values(cluster.workers ?? {});
      if (live.length === 0) resolve();
      let left = live.length;
      for (const w of live) {
        w.once("exit", () => --left === 0 && resolve());
        w.process.kill(signal);
      }
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
    void (async () => {
      await fork();
      for (let i = 1; i < count && !stopping; i++) await fork();
      log("info", "server processes started", { count });
    })();
  });
}
