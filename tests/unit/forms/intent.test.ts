import { describe, expect, expectTypeOf, it } from "vitest";
import { readIntent } from "~/forms/intent";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

/** The status of the response `run` throws, or "returned" when it throws none. */
function thrownStatus(run: () => unknown): number | string {
  try {
    run();
    return "returned";
  } catch (thrown) {
    return (thrown as { init?: { status?: number } }).init?.status ?? String(thrown);
  }
}

describe("readIntent", () => {
  it("answers the posted intent, typed as one of the page's", () => {
    const intent = readIntent(form({ intent: "update" }), ["add", "update"] as const);
    expect(intent).toBe("update");
    expectTypeOf(intent).toEqualTypeOf<"add" | "update">();
  });

  it("ends with a 400 for an intent the page does not have, or none", () => {
    expect(thrownStatus(() => readIntent(form({ intent: "delete" }), ["add", "update"] as const))).toBe(400);
    expect(thrownStatus(() => readIntent(form({ intent: "" }), ["add", "update"] as const))).toBe(400);
    expect(thrownStatus(() => readIntent(form({}), ["add", "update"] as const))).toBe(400);
  });

  it("answers the form that sends no intent with `absent`, and still refuses an unknown one", () => {
    const intents = ["move", "close-decline"] as const;
    expect(readIntent(form({ status: "accepted" }), intents, { absent: "move" })).toBe("move");
    expect(readIntent(form({ intent: "close-decline" }), intents, { absent: "move" })).toBe("close-decline");
    expect(thrownStatus(() => readIntent(form({ intent: "nope" }), intents, { absent: "move" }))).toBe(400);
  });
});
