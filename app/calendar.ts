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

/** True for a real calendar date written 'YYYY-MM-DD' (not "2026-02-30", not year 0000 or 0001). */
export function isIsoDate(value: string): boolean {
  // Years before 1000 are refused: Date.UTC reads 0 to 99 as 1900 to 1999, and no date here is that old.
  if (!/^[1-9]\d{3}-\d{2}-\d{2}$/.test(value)) return false;
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

/** The first date on or after `from` that falls on ISO weekday `weekday` (Monday = 1 … Sunday = 7). */
export function firstWeekdayOnOrAfter(from: string, weekday: number): string {
  return addDays(from, (((weekday - isoWeekday(from)) % 7) + 7) % 7);
}

const londonOffsetFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "longOffset" });

function londonOffsetMinutesAt(instantMs: number): number {
  const name = londonOffsetFormat.formatToParts(new Date(instantMs)).find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * The UK's offset from UTC at a UK wall-clock time on a date, as ISO 8601 writes it: "+00:00" (GMT) or "+01:00"
 * (BST). `date` is 'YYYY-MM-DD', `time` 'HH:MM' or 'HH:MM:SS'. A time the clocks skip (01:30 on the last Sunday of
 * March) takes the offset that follows the change.
 */
export function londonUtcOffset(date: string, time: string): string {
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offset = londonOffsetMinutesAt(asUtc - londonOffsetMinutesAt(asUtc) * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Whole years on `today` (both 'YYYY-MM-DD'), counted the way a birthday is, and as PostgreSQL's `age()` counts them. */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
