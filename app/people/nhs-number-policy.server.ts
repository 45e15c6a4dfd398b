import { dbEnv } from "@db/env";
import type { NhsNumberPolicy } from "~/forms/nhs-number";

/**
 * Which NHS numbers this server accepts: the 999 test range only in demo mode, where every record is made up
 * (the demo seed and the synthetic data use it so that no record can match a real patient). Everywhere real
 * people are recorded a test number is refused like any other number that was never issued
 * (docs/decisions/0771-nhs-numbers-never-issued.md).
 */
export function nhsNumberPolicy(): NhsNumberPolicy {
  return { testNumbers: dbEnv().demo };
}
