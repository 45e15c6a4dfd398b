// Calendar arithmetic on 'YYYY-MM-DD' strings, done in UTC so no time zone can shift a day, and the service's
// own "today" (the UK's). The one home of these helpers: every domain's dates go through here. Pure.

/** `ymd` moved by `days` (negative for earlier), as 'YYYY-MM-DD'. */
export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const t = (ymd: string) => {
    const [y, m, d] = ymd.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(to) - t(from)) / 86_400_000);
}

/** True for a real calendar date written 'YYYY-MM-DD' (not "2026-02-30"). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}

/** ISO weekday of a calendar date: Monday = 1 … Sunday = 7. */
export function isoWeekday(ymd: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const day = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

// Made once: building a DateTimeFormat costs far more than using one, and pages call this per row.
const londonDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The UK calendar date of an instant, as 'YYYY-MM-DD'. */
export function londonDate(instant: Date): string {
  return londonDay.format(instant);
}

/** Today where the service runs (the UK), whatever the server's zone, as 'YYYY-MM-DD'. */
export function londonToday(now = new Date()): string {
  return londonDate(now);
}
