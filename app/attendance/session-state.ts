// Where a group session stands, in the words the lead reads wherever a session's status shows (the schedule, the
// lead's home, the register page). The stored status only says scheduled or cancelled; whether the register was
// taken, and whether the day has passed, decide the rest. Pure: no database.
import { addDays, isoWeekday } from "~/calendar";

export const sessionStateLabels = {
  cancelled: "Cancelled",
  taken: "Register taken",
  not_taken: "Register not taken",
  today: "Register to take today",
  planned: "Scheduled",
} as const;

export type SessionState = keyof typeof sessionStateLabels;

/**
 * The state of a session on `today` ('YYYY-MM-DD', UK: `londonToday()`): `cancelled`; `taken` once a register is
 * saved; otherwise `not_taken` when its date ('YYYY-MM-DD') has passed, `today` on the day, `planned` ahead.
 */
export function sessionState(s: { status: string; registerSaved: boolean; date: string }, today: string): SessionState {
  if (s.status === "cancelled") return "cancelled";
  if (s.registerSaved) return "taken";
  if (s.date < today) return "not_taken";
  return s.date === today ? "today" : "planned";
}

/** The tag colour each state shows in: a register still to take stands out, a taken one is done. */
export const sessionStateColours = {
  cancelled: "red",
  taken: "green",
  not_taken: "orange",
  today: "blue",
  planned: "grey",
} as const satisfies Record<SessionState, string>;

/** The Monday ('YYYY-MM-DD') of the UK week holding `day`: the lead's session list starts there. */
export function weekStart(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}
