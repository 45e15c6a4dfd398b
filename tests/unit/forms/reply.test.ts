import { describe, expect, it } from "vitest";
import { ConflictError, FieldError, NotFoundError, RefusedError } from "~/errors";
import { attempt, reply } from "~/forms/reply";

// Remix's data() wraps its body and status; these read them the way a route's caller sees them.
const unwrap = (d: unknown) => d as { data: Record<string, unknown>; init: { status: number } };

describe("one answer for every refusal", () => {
  const input = { values: { name: "Ann" } };
  /** The answer `attempt` gives when the domain call throws `err`. */
  const answer = async (err: unknown, opts: Parameters<typeof attempt>[2] = {}) =>
    unwrap(
      await attempt(
        input,
        async () => {
          throw err;
        },
        opts,
      ),
    );

  it("answers a failed parse with 400, the errors and the user's input", () => {
    const r = unwrap(reply({ errors: { name: "Too long" }, values: { name: "Ann" } }, { extra: { intent: "add" } }));
    expect(r.init.status).toBe(400);
    expect(r.data).toEqual({ intent: "add", errors: { name: "Too long" }, values: { name: "Ann" } });
  });

  it("maps each kind of domain error to its status, with the message at its field", async () => {
    const field = await answer(new FieldError("name", "Enter a name"));
    expect(field.init.status).toBe(400);
    expect(field.data.errors).toEqual({ name: "Enter a name" });
    const refused = await answer(new RefusedError("Already merged"));
    expect([refused.init.status, refused.data.errors]).toEqual([409, { form: "Already merged" }]);
  });

  it("answers someone saving first in the page's own words, with the record's current version", async () => {
    const r = await answer(new ConflictError({ currentVersion: 4 }), { conflict: "Someone else changed this" });
    expect(r.init.status).toBe(409);
    expect(r.data).toEqual({
      errors: { form: "Someone else changed this" },
      values: { name: "Ann" },
      conflict: true,
      currentVersion: 4,
    });
  });

  it("adds a page's detail to someone saving first: its words, what they saved, and where the two differ", async () => {
    const r = await answer(new ConflictError({ currentVersion: 7 }), {
      conflict: "not these words",
      extra: { theirs: null as string | null },
      onConflict: async () => ({
        conflict: "Sam saved this register first",
        extra: { theirs: "Sam's marks" },
        errors: { "mark-1": "Ann: Sam saved present, you chose absent" },
      }),
    });
    expect(r.init.status).toBe(409);
    expect(r.data).toEqual({
      theirs: "Sam's marks",
      errors: { form: "Sam saved this register first", "mark-1": "Ann: Sam saved present, you chose absent" },
      values: { name: "Ann" },
      conflict: true,
      currentVersion: 7,
    });
    // Any other refusal is answered as before, without asking for the detail.
    const field = await answer(new FieldError("name", "Enter a name"), {
      onConflict: async () => {
        throw new Error("not a conflict");
      },
    });
    expect(field.data.errors).toEqual({ name: "Enter a name" });
  });

  it("renames a domain's field to the form's", async () => {
    const r = await answer(new FieldError("startTime", "Too early"), { fields: { startTime: "oneOffStart" } });
    expect(r.data.errors).toEqual({ oneOffStart: "Too early" });
  });

  it("ends in the 404 page for not found and rethrows any other error", async () => {
    let thrown: unknown;
    try {
      await answer(new NotFoundError("Person"));
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
