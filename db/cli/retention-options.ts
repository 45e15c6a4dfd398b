// The retention command's options, read from its arguments and the environment (pure, so it is unit-tested).
import { parseArgs } from "node:util";
import { DEFAULT_RETENTION_YEARS, MIN_HMAC_KEY_LENGTH, RETENTION_YEARS_RANGE } from "../../app/people/retention";

export interface RetentionOptions {
  dryRun: boolean;
  /** Whole years kept after the last contact. */
  years: number;
  /** The audit pseudonym key; the demo's fixed key in demo mode when none is set. */
  hmacKey: string;
  /** True when the demo's fixed key is used (demo mode, no key set). */
  demoKey: boolean;
}

/** The fixed key demo mode uses when RETENTION_HMAC_KEY is unset: public, so only ever for demo data. */
export const DEMO_HMAC_KEY = "connect-well demo retention key: public, never for real records";

export const USAGE = "Usage: npm run retention -- [--dry-run] [--years <1-100, default 8>]";

/**
 * Reads `--dry-run` and `--years N` (RETENTION_YEARS when not given; default 8) and the key RETENTION_HMAC_KEY (at
 * least 32 characters). Without a key it refuses, except in demo mode, where the demo's public key is used.
 * Returns the options, or `{ error }` with the message to print.
 */
export function retentionOptions(
  args: string[],
  env: Record<string, string | undefined>,
  demo: boolean,
): RetentionOptions | { error: string } {
  let values: { "dry-run"?: boolean; years?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { "dry-run": { type: "boolean", default: false }, years: { type: "string" } },
      strict: true,
    }));
  } catch (err) {
    return { error: `${err instanceof Error ? err.message : String(err)}\n${USAGE}` };
  }
  const yearsText = values.years ?? env.RETENTION_YEARS ?? String(DEFAULT_RETENTION_YEARS);
  const years = /^\d{1,3}$/.test(yearsText) ? Number(yearsText) : NaN;
  if (!(years >= RETENTION_YEARS_RANGE.min && years <= RETENTION_YEARS_RANGE.max))
    return {
      error: `The retention period must be a whole number of years from 1 to 100, not "${yearsText}"\n${USAGE}`,
    };
  const key = env.RETENTION_HMAC_KEY ?? "";
  if (key && key.length < MIN_HMAC_KEY_LENGTH)
    return { error: `RETENTION_HMAC_KEY must be at least ${MIN_HMAC_KEY_LENGTH} characters (a random secret)` };
  if (!key && !demo)
    return {
      error:
        "RETENTION_HMAC_KEY is not set. The audit trail's references to erased people are replaced by keyed pseudonyms: " +
        `set it to a random secret of at least ${MIN_HMAC_KEY_LENGTH} characters, kept apart from the database, and the same on every run`,
    };
  return { dryRun: values["dry-run"] ?? false, years, hmacKey: key || DEMO_HMAC_KEY, demoKey: !key };
}
