import { describe, expect, it } from "vitest";
import { PLAN_EACH_CALL, statementName } from "../../../db/prepared-client";

describe("statement names for prepared statements", () => {
  it("names each data statement shape once, by its text", () => {
    const read = 'select "id" from "person" where "id" = $1';
    const name = statementName(read);
    expect(name).toMatch(/^cw_[A-Za-z0-9_-]{27}$/);
    expect(statementName(read)).toBe(name);
    expect(statementName('select "id" from "person" where "id" = $2')).not.toBe(name);
    for (const text of [
      "insert into t values ($1)",
      "update t set a = $1",
      "delete from t where a = $1",
      "with x as (select 1) select * from x",
    ]) {
      expect(statementName(text)).not.toBeNull();
    }
  });

  it("leaves transaction control and schema changes unnamed", () => {
    for (const text of [
      "begin",
      "commit",
      "rollback",
      "set local statement_timeout = 1000",
      "create table t (a int)",
      "alter table t add b int",
    ]) {
      expect(statementName(text)).toBeNull();
    }
  });

  it("leaves a statement marked to be planned for each call's values unnamed", () => {
    const search = 'select "id" from "person" where lower(family_name) like $1';
    expect(statementName(search)).not.toBeNull();
    expect(statementName(PLAN_EACH_CALL + search)).toBeNull();
  });
});
