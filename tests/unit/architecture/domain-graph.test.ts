import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeCycle, readImportGraph, unitCycles, unitOf, type ImportEdge } from "../../support/import-graph";

// The folders under app/ form layers: a folder may import those below it, never one that imports it back
// (docs/decisions/0860-domain-graph-without-loops.md). Read from the source as it stands, so a new import that
// closes a loop fails here with the imports that make it.

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("the folder-level import graph of app/", () => {
  const edges = readImportGraph(root);

  it("reads the imports the app has", () => {
    // Known imports across folders, one per kind the scanner must see: a `~/` import, a relative one and a
    // type-only one. Should the scanner miss them, the graph would be empty and trivially without loops.
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has("app/routes/people.$personId._index.tsx", "app/person-record/read.server.ts")).toBe(true);
    expect(has("app/ui/Timeline.tsx", "app/ui/timeline-item.ts")).toBe(true);
    expect(has("app/measures/timeline-items.ts", "app/ui/timeline-item.ts")).toBe(true);
    expect(edges.length).toBeGreaterThan(500);
  });

  it("has no loop between folders", () => {
    const cycles = unitCycles(edges);
    expect(cycles.map(describeCycle)).toEqual([]);
  });

  it("keeps people, referrals and measures in that order: referrals and measures may read people, not the reverse", () => {
    const crossing = (a: string, b: string) => edges.filter((e) => unitOf(e.from) === a && unitOf(e.to) === b);
    expect(crossing("people/", "referrals/")).toEqual([]);
    expect(crossing("people/", "measures/")).toEqual([]);
    // The care team's rule reads both (a caseworker of an open referral is a member), so it sits above them.
    expect(crossing("people/", "care-team/")).toEqual([]);
    expect(crossing("referrals/", "care-team/")).toEqual([]);
  });
});

describe("the loop finder", () => {
  const edge = (from: string, to: string): ImportEdge => ({ from: `app/${from}`, to: `app/${to}` });

  it("finds a loop through three folders and names the import that makes each step", () => {
    const cycles = unitCycles([
      edge("people/a.ts", "referrals/b.ts"),
      edge("referrals/b.ts", "measures/c.ts"),
      edge("measures/c.ts", "people/d.ts"),
      edge("routes/x.tsx", "people/a.ts"),
    ]);
    expect(cycles).toHaveLength(1);
    expect(cycles[0].members).toEqual(["measures/", "people/", "referrals/"]);
    expect(describeCycle(cycles[0])).toBe(
      [
        "measures/, people/, referrals/ import each other; one loop: measures/ → people/ → referrals/ → measures/",
        "  app/measures/c.ts imports app/people/d.ts",
        "  app/people/a.ts imports app/referrals/b.ts",
        "  app/referrals/b.ts imports app/measures/c.ts",
      ].join("\n"),
    );
  });

  it("names every folder of a group, and the shortest loop through the first", () => {
    const cycles = unitCycles([
      edge("measures/a.ts", "people/a.ts"),
      edge("people/b.ts", "measures/b.ts"),
      edge("people/c.ts", "referrals/c.ts"),
      edge("referrals/d.ts", "people/d.ts"),
    ]);
    expect(cycles.map((c) => [c.members, c.units])).toEqual([
      [
        ["measures/", "people/", "referrals/"],
        ["measures/", "people/"],
      ],
    ]);
  });

  it("sees a loop between two folders made by different files, and none within a folder", () => {
    expect(
      unitCycles([edge("people/a.ts", "people/b.ts"), edge("people/b.ts", "people/a.ts")]).map((c) => c.units),
    ).toEqual([]);
    expect(unitCycles([edge("people/a.ts", "ui/x.ts"), edge("ui/y.ts", "people/b.ts")]).map((c) => c.units)).toEqual([
      ["people/", "ui/"],
    ]);
  });

  it("counts a module directly under app/ as a unit of its own", () => {
    expect(unitOf("app/calendar.ts")).toBe("calendar.ts");
    expect(unitOf("app/people/equality.ts")).toBe("people/");
    expect(unitCycles([edge("errors.ts", "forms/a.ts"), edge("forms/a.ts", "errors.ts")])[0].units).toEqual([
      "errors.ts",
      "forms/",
    ]);
  });
});
