import { describe, expect, it } from "vitest";
import { CASEWORK_STATUSES } from "../../../app/people/care-team";
import { OPEN_STATUSES } from "../../../app/referrals/lifecycle";

describe("the care team's caseworker rule", () => {
  it("counts a caseworker on the team exactly while the referral is open, as the referral lifecycle defines open", () => {
    expect([...CASEWORK_STATUSES].sort()).toEqual([...OPEN_STATUSES].sort());
  });
});
