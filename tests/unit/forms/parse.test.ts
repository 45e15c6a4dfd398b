import { describe, expect, it } from "vitest";
import { z } from "zod";
import { withChecks } from "~/forms/checks";
import { orderErrors, parseForm } from "~/forms/parse";
import { personSchema } from "~/people/person-form";
import { selfReferralSchema } from "~/referrals/self-referral";

const form = (entries: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

describe("parseForm", () => {
  const schema = withChecks(
    z.object({
      from: z.string().regex(/^\d+$/, "Enter a whole number for from").transform(Number),
      to: z.string().regex(/^\d+$/, "Enter a whole number for to").transform(Number),
      note: z.string().max(5, "Note must be 5 characters or fewer"),
    }),
    (v): Record<string, string> =>
      v.from !== undefined && v.to !== undefined && v.from > v.to ? { to: "To must not be before from" } : {},
  );

  it("returns the schema's output and the user's input when every check passes", () => {
    const parsed = parseForm(schema, form({ from: "1", to: "3", note: "ok", smuggled: "admin" }));
    expect(parsed).toEqual({
      ok: true,
      data: { from: 1, to: 3, note: "ok" },
      values: { from: "1", to: "3", note: "ok", smuggled: "admin" },
      lists: {},
    });
  });

  it("runs the cross-field check even when another field fails, and lists errors in field order", () => {
    const parsed = parseForm(schema, form({ note: "far too long", to: "1", from: "5" }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toEqual(["to", "note"]);
    expect(parsed.errors.to).toBe("To must not be before from");
    expect(parsed.values).toEqual({ note: "far too long", to: "1", from: "5" });
  });

  it("never gives a cross-field check a field that failed its own rule", () => {
    const parsed = parseForm(schema, form({ from: "x", to: "1", note: "" }));
    expect(parsed.ok ? null : parsed.errors).toEqual({ from: "Enter a whole number for from" });
  });

  it("echoes checkbox groups as lists and leaves out what must not be echoed", () => {
    const s = z.object({ tick: z.array(z.string()).or(z.string()), secret: z.string().min(20, "Too short") });
    const parsed = parseForm(s, form({ tick: ["a", "b"], secret: "pw" }), {
      lists: ["tick"],
      omitFromEcho: ["secret"],
    });
    expect(parsed.values).toEqual({});
    expect(parsed.lists).toEqual({ tick: ["a", "b"] });
  });
});

describe("orderErrors", () => {
  it("puts a form-wide message first and a group's message where the group starts", () => {
    const ordered = orderErrors({ zip: "z", dob: "d", form: "f", name: "n", other: "o" }, [
      "name",
      "dobDay",
      "dobMonth",
      "zip",
    ]);
    expect(Object.keys(ordered)).toEqual(["form", "name", "dob", "zip", "other"]);
  });
});

describe("every problem listed at once, in the order of the fields", () => {
  it("adds a missing date of birth to the person form's errors, after the names", () => {
    const parsed = parseForm(
      personSchema(["E07000134"]),
      form({ givenName: "Ann", dobDay: "", consentVolunteer: "no" }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toEqual(["familyName", "dob", "consentQuote"]);
    expect(parsed.errors.dob).toBe("Enter their date of birth");
  });

  it("checks the district, the IMD quintile against the decile and the contact the preference needs", () => {
    const parsed = parseForm(
      personSchema(["E07000134"]),
      form({
        givenName: "Ann",
        familyName: "Smith",
        dobDay: "1",
        dobMonth: "2",
        dobYear: "1950",
        districtCode: "nowhere",
        imdDecile: "3",
        imdQuintile: "4",
        preferredContact: "email",
        consentVolunteer: "no",
        consentQuote: "no",
      }),
    );
    expect(parsed.ok ? null : parsed.errors).toEqual({
      districtCode: "Select a district from the list",
      email: "Enter an email address, or choose another way to contact them",
      imdQuintile: "IMD decile 3 is in quintile 2: leave the quintile blank or correct it",
    });
  });

  it("adds the date of birth and the call-back contact to the public form's errors, in field order", () => {
    const parsed = parseForm(
      selfReferralSchema([]),
      form({ familyName: "Smith", dobDay: "31", dobMonth: "2", dobYear: "1950", bestTime: "morning" }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toEqual(["givenName", "dob", "phone", "topics", "idempotencyKey"]);
    expect(parsed.errors.dob).toMatch(/real date/);
    expect(parsed.errors.phone).toBe("Enter a phone number or an email address so we can get back to you");
  });
});
