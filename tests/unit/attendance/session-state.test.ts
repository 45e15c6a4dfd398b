import { describe, expect, it } from "vitest";
import { sessionState, sessionStateLabels, weekStart } from "../../../app/attendance/session-state";
import { labelOf } from "../../../app/labels";

const today = "2026-11-29";
const state = (date: string, status = "scheduled", registerSaved = false) =>
  sessionState({ status, registerSaved, date }, today);

describe("sessionState", () => {
  it("reads a past session with no register as 'Register not taken', never 'Scheduled'", () => {
    expect(state("2026-11-28")).toBe("not_taken");
    expect(labelOf(sessionStateLabels, state("2026-11-28"))).toBe("Register not taken");
  });
  it("tells a register taken, a cancelled session, today's and one ahead apart", () => {
    expect(state("2026-11-28", "held", true)).toBe("taken");
    expect(state("2026-11-28", "cancelled")).toBe("cancelled");
    expect(state(today)).toBe("today");
    expect(state("2026-12-01")).toBe("planned");
    expect(labelOf(sessionStateLabels, "planned")).toBe("Scheduled");
  });
});

describe("weekStart", () => {
  it("is the Monday of the week, Monday itself included", () => {
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(weekStart("2026-11-23")).toBe("2026-11-23");
    expect(weekStart("2026-11-24")).toBe("2026-11-23");
  });
});
