import { describe, expect, it } from "vitest";
import { createUserSchema } from "~/admin/user-forms";
import { email, nhsNumber, optionalIsoDate, optionalPersonName, personName, phone, postcode } from "~/forms/fields";

const ok = (schema: { safeParse: (v: unknown) => { success: boolean; data?: unknown } }, v: unknown) =>
  schema.safeParse(v);

describe("one rule for each kind of field", () => {
  it("stores a name composed (NFC) and trimmed, whichever way it was typed, and counts its length composed", () => {
    const name = personName(6, "Enter their last name", "Last name");
    expect(ok(name, " Mu\u0308ller ").data).toBe("M\u00fcller");
    expect(ok(name, "M\u00fcller").data).toBe("M\u00fcller");
    expect(ok(name, "   ").success).toBe(false);
    expect(ok(name, "Mu\u0308llers").success).toBe(false);
    expect(ok(optionalPersonName(10, "Preferred name"), "Zoe\u0308").data).toBe("Zo\u00eb");
    expect(ok(optionalPersonName(10, "Preferred name"), " ").data).toBeNull();
    expect(ok(optionalPersonName(10, "Preferred name"), undefined).data).toBeNull();
    const user = createUserSchema.safeParse({
      email: "a@example.nhs.uk",
      displayName: "Sea\u0301n Mu\u0308ller",
      role: "prescriber",
      password: "correct horse battery staple 1907",
    });
    expect(user.data?.displayName).toBe("Se\u00e1n M\u00fcller");
  });

  it("normalises a UK postcode and refuses one that is not", () => {
    expect(ok(postcode(), " le10 1qu ").data).toBe("LE10 1QU");
    expect(ok(postcode(), "LE101QU").data).toBe("LE10 1QU");
    expect(ok(postcode(), "").data).toBeNull();
    expect(ok(postcode(), undefined).data).toBeNull();
    expect(ok(postcode(), "LE10").success).toBe(false);
    expect(ok(postcode(), "12345").success).toBe(false);
  });

  it("accepts UK and international phone numbers and refuses letters or too few digits", () => {
    expect(ok(phone(), "01455 123456").data).toBe("01455 123456");
    expect(ok(phone(), "0116 000004").data).toBe("0116 000004");
    expect(ok(phone(), "+44 (0)7700 900000").success).toBe(true);
    expect(ok(phone(), "").data).toBeNull();
    expect(ok(phone(), "12345").success).toBe(false);
    expect(ok(phone(), "call me").success).toBe(false);
  });

  it("checks an NHS number's check digit and strips its spaces", () => {
    expect(ok(nhsNumber(), "943 476 5919").data).toBe("9434765919");
    expect(ok(nhsNumber(), "943 476 5918").success).toBe(false);
    expect(ok(nhsNumber(), "").data).toBeNull();
  });

  it("checks an email address and a calendar date", () => {
    expect(ok(email(), "name@example.com").data).toBe("name@example.com");
    expect(ok(email(), "name@").success).toBe(false);
    expect(ok(optionalIsoDate("Enter a date"), "2026-02-28").data).toBe("2026-02-28");
    expect(ok(optionalIsoDate("Enter a date"), "2026-02-30").success).toBe(false);
  });
});
