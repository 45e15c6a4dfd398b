// The referral lifecycle, defined once as data. Everything that moves a referral (caseworker screens,
// the provider's accept/decline, the first attendance) goes through `planTransition`.
export const referralStatuses = ["received", "contacted", "accepted", "declined", "attending", "ended"] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const referralKinds = ["direct", "signpost"] as const;
export type ReferralKind = (typeof referralKinds)[number];

export const declinedBy = ["person", "provider"] as const;
export type DeclinedBy = (typeof declinedBy)[number];

export const endReasons = ["completed", "disengaged", "moved_away", "died", "other"] as const;
export type EndReason = (typeof endReasons)[number];

/** Who is moving the referral: the person's caseworker, the activity's provider, or the system itself. */
export type TransitionActor = "caseworker" | "provider" | "system";

interface TransitionRule {
  from: ReferralStatus;
  to: ReferralStatus;
  actors: readonly TransitionActor[];
  kinds: readonly ReferralKind[];
  label: string;
}

const transitions: readonly TransitionRule[] = [
  {
    from: "received",
    to: "contacted",
    actors: ["caseworker"],
    kinds: ["direct", "signpost"],
    label: "First contact made",
  },
  { from: "received", to: "accepted", actors: ["provider"], kinds: ["direct"], label: "Accepted by the provider" },
  { from: "contacted", to: "accepted", actors: ["provider"], kinds: ["direct"], label: "Accepted by the provider" },
  {
    from: "received",
    to: "declined",
    actors: ["caseworker", "provider"],
    kinds: ["direct", "signpost"],
    label: "Declined",
  },
  {
    from: "contacted",
    to: "declined",
    actors: ["caseworker", "provider"],
    kinds: ["direct", "signpost"],
    label: "Declined",
  },
  { from: "accepted", to: "declined", actors: ["caseworker"], kinds: ["direct"], label: "Declined by the person" },
  { from: "accepted", to: "attending", actors: ["system"], kinds: ["direct"], label: "First attendance recorded" },
  {
    from: "attending",
    to: "accepted",
    actors: ["system"],
    kinds: ["direct"],
    label: "Register corrected: no attendance recorded",
  },
  { from: "received", to: "ended", actors: ["caseworker"], kinds: ["direct", "signpost"], label: "Ended" },
  { from: "contacted", to: "ended", actors: ["caseworker"], kinds: ["direct", "signpost"], label: "Ended" },
  { from: "accepted", to: "ended", actors: ["caseworker"], kinds: ["direct"], label: "Ended" },
  { from: "attending", to: "ended", actors: ["caseworker"], kinds: ["direct"], label: "Ended" },
];

/** A referral in one of these is open: a person has at most one open referral to an activity. */
export const OPEN_STATUSES: readonly ReferralStatus[] = ["received", "contacted", "accepted", "attending"];

export const statusLabels: Record<ReferralStatus, string> = {
  received: "Received",
  contacted: "Contacted",
  accepted: "Accepted",
  declined: "Declined",
  attending: "Attending",
  ended: "Ended",
};

export const endReasonLabels: Record<EndReason, string> = {
  completed: "Completed",
  disengaged: "Stopped engaging",
  moved_away: "Moved away",
  died: "Died",
  other: "Other",
};

export const referralKindLabels: Record<ReferralKind, string> = {
  direct: "Direct referral (the provider answers)",
  signpost: "Signposted (the person gets in touch)",
};

export const declinedByLabels: Record<DeclinedBy, string> = {
  person: "The person",
  provider: "The provider",
};

export const SNOMED_REFERRED = "871731000000106";
export const SNOMED_DECLINED = "871711000000103";

/**
 * The SNOMED CT concepts a referral carries for the GP record (docs/measures.md, "Clinical codes"), each as people
 * read it: the code with its term beside it, "871731000000106 Referral to social prescribing service". The one place
 * a code becomes words: show a stored `snomed_code` through `labelOf(snomedCodeLabels, code)`, never bare.
 */
export const snomedCodeLabels: Record<typeof SNOMED_REFERRED | typeof SNOMED_DECLINED, string> = {
  [SNOMED_REFERRED]: `${SNOMED_REFERRED} Referral to social prescribing service`,
  [SNOMED_DECLINED]: `${SNOMED_DECLINED} Social prescribing declined`,
};

