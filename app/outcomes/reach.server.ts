import { sql } from "kysely";
import { getDb } from "@db/index";
import { type Shown, suppressCount, suppressPercent } from "./disclosure";

export interface ReachRow {
  district: string;
  people: Shown;
  referrals: Shown;
  attended: Shown;
  attendedPercent: Shown;
}

/**
 * Reach and engagement by district over the last `months` months: people referred, referrals, and referrals
 * that led to at least one attendance. Every figure passes through disclosure control before it leaves here.
 */
export async function reachByDistrict(months = 12): Promise<{ rows: ReachRow[]; total: ReachRow }> {
  const db = await getDb();
  const raw = await db
    .selectFrom("district as d")
    .leftJoin("person as p", (j) => j.onRef("p.district_code", "=", "d.code").on("p.merged_into_id", "is", null))
    .leftJoin("referral as r", (j) =>
      j.onRef("r.person_id", "=", "p.id").on(sql<boolean>`r.received_at >= now() - ${months} * interval '1 month'`),
    )
    .select([
      "d.name as district",
      sql<number>`count(distinct r.person_id)`.as("people"),
      sql<number>`count(r.id)`.as("referrals"),
      sql<number>`count(r.id) filter (where r.first_attended_on is not null)`.as("attended"),
    ])
    .groupBy("d.name")
    .orderBy("d.name")
    .execute();
  const shown = (district: string, people: number, referrals: number, attended: number): ReachRow => ({
    district,
    people: suppressCount(people),
    referrals: suppressCount(referrals),
    attended: suppressCount(attended),
    attendedPercent: suppressPercent(attended, referrals),
  });
  const sum = (k: "people" | "referrals" | "attended") => raw.reduce((a, r) => a + Number(r[k]), 0);
  return {
    rows: raw.map((r) => shown(r.district, Number(r.people), Number(r.referrals), Number(r.attended))),
    total: shown("All districts", sum("people"), sum("referrals"), sum("attended")),
  };
}
