import type { Executor } from "~/audit/audit.server";

export interface ReferableActivity {
  id: string;
  name: string;
  provider: string;
  district: string | null;
  /** 'direct': the provider accepts or declines; 'signpost': information only. */
  referralMode: "direct" | "signpost";
}

/** Active activities someone can be referred or signposted to, with their provider and district. */
export async function listReferableActivities(db: Executor): Promise<ReferableActivity[]> {
  const rows = await db
    .selectFrom("activity")
    .innerJoin("provider", "provider.id", "activity.provider_id")
    .leftJoin("district", "district.code", "activity.district_code")
    .select([
      "activity.id",
      "activity.name",
      "provider.name as provider",
      "district.name as district",
      "activity.referral_mode",
    ])
    .where("activity.status", "=", "active")
    .orderBy("activity.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    provider: r.provider,
    district: r.district,
    referralMode: r.referral_mode === "direct" ? "direct" : "signpost",
  }));
}
