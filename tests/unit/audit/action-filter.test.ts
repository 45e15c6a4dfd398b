import { describe, expect, it } from "vitest";
import { auditActionMatch, auditActions, auditDomainLabels, auditDomainOf } from "../../../app/audit/actions";

describe("the audit trail's action filter", () => {
  it("matches a listed action exactly, not every action whose name starts the same way", () => {
    expect(auditActionMatch("auth.sign-in")).toEqual({ exact: "auth.sign-in" });
  });
  it("matches a kind as every action of that kind, never a kind whose name starts the same way", () => {
    expect(auditActionMatch("measure")).toEqual({ prefix: "measure." });
  });
  it("still matches an older link's typed start of a name", () => {
    expect(auditActionMatch("person.vi")).toEqual({ prefix: "person.vi" });
  });
  it("has words for the kind of every action", () => {
    const kinds = new Set(auditActions.map(auditDomainOf));
    expect([...kinds].filter((k) => !Object.hasOwn(auditDomainLabels, k))).toEqual([]);
    expect(Object.keys(auditDomainLabels).filter((k) => !kinds.has(k))).toEqual([]);
  });
});
