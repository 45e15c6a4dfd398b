import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

// When the signed-in session ends, as the server last said; the idle warning counts down to it. The root loader
// says so with every page it loads, and so do the keep-alive and the actions after which the page's loaders are not
// run again (read-only-action.ts): without them the warning would count down from an older page and sign out
// someone who has only been searching.

interface Clock {
  /** Epoch milliseconds at which the session ends, or null when no one is signed in. */
  deadline: number | null;
  report: (remainingMs: number) => void;
}

const ClockContext = createContext<Clock>({ deadline: null, report: () => {} });

export function SessionClock({ remainingMs, children }: { remainingMs: number | null; children: ReactNode }) {
  const [deadline, setDeadline] = useState(() => (remainingMs == null ? null : Date.now() + remainingMs));
  useEffect(() => setDeadline(remainingMs == null ? null : Date.now() + remainingMs), [remainingMs]);
  const report = useCallback((ms: number) => setDeadline(Date.now() + ms), []);
  const clock = useMemo(() => ({ deadline, report }), [deadline, report]);
  return <ClockContext.Provider value={clock}>{children}</ClockContext.Provider>;
}

export const useSessionClock = () => useContext(ClockContext);

/** Passes on the session's remaining time that a response reports; each new response once. */
export function useReportedSessionTime(result: { remainingMs?: number } | null | undefined) {
  const { report } = useSessionClock();
  useEffect(() => {
    if (typeof result?.remainingMs === "number") report(result.remainingMs);
  }, [result, report]);
}
