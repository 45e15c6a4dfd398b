import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnTo } from "../../../app/auth/return-to";

const ORIGIN = "http://localhost:3000";
/** Where a browser goes when it follows this Location from one of our pages (WHATWG URL parsing). */
const followed = (location: string) => new URL(location, `${ORIGIN}/sign-in`);

describe("returnTo", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeReturnTo("/people/123?tab=notes#top")).toBe("/people/123?tab=notes#top");
    expect(safeReturnTo("/caseload")).toBe("/caseload");
  });

  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("refuses %j, which a browser would take off the site or which is not a path", (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });

  it("gives a value that is always valid in a Location header (CR/LF refused, non-Latin-1 percent-encoded)", () => {
    expect(safeReturnTo("/a\r\nSet-Cookie: x=y")).toBeNull();
    expect(safeReturnTo("/people/Zoë/€")).toBe("/people/Zo%C3%AB/%E2%82%AC");
    expect(() => new Headers({ Location: safeReturnTo("/people/Zoë/€")! })).not.toThrow();
  });

  it("never names another site or an invalid header value, whatever it is given", () => {
    const prefix = fc.constantFrom("/", "//", "/\\", "\\", "/\t/", "/./", "/../", "");
    const body = fc.string({ unit: "binary", maxLength: 40 });
    fc.assert(
      fc.property(prefix, body, (p, b) => {
        const out = safeReturnTo(p + b);
        if (out === null) return;
        expect(followed(out).origin).toBe(ORIGIN);
        expect(out).toMatch(/^\/[\x21-\x7e]*$/);
        expect(out.startsWith("//")).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
