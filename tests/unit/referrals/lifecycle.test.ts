import { describe, expect, it } from "vitest";
import { nextActions } from "../../../app/referrals/caseload";
import {
  allowedTransitions,
  planTransition,
  providerReplyOverdue,
  referralKinds,
  referralStatuses,
  SNOMED_DECLINED,
  SNOMED_REFERRED,
  type TransitionActor,
} from "../../../app/referrals/lifecycle";

const actors: TransitionActor[] = ["caseworker", "provider", "system"];
const extras = { declinedBy: "person" as const, reason: "a reason", endReason: "completed" as const };

// Every allowed move, written out here from the rules in docs/decisions/0004-referral-lifecycle-as-data.md rather
// than read from the code's own table, so a rule added, lost or widened in app/referrals/lifecycle.ts fails below.
// "kind: from → to by actor"; every combination not listed must be refused.
const allowed = new Set([
  // The caseworker records first contact, the end, and a decline by the person.
  "direct: received → contacted by caseworker",
  "signpost: received → contacted by caseworker",
  "direct: received → ended by caseworker",
  "direct: contacted → ended by caseworker",
  "direct: accepted → ended by caseworker",
  "direct: attending → ended by caseworker",
  "signpost: received → ended by caseworker",
  "signpost: contacted → ended by caseworker",
  "direct: received → declined by caseworker",
  "direct: contacted → declined by caseworker",
  "direct: accepted → declined by caseworker",
  "signpost: received → declined by caseworker",
  "signpost: contacted → declined by caseworker",
  // The provider answers a direct referral, before or after first contact. (A signpost's decline recorded by a
  // provider is the person's decline passed on.)
  "direct: received → accepted by provider",
  "direct: contacted → accepted by provider",
  "direct: received → declined by provider",
  "direct: contacted → declined by provider",
  "signpost: received → declined by provider",
  "signpost: contacted → declined by provider",
  // The register: first attendance, and its correction.
  "direct: accepted → attending by system",
  "direct: attending → accepted by system",
]);

describe("referral lifecycle (every from × to × kind × actor)", () => {
  for (const kind of referralKinds)
    for (const from of referralStatuses)
      for (const to of referralStatuses)
        for (const actor of actors) {
          const move = `${kind}: ${from} → ${to} by ${actor}`;
          const expected = allowed.has(move);
          it(`${move} is ${expected ? "allowed" : "refused"}`, () => {
            const plan = planTransition({ kind, from, to, actor, ...extras });
            expect(plan.ok).toBe(expected);
            expect(allowedTransitions(kind, from, actor).includes(to)).toBe(expected);
          });
        }
  it("lists only moves between real statuses, kinds and actors", () => {
    const all = referralKinds.flatMap((kind) =>
      referralStatuses.flatMap((from) =>
        referralStatuses.flatMap((to) => actors.map((actor) => `${kind}: ${from} → ${to} by ${actor}`)),
      ),
    );
    expect([...allowed].filter((move) => !all.includes(move))).toEqual([]);
  });
  it("nothing leaves a terminal status", () => {
    for (const kind of referralKinds)
      for (const actor of actors) {
        expect(allowedTransitions(kind, "declined", actor)).toEqual([]);
        expect(allowedTransitions(kind, "ended", actor)).toEqual([]);
      }
  });
  it("only the register moves a referral to attending", () => {
    expect(planTransition({ kind: "direct", from: "accepted", to: "attending", actor: "caseworker" })).toMatchObject({
      ok: false,
      field: "to",
    });
    expect(planTransition({ kind: "direct", from: "accepted", to: "attending", actor: "system" })).toMatchObject({
      ok: true,
      stamp: { firstAttended: true },
    });
  });
  it("declining needs who and why; the person declining codes 871711000000103", () => {
    expect(
      planTransition({ kind: "direct", from: "received", to: "declined", actor: "caseworker", reason: "x" }),
    ).toMatchObject({ ok: false, field: "declinedBy" });
    expect(
      planTransition({ kind: "direct", from: "received", to: "declined", actor: "caseworker", declinedBy: "person" }),
    ).toMatchObject({ ok: false, field: "reason" });
    expect(
      planTransition({
        kind: "direct",
        from: "received",
        to: "declined",
        actor: "caseworker",
        declinedBy: "person",
        reason: "no",
      }),
    ).toMatchObject({ ok: true, snomedCode: SNOMED_DECLINED });
    expect(
      planTransition({ kind: "direct", from: "received", to: "declined", actor: "provider", reason: "full" }),
    ).toMatchObject({ ok: true, declinedBy: "provider", snomedCode: SNOMED_REFERRED });
  });
  it("ending needs a reason code, and words when the code is 'other'", () => {
    expect(planTransition({ kind: "direct", from: "attending", to: "ended", actor: "caseworker" })).toMatchObject({
      ok: false,
      field: "endReason",
    });
    expect(
      planTransition({ kind: "direct", from: "attending", to: "ended", actor: "caseworker", endReason: "other" }),
    ).toMatchObject({ ok: false, field: "reason" });
  });
  it("signposting cannot be accepted by a provider", () => {
    expect(allowedTransitions("signpost", "received", "provider")).not.toContain("accepted");
  });
});

describe("provider reply overdue and next actions", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  it("flags an unanswered direct referral after 14 days, not before, and never signposting", () => {
    expect(
      providerReplyOverdue(
        { kind: "direct", status: "received", receivedAt: daysAgo(15), providerRespondedAt: null },
        now,
      ),
    ).toBe(true);
    expect(
      providerReplyOverdue(
        { kind: "direct", status: "received", receivedAt: daysAgo(13), providerRespondedAt: null },
        now,
      ),
    ).toBe(false);
    expect(
      providerReplyOverdue(
        { kind: "signpost", status: "received", receivedAt: daysAgo(30), providerRespondedAt: null },
        now,
      ),
    ).toBe(false);
    expect(
      providerReplyOverdue(
        { kind: "direct", status: "accepted", receivedAt: daysAgo(30), providerRespondedAt: daysAgo(20) },
        now,
      ),
    ).toBe(false);
  });
  it("says what needs doing", () => {
    expect(
      nextActions(
        {
          kind: "direct",
          status: "received",
          receivedAt: daysAgo(20),
          contactedAt: null,
          providerRespondedAt: null,
          lastAttendedOn: null,
        },
        now,
      ),
    ).toEqual(["first_contact_due", "provider_reply_overdue"]);
    expect(
      nextActions(
        {
          kind: "direct",
          status: "attending",
          receivedAt: daysAgo(60),
          contactedAt: daysAgo(58),
          providerRespondedAt: daysAgo(50),
          lastAttendedOn: "2026-01-20",
        },
        now,
      ),
    ).toEqual(["not_attended_recently"]);
    expect(
      nextActions(
        {
          kind: "direct",
          status: "attending",
          receivedAt: daysAgo(60),
          contactedAt: daysAgo(58),
          providerRespondedAt: daysAgo(50),
          lastAttendedOn: "2026-02-25",
          measureDue: true,
        },
        now,
      ),
    ).toEqual(["measure_due"]);
  });
});
