// When each measure of a referral is due, computed on read from the referral's dates (no scheduled jobs).
// Pure: the caller passes today's date, so every rule is testable without a clock or a database.
//
// The rules, each a day count from a target date:
//   baseline   target = the first session (or, before one is booked, 14 days after the referral arrived);
//              due from the day the referral arrived; overdue the day after the target; once a first session
//              is known it stops being asked for when the first follow-up's window opens (too late to be a
//              baseline). Without a first session it stays overdue while the referral is open.
//   follow-up  target = first session + N weeks; due from 7 days before; overdue after 14 days' grace;
//              missed when the next follow-up's window opens (the last one: 6 weeks after its target).
//   exit       only once the referral has ended: target = the end date; overdue after 14 days; missed after 6 weeks.
// A time point is done when every instrument tracked on the referral has a live response there. Tracked = the
// service's core set (UCLA-3 and SWEMWBS) plus any other instrument with a live baseline on the referral.

import { instruments } from "./instruments";
import { addDays } from "~/calendar";
import { CORE_INSTRUMENTS, type RecordedTimePoint, type TimePoint, timePointLabel } from "./time-points";

const WINDOW_OPENS_DAYS_BEFORE = 7;
const OVERDUE_AFTER_DAYS = 14;
const LAST_MISSED_AFTER_DAYS = 42;
const BASELINE_TARGET_WITHOUT_SESSION_DAYS = 14;

export type DueStatus = "upcoming" | "due" | "overdue" | "done" | "missed";

export interface ReferralForDue {
  id: string;
  status: string;
  /** UK calendar date the referral arrived. */
  receivedOn: string;
  /** First session attended, when known. */
  firstSessionOn: string | null;
  /** UK calendar date the referral ended, when it has. */
  endedOn: string | null;
  followUpWeeks: readonly number[];
}

/** A live response (entered-in-error rows are left out by the caller). */
export interface ResponseForDue {
  instrumentCode: string;
  /** An extra baseline-window response fills no time point. */
  timePoint: RecordedTimePoint;
  followUpWeek: number | null;
}

export interface ScheduledMeasure {
  referralId: string;
  timePoint: TimePoint;
  followUpWeek: number | null;
  label: string;
  opensOn: string;
  dueOn: string;
  overdueFrom: string;
  /** Last day it is still asked for; null while it stays open indefinitely. */
  closesOn: string | null;
  status: DueStatus;
  /** Instruments still to record at this time point (empty when done). */
  outstanding: string[];
}

export type DueItem = ScheduledMeasure & { status: "due" | "overdue" };

interface Slot {
  timePoint: TimePoint;
  followUpWeek: number | null;
  opensOn: string;
  dueOn: string;
  overdueFrom: string;
  closesOn: string | null;
}

function followUpSlots(firstSessionOn: string, weeks: readonly number[]): Slot[] {
  const sorted = [...new Set(weeks)].sort((a, b) => a - b);
  const slots = sorted.map((week) => {
    const dueOn = addDays(firstSessionOn, week * 7);
    return {
      timePoint: "follow_up" as const,
      followUpWeek: week,
      opensOn: addDays(dueOn, -WINDOW_OPENS_DAYS_BEFORE),
      dueOn,
      overdueFrom: addDays(dueOn, OVERDUE_AFTER_DAYS + 1),
      closesOn: null as string | null,
    };
  });
  slots.forEach((slot, i) => {
    const next = slots[i + 1];
    // Windows of close follow-ups (say weeks 1 and 2) may overlap; a slot never closes before its own target.
    slot.closesOn = next ? maxDate(addDays(next.opensOn, -1), slot.dueOn) : addDays(slot.dueOn, LAST_MISSED_AFTER_DAYS);
  });
  return slots;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function slotsFor(referral: ReferralForDue): Slot[] {
  if (referral.status === "declined") return [];
  const slots: Slot[] = [];
  const follow = referral.firstSessionOn ? followUpSlots(referral.firstSessionOn, referral.followUpWeeks) : [];
  const baselineDue = referral.firstSessionOn ?? addDays(referral.receivedOn, BASELINE_TARGET_WITHOUT_SESSION_DAYS);
  slots.push({
    timePoint: "baseline",
    followUpWeek: null,
    opensOn: referral.receivedOn,
    dueOn: baselineDue,
    overdueFrom: addDays(baselineDue, 1),
    closesOn: follow.length > 0 ? maxDate(addDays(follow[0].opensOn, -1), baselineDue) : null,
  });
  slots.push(...follow);
  if (referral.status === "ended" && referral.endedOn) {
    slots.push({
      timePoint: "exit",
      followUpWeek: null,
      opensOn: referral.endedOn,
      dueOn: referral.endedOn,
      overdueFrom: addDays(referral.endedOn, OVERDUE_AFTER_DAYS + 1),
      closesOn: addDays(referral.endedOn, LAST_MISSED_AFTER_DAYS),
    });
  }
  return slots;
}

// Catalogue order, so lists read the same whatever order the responses were saved in.
const catalogueOrder = new Map<string, number>(instruments.map((i, n) => [i.code, n]));

function trackedInstruments(responses: readonly ResponseForDue[]): string[] {
  const withBaseline = [...new Set(responses.filter((r) => r.timePoint === "baseline").map((r) => r.instrumentCode))];
  const tracked = [...new Set<string>([...CORE_INSTRUMENTS, ...withBaseline])];
  return tracked.sort((a, b) => (catalogueOrder.get(a) ?? 99) - (catalogueOrder.get(b) ?? 99));
}

function sameSlot(r: ResponseForDue, slot: Slot): boolean {
  return r.timePoint === slot.timePoint && (slot.timePoint !== "follow_up" || r.followUpWeek === slot.followUpWeek);
}

/** Every time point of one referral with its window and status on `today`. */
export function measureSchedule(
  referral: ReferralForDue,
  responses: readonly ResponseForDue[],
  today: string,
): ScheduledMeasure[] {
  const tracked = trackedInstruments(responses);
  const ended = referral.status === "ended";
  return slotsFor(referral).map((slot) => {
    const recorded = new Set(responses.filter((r) => sameSlot(r, slot)).map((r) => r.instrumentCode));
    const outstanding = tracked.filter((code) => !recorded.has(code));
    let status: DueStatus;
    if (outstanding.length === 0) status = "done";
    // Once a referral has ended, only its exit measure is still asked for.
    else if (ended && slot.timePoint !== "exit") status = "missed";
    else if (today < slot.opensOn) status = "upcoming";
    else if (slot.closesOn !== null && today > slot.closesOn) status = "missed";
    else if (today >= slot.overdueFrom) status = "overdue";
    else status = "due";
    return { referralId: referral.id, ...slot, label: timePointLabel(slot), status, outstanding };
  });
}

/** Only what needs doing now: due or overdue, overdue first, then by target date. */
export function dueItems(referral: ReferralForDue, responses: readonly ResponseForDue[], today: string): DueItem[] {
  return sortDue(
    measureSchedule(referral, responses, today).filter(
      (m): m is DueItem => m.status === "due" || m.status === "overdue",
    ),
  );
}

/** Overdue before due, then by target date: one referral's items, or every referral of a person's. */
export function sortDue<T extends { status: DueStatus; dueOn: string }>(items: T[]): T[] {
  return [...items].sort((a, b) =>
    a.status === b.status ? a.dueOn.localeCompare(b.dueOn) : a.status === "overdue" ? -1 : 1,
  );
}
