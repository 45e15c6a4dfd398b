// Report drawing is batch work: on a busy server it should give way to the requests people are waiting for.
// See docs/decisions/0917-report-threads-give-way.md.
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/**
 * The nice value report worker threads run at: 10 of Linux's 0 (normal) to 19 (lowest). When the cores are free
 * it changes nothing; when requests and reports compete, the scheduler gives a nice-0 thread about nine times the
 * CPU share of a nice-10 one.
 */
const REPORT_THREAD_NICE = 10;

/**
 * Lowers the CPU priority of the calling thread only (not the process) to `nice`, never raising it: a process
 * already started at a lower priority keeps its threads there. On Linux, `setpriority` given a thread id applies to
 * that thread, and `/proc/thread-self` names the calling thread's id. Returns the thread's nice value afterwards, or
 * null where this cannot be done (not Linux, no /proc, or not permitted): the thread then keeps the process's
 * priority, which is only slower for others, never wrong.
 */
export function lowerThisThreadPriority(nice = REPORT_THREAD_NICE): number | null {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    if (getPriority(tid) < nice) setPriority(tid, Math.min(19, nice));
    return getPriority(tid);
  } catch {
    return null;
  }
}
