import type { GenContext } from "../context";
import { apportion } from "../context";
import { lit } from "../random-sql";
import { familyNameSql, givenNameSql } from "../names-sql";

/** A link worker carries 200–250 people a year. */
const REFERRALS_PER_CASEWORKER_YEAR = 250;

/**
 * Districts with their share of caseworkers (by population), and the staff who are not activity leads. The
 * accounts cannot sign in: their password hash is not a hash, so no password verifies against it.
 */
export async function generateStaff(g: GenContext): Promise<{ caseworkers: number }> {
  const { r, scale, districts } = g;
  const perYear = (scale.referrals * 365) / scale.spanDays;
  const caseworkers = Math.max(districts.length, Math.ceil(perYear / REFERRALS_PER_CASEWORKER_YEAR));
  const quota = apportion(
    caseworkers,
    districts.map((d) => d.population),
    1,
  );
  let lo = 1;
  const rows = districts.map((d, i) => {
    const row = `(${lit(d.code)}, ${d.population}, ${lo}, ${quota[i]})`;
    lo += quota[i];
    return row;
  });
  await g.run(
    "gen_district",
    `create temp table gen_district on commit drop as
    select * from (values ${rows.join(",")}) as v(code, population, cw_lo, cw_cnt)`,
  );

  // Caseworkers 1..C in district blocks, then a handful of analysts, commissioners and administrators.
  const others = [
    ["analyst", 3],
    ["commissioner", 2],
    ["admin", 2],
  ] as const;
  const otherRows = others.flatMap(([role, count], k) =>
    Array.from({ length: count }, (_, j) => `(${caseworkers + 1 + k * 10 + j}, ${lit(role)})`),
  );
  await g.run(
    "gen_user",
    `create temp table gen_user on commit drop as
    select n, ${r.uuid("user", "n")} as id,
      case when ${r.u("user.role", "n")} < 0.7 then 'prescriber' else 'coordinator' end as role, d.code as district_code
    from gen_district d, generate_series(d.cw_lo, d.cw_lo + d.cw_cnt - 1) n
    union all
    select n, ${r.uuid("user", "n")}, role, null from (values ${otherRows.join(",")}) as o(n, role)`,
  );
  await insertUsers(g, "select n, id, role, district_code from gen_user", "app_user (staff)");
  return { caseworkers };
}

/** Inserts app_user rows from a query giving (n, id, role, district_code). */
export async function insertUsers(g: GenContext, source: string, step: string): Promise<void> {
  const { r } = g;
  const given = givenNameSql(r, "user.given", "s.n", "null");
  const family = familyNameSql(r, "user.family", "s.n");
  const since = `(${g.date(g.monday0)}::timestamp at time zone 'Europe/London')`;
  await g.run(
    step,
    `insert into app_user (id, email, display_name, role, password_hash, district_code, demo, created_at, updated_at, version)
    select s.id, lower(replace(nm.given || '.' || nm.family, ' ', '')) || '.' || s.n || '@staff.example.org', nm.given || ' ' || nm.family,
      s.role, '!synthetic-no-sign-in', s.district_code, false, ${since}, ${since}, 1
    from (${source}) s cross join lateral (select ${given} as given, ${family} as family) nm`,
  );
}
