import { describe, expect, it } from "vitest";
import { describeReplies, isStale } from "../../../app/directory/listing";
import { canBeMatched, dbsStatus, renewalDue } from "../../../app/directory/volunteers";

describe("isStale", () => {
  it("flags a listing checked more than six months ago", () => {
    expect(isStale("2026-05-25", "2026-11-25")).toBe(false);
    expect(isStale("2026-05-24", "2026-11-25")).toBe(true);
    // 31 August minus six months has no 31 February: the limit is the end of February.
    expect(isStale("2026-02-28", "2026-08-31")).toBe(false);
    expect(isStale("2026-02-27", "2026-08-31")).toBe(true);
  });
});

describe("reply figures", () => {
  it("shows no rate until enough referrals have been answered", () => {
    expect(describeReplies({ answered: 2, accepted: 2, medianReplyHours: 5, waiting: 0 }).acceptance).toBe(
      "Not enough replies yet",
    );
    expect(describeReplies({ answered: 0, accepted: 0, medianReplyHours: null, waiting: 3 }).basis).toBe(
      "No referrals answered yet",
    );
  });
  it("states the acceptance rate and usual reply time", () => {
    expect(describeReplies({ answered: 4, accepted: 3, medianReplyHours: 120, waiting: 1 })).toEqual({
      acceptance: "75% accepted",
      replyTime: "Usually 5 days",
      basis: "Based on 4 referrals answered in the last 12 months",
    });
    expect(describeReplies({ answered: 3, accepted: 0, medianReplyHours: 3, waiting: 0 }).replyTime).toBe(
      "Usually within a day",
    );
  });
});

describe("DBS status", () => {
  const today = "2026-11-25";
  it("treats a missing check, and a passed renewal date, as blocking a match", () => {
    expect(dbsStatus(null, null, today)).toBe("missing");
    expect(dbsStatus("2023-11-25", null, today)).toBe("expired");
    expect(dbsStatus("2025-01-01", "2026-11-25", today)).toBe("expired");
    expect(canBeMatched("missing")).toBe(false);
    expect(canBeMatched("expired")).toBe(false);
  });
  it("assumes three-year renewal when none was recorded, and warns within 30 days", () => {
    expect(renewalDue("2024-02-29", null)).toBe("2027-03-01");
    expect(dbsStatus("2023-12-10", null, today)).toBe("due_soon");
    expect(dbsStatus("2025-06-01", null, today)).toBe("valid");
    expect(canBeMatched("due_soon")).toBe(true);
  });
});
