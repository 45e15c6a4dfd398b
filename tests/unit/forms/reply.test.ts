import { describe, expect, it } from "vitest";
import { ConflictError, FieldError, NotFoundError, RefusedError } from "~/errors";
import { attempt, reply, replyToError } from "~/forms/reply";

// Remix's data() wraps its body and status; these read them the way a route's caller sees them.
const unwrap = (d: unknown) => d as { data: Record<string, unknown>; init: { status: number } };

describe("one answer for every refusal", () => {
  const input = { values: { name: "Ann" } };

  it("answers a failed parse with 400, the errors and the user's input", () => {
    const r = unwrap(reply({ errors: { name: "Too long" }, values: { name: "Ann" } }, { extra: { intent: "add" } }));
    expect(r.init.status).toBe(400);
    expect(r.data).toEqual({ intent: "add", errors: { name: "Too long" }, values: { name: "Ann" } });
  });

  it("maps each kind of domain error to its status, with the message at its field", () => {
    expect(unwrap(replyToError(new FieldError("name", "Enter a name"), input)).init.status).toBe(400);
    expect(unwrap(replyToError(new FieldError("name", "Enter a name"), input)).data.errors).toEqual({
      name: "Enter a name",
    });
    const refused = unwrap(replyToError(new RefusedError("Already merged"), input));
    expect([refused.init.status, refused.data.errors]).toEqual([409, { form: "Already merged" }]);
  });

  it("answers someone saving first in the page's own words, with the record's current version", () => {
    const r = unwrap(
      replyToError(new ConflictError({ currentVersion: 4 }), input, { conflict: "Someone else changed this" }),
    );
    expect(r.init.status).toBe(409);
    expect(r.data).toEqual({
      errors: { form: "Someone else changed this" },
      values: { name: "Ann" },
      conflict: true,
      currentVersion: 4,
    });
  });

  it("renames a domain's field to the form's", () => {
    const r = unwrap(
      replyToError(new FieldError("startTime", "Too early"), input, { fields: { startTime: "oneOffStart" } }),
    );
    expect(r.data.errors).toEqual({ oneOffStart: "Too early" });
  });

  it("ends in the 404 page for not found and rethrows any other error", async () => {
    let thrown: unknown;
    try {
      replyToError(new NotFoundError("Person"), input);
    } catch (e) {
      thrown = e;
    }
    expect(unwrap(thrown).init.status).toBe(404);
    expect(unwrap(thrown).data).toEqual({ message: "Person not found" });
    const fault = new TypeError("bug");
    await expect(
      attempt(input, async () => {
        throw fault;
      }),
    ).rejects.toBe(fault);
    await expect(attempt(input, async () => "saved")).resolves.toBe("saved");
  });
});
