import type { RandomSql } from "./random-sql";
import { textArray } from "./random-sql";
import { commonSurnames, femaleNames, maleNames, surnameHeads, surnameTails } from "./vocabulary";

const SURNAMES = commonSurnames.length + surnameHeads.length * surnameTails.length;

/**
 * A surname: an index drawn with a square law, so the common names at the head of the list are frequent and the
 * compounds in the tail rare, roughly as surnames are distributed in England.
 */
export function familyNameSql(r: RandomSql, stream: string, n: string): string {
  const i = `floor(power(${r.u(stream, n)}, 2) * ${SURNAMES})::int`;
  const tail = `(${i} - ${commonSurnames.length})`;
  return `(case when ${i} < ${commonSurnames.length} then (${textArray(commonSurnames)})[${i} + 1]
    else (${textArray(surnameHeads)})[${tail} / ${surnameTails.length} + 1] || (${textArray(surnameTails)})[${tail} % ${surnameTails.length} + 1] end)`;
}

/** A given name for a sex code ('female', 'male' or not recorded), favouring the head of each list. */
export function givenNameSql(r: RandomSql, stream: string, n: string, sexExpr: string): string {
  const pick = (names: readonly string[]) =>
    `(${textArray(names)})[1 + floor(power(${r.u(stream, n)}, 1.4) * ${names.length})::int]`;
  const either = `(case when ${r.u(stream + ".sex", n)} < 0.55 then ${pick(femaleNames)} else ${pick(maleNames)} end)`;
  return `(case ${sexExpr} when 'female' then ${pick(femaleNames)} when 'male' then ${pick(maleNames)} else ${either} end)`;
}
