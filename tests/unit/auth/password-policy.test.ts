import { describe, expect, it } from "vitest";
import { PASSWORD_MIN, passwordProblem } from "../../../app/auth/password-policy";
import { can, roles, type Permission } from "../../../app/auth/roles";

/** The longest password accepted, in characters (docs/decisions/0752-password-strength.md). */
const PASSWORD_MAX = 128;

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
      expect(passwordProblem(p), p).toMatch(/too easy to guess/);
    }
  });

  it("refuses a common password or word, or the service's own words, with digits or symbols around them", () => {
    for (const p of [
      "password123456!",
      "Password1234!",
      "!!Password!!2026",
      "Summer2026!!!",
      "iloveyou2026!!",
      "qwertyuiop12!",
      "Leicestershire2026!",
      "!!connectwell2026",
      "socialprescribing#1",
      "Wellbeing#2026#",
      "NHSpassword2026",
      "2026Loneliness!",
      "Charnwood-2026-!",
    ]) {
      expect(passwordProblem(p), p).toMatch(/too easy to guess/);
    }
  });

  it("refuses the published demo password in any form", () => {
    for (const p of ["connect-well-demo", "Connect Well Demo 2026", "CONNECT_WELL_DEMO!!", "my-connect-well-demo"]) {
      expect(passwordProblem(p), p).toMatch(/demo accounts' published password/);
    }
  });

  it("refuses the holder's own name or email inside the password", () => {
    const holder = { email: "priya.shah@nhs.example", name: "Priya Shah" };
    expect(passwordProblem("priya.shah-secure-2026", holder)).toMatch(/name or email/);
    expect(passwordProblem("violet-PRIYA-harbour-cable", holder)).toMatch(/name or email/);
    expect(passwordProblem("cable shah violet harbour", holder)).toMatch(/name or email/);
    expect(passwordProblem("violet-cable-harbour", holder)).toBeNull();
    // Short name parts are weighed by the estimator, not refused on sight.
    expect(passwordProblem("channel-violet-harbour", { email: "al.ann@nhs.example", name: "Al Ann" })).toBeNull();
  });

  it("accepts three random words and long passphrases, and answers in good time even at the maximum length", () => {
    for (const p of ["horse staple battery", "zebra-quilt-harbour", "march-violet-cable", "purple monkey dishwasher"]) {
      expect(passwordProblem(p), p).toBeNull();
    }
    const started = performance.now();
    passwordProblem("a1!".repeat(42) + "xy");
    passwordProblem("Leicestershire2026!".repeat(6).slice(0, PASSWORD_MAX));
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it(`minimum is ${PASSWORD_MIN}`, () => expect(PASSWORD_MIN).toBe(12));
});

/** Every permission: the compiler checks that none is missing. */
const everyPermission = Object.keys({
  "caseload:view": true,
  "people:read": true,
  "people:write": true,
  "people:merge": true,
  "referrals:write": true,
  "triage:manage": true,
  "triage:read-all": true,
  "measures:record": true,
  "directory:search": true,
  "directory:edit": true,
  "activities:lead": true,
  "outcomes:view": true,
  "outcomes:configure": true,
  "reports:view": true,
  "reports:manage": true,
  "reports:costs": true,
  "users:manage": true,
  "audit:read": true,
  "subject-access:export": true,
} satisfies Record<Permission, true>) as Permission[];

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
    for (const p of everyPermission.filter((p) => can("prescriber", p))) expect(can("coordinator", p)).toBe(true);
    expect(can("coordinator", "triage:manage")).toBe(true);
    expect(can("prescriber", "triage:manage")).toBe(false);
  });
});
