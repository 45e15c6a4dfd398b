// Weekly schedules: checking a new slot against the activity's others, and turning schedules into dated
// sessions. Pure: dates are 'YYYY-MM-DD' strings and times 'HH:MM' or 'HH:MM:SS', never Date objects, so no
// time zone can shift a session to another day.
import { addDays, isIsoDate, isoWeekday } from "~/calendar";

export interface WeeklySlot {
  id?: string;
  weekday: number;
  startTime: string;
  endTime: string;
  validFrom: string;
  validTo: string | null;
}

export interface SessionSlot {
  date: string;
  startTime: string;
  endTime: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d))?$/;

export function minutesOf(time: string): number | null {
  const m = TIME.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** 'HH:MM' for display and form values, whichever form the database returned. */
export const hhmm = (time: string) => time.slice(0, 5);

export type ScheduleProblem = { field: "weekday" | "startTime" | "endTime" | "validFrom" | "validTo"; message: string };

/**
 * Why a weekly slot cannot be saved, or null. Two slots of one activity clash when they share a weekday, their
 * times overlap, and the periods they run for overlap.
 */
export function scheduleProblem(slot: WeeklySlot, others: readonly WeeklySlot[]): ScheduleProblem | null {
  if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7)
    return { field: "weekday", message: "Select the day of the week" };
  const start = minutesOf(slot.startTime);
  const end = minutesOf(slot.endTime);
  if (start === null) return { field: "startTime", message: "Enter a start time in the 24-hour clock, like 10:30" };
  if (end === null) return { field: "endTime", message: "Enter an end time in the 24-hour clock, like 11:30" };
  if (end <= start) return { field: "endTime", message: "The end time must be after the start time" };
  if (!isIsoDate(slot.validFrom)) return { field: "validFrom", message: "Enter a real date for when this starts" };
  if (slot.validTo !== null) {
    if (!isIsoDate(slot.validTo)) return { field: "validTo", message: "Enter a real date for when this ends" };
    if (slot.validTo < slot.validFrom)
      return { field: "validTo", message: "The last date must be on or after the first date" };
  }
  for (const other of others) {
    if (other.id !== undefined && other.id === slot.id) continue;
    if (other.weekday !== slot.weekday) continue;
    const oStart = minutesOf(other.startTime)!;
    const oEnd = minutesOf(other.endTime)!;
    const timesOverlap = start < oEnd && oStart < end;
    const periodsOverlap =
      (other.validTo === null || slot.validFrom <= other.validTo) &&
      (slot.validTo === null || other.validFrom <= slot.validTo);
    if (timesOverlap && periodsOverlap) {
      return {
        field: "startTime",
        message: `This overlaps the ${hhmm(other.startTime)} to ${hhmm(other.endTime)} session on the same day`,
      };
    }
  }
  return null;
}

/** Every dated session the schedules give between two dates inclusive, in date and time order. */
export function sessionsBetween(schedules: readonly WeeklySlot[], from: string, to: string): SessionSlot[] {
  const out: SessionSlot[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    for (const s of schedules) {
      if (s.weekday !== weekday || date < s.validFrom || (s.validTo !== null && date > s.validTo)) continue;
      out.push({ date, startTime: hhmm(s.startTime), endTime: hhmm(s.endTime) });
    }
  }
  return out.sort((a, b) =>
    a.date === b.date ? a.startTime.localeCompare(b.startTime) : a.date.localeCompare(b.date),
  );
}