/** A provider that has not answered a direct referral within this many days is flagged to the referrer. */
export const PROVIDER_REPLY_DAYS = 14;

export interface TransitionRequest {
  kind: ReferralKind;
  from: ReferralStatus;
  to: ReferralStatus;
  actor: TransitionActor;
  declinedBy?: DeclinedBy;
  reason?: string;
  endReason?: EndReason;
}

export type TransitionPlan =
  | {
      ok: true;
      /** Columns to stamp alongside the new status. */
      stamp: {
        contacted: boolean;
        providerResponded: boolean;
        firstAttended: boolean;
        ended: boolean;
        /** The first attendance was taken off the register: its date goes too. */
        attendanceWithdrawn: boolean;
      };
      declinedBy: DeclinedBy | null;
      endReason: EndReason | null;
      snomedCode: string;
    }
  | { ok: false; field: "to" | "reason" | "declinedBy" | "endReason"; message: string };

export function allowedTransitions(kind: ReferralKind, from: ReferralStatus, actor: TransitionActor): ReferralStatus[] {
  return transitions
    .filter((t) => t.from === from && t.kinds.includes(kind) && t.actors.includes(actor))
    .map((t) => t.to);
}

/** Checks a move against the rules and says what else changes with it; never touches a database. */
export function planTransition(req: TransitionRequest): TransitionPlan {
  const rule = transitions.find((t) => t.from === req.from && t.to === req.to && t.kinds.includes(req.kind));
  if (!rule) {
    return {
      ok: false,
      field: "to",
      message: `A referral that is ${statusLabels[req.from].toLowerCase()} cannot be moved to ${statusLabels[req.to].toLowerCase()}`,
    };
  }
  if (!rule.actors.includes(req.actor)) {
    return {
      ok: false,
      field: "to",
      message: `Only ${rule.actors.map(actorName).join(" or ")} can move a referral to ${statusLabels[req.to].toLowerCase()}`,
    };
  }
  const reason = req.reason?.trim();
  let who: DeclinedBy | null = null;
  if (req.to === "declined") {
    who = req.actor === "provider" ? "provider" : (req.declinedBy ?? null);
    if (!who) return { ok: false, field: "declinedBy", message: "Select who declined the referral" };
    if (!reason) return { ok: false, field: "reason", message: "Enter the reason the referral was declined" };
  }
  if (req.to === "ended" && !req.endReason)
    return { ok: false, field: "endReason", message: "Select why the referral ended" };
  if (req.to === "ended" && req.endReason === "other" && !reason) {
    return { ok: false, field: "reason", message: "Enter why the referral ended" };
  }
  return {
    ok: true,
    stamp: {
      contacted: req.to === "contacted",
      providerResponded: req.actor === "provider" && (req.to === "accepted" || req.to === "declined"),
      firstAttended: req.to === "attending",
      attendanceWithdrawn: req.from === "attending" && req.to === "accepted",
      ended: req.to === "ended" || req.to === "declined",
    },
    declinedBy: who,
    endReason: req.to === "ended" ? (req.endReason ?? null) : null,
    // The GP record's "declined" code is for the person declining social prescribing, not a provider saying no.
    snomedCode: req.to === "declined" && who === "person" ? SNOMED_DECLINED : SNOMED_REFERRED,
  };
}

function actorName(actor: TransitionActor) {
  return actor === "caseworker" ? "the caseworker" : actor === "provider" ? "the provider" : "the register";
}

/** Computed on read, never stored: a direct referral the provider has not answered within 14 days. */
export function providerReplyOverdue(
  r: { kind: ReferralKind; status: ReferralStatus; receivedAt: Date; providerRespondedAt: Date | null },
  now = new Date(),
): boolean {
  if (r.kind !== "direct" || r.providerRespondedAt) return false;
  if (r.status !== "received" && r.status !== "contacted") return false;
  return now.getTime() - r.receivedAt.getTime() > PROVIDER_REPLY_DAYS * 24 * 60 * 60 * 1000;
}
