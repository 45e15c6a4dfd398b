import { createHash } from "node:crypto";
import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { DB } from "@db/types";
import { audit } from "~/audit/audit.server";
import { checkedDateOfBirth } from "~/forms/date-parts";
import { isUniqueViolation } from "~/errors";
import { HONEYPOT_FIELD, SELF_REFERRAL_HOURLY_LIMIT, type SelfReferralData } from "./self-referral";

// The address is stored only as a hash: enough to count requests, not a record of who visited.
const clientKeyOf = (ip: string) => createHash("sha256").update(`self-referral:${ip}`).digest("hex");

export type SubmitResult = "accepted" | "rate_limited";

/**
 * Puts a request for a call back in the triage queue. A filled honeypot is answered exactly like a real request but
 * nothing is stored; a double submit stores one; more than the hourly limit from one address is refused.
 */
export async function submitSelfReferral(
  db: Kysely<DB>,
  input: {
    data: SelfReferralData;
    clientIp: string;
    requestId: string;
  },
): Promise<SubmitResult> {
  const d = input.data;
  if (d[HONEYPOT_FIELD]) return "accepted";
  const clientKey = clientKeyOf(input.clientIp);
  try {
    return await db.transaction().execute(async (trx) => {
      const earlier = await trx
        .selectFrom("self_referral")
        .select("id")
        .where("idempotency_key", "=", d.idempotencyKey)
        .executeTakeFirst();
      if (earlier) return "accepted" as const;
      const { n } = await trx
        .selectFrom("self_referral")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("client_key", "=", clientKey)
        .where("received_at", ">", sql<Date>`now() - interval '1 hour'`)
        .executeTakeFirstOrThrow();
      if (Number(n) >= SELF_REFERRAL_HOURLY_LIMIT) return "rate_limited" as const;
      const { id } = await trx
        .insertInto("self_referral")
        .values({
          given_name: d.givenName,
          family_name: d.familyName,
          date_of_birth: checkedDateOfBirth(d),
          phone: d.phone ?? null,
          email: d.email ?? null,
          postcode: d.postcode ?? null,
          district_code: d.districtCode ?? null,
          best_time: d.bestTime,
          topics: d.topics,
          message: d.message ?? null,
          client_key: clientKey,
          idempotency_key: d.idempotencyKey,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(
        trx,
        { userId: null, role: null, requestId: input.requestId },
        {
          action: "self-referral.create",
          entityType: "self_referral",
          entityId: id,
          details: { district: d.districtCode ?? null, topics: d.topics },
        },
      );
      return "accepted" as const;
    });
  } catch (err) {
    if (isUniqueViolation(err, "self_referral_idempotency_key_key")) return "accepted";
    throw err;
  }
}

/**
 * Which self-referrals a coordinator triages: those from their own district, and those that named no district (someone
 * must call them back to find out). A coordinator with no district set sees only the latter (docs/decisions/0782).
 */
export function inCoordinatorsArea(districtCode: string | null) {
  return (eb: ExpressionBuilder<DB, "self_referral">) =>
    districtCode === null
      ? eb("self_referral.district_code", "is", null)
      : eb.or([eb("self_referral.district_code", "=", districtCode), eb("self_referral.district_code", "is", null)]);
}
