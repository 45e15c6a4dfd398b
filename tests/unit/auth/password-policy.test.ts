import { describe, expect, it } from "vitest";
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from "../../../app/auth/password-policy";
import { can, rolePermissions, roles } from "../../../app/auth/roles";

describe("password policy", () => {
  it("needs at least 12 characters, counting characters not bytes", () => {
    expect(passwordProblem("x".repeat(0) + "short words")).toMatch(/at least 12/);
    expect(passwordProblem("glass-tiger-moon")).toBeNull();
    expect(passwordProblem("ünïcödé wörd")).toBeNull(); // 12 characters, more bytes
  });

  it("accepts up to 128 characters without truncating and refuses more", () => {
    const long = "correct-horse-".repeat(10).slice(0, PASSWORD_MAX);
    expect(long).toHaveLength(PASSWORD_MAX);
    expect(passwordProblem(long)).toBeNull();
    expect(passwordProblem(long + "x")).toMatch(/128 characters or fewer/);
  });

  it("has no composition rules", () => {
    expect(passwordProblem("all lower case words here")).toBeNull();
  });

  it("refuses common, breached-looking and trivial passwords however they are cased or spaced", () => {
    for (const p of [
      "password1234",
      "Password 1234",
      "QWERTYUIOP12",
      "aaaaaaaaaaaaaa",
      "abababababab",
      "123456789012",
      "abcdefghijklmn",
    ]) {
      expect(passwordProblem(p), p).toMatch(/too common/);
    }
  });

  it("refuses the user's own email name inside the password", () => {
    expect(passwordProblem("priya.shah-secure-2026", { email: "priya.shah@nhs.example" })).toMatch(/email address/);
  });

  it(`minimum is ${PASSWORD_MIN}`, () => expect(PASSWORD_MIN).toBe(12));
});

describe("role permissions", () => {
  it("keep person-level data away from analysts, commissioners and activity leads", () => {
    for (const role of ["analyst", "commissioner", "activity_lead"] as const) {
      expect(can(role, "people:read")).toBe(false);
      expect(can(role, "caseload:view")).toBe(false);
    }
  });
  it("give only administrators user management and the audit trail", () => {
    expect(roles.filter((r) => can(r, "users:manage"))).toEqual(["admin"]);
    expect(roles.filter((r) => can(r, "audit:read"))).toEqual(["admin"]);
  });
  it("give coordinators everything prescribers have, plus triage", () => {
    for (const p of rolePermissions.prescriber) expect(can("coordinator", p)).toBe(true);
    expect(can("coordinator", "triage:manage")).toBe(true);
    expect(can("prescriber", "triage:manage")).toBe(false);
  });
});
