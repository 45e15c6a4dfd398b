// Deployment settings for measures. Read per call (not cached) so a test or an operator can change them.

/** WEMWBS is offered only where the organisation has registered with Warwick: WEMWBS_LICENSED=1 (default off). */
export function wemwbsLicensed(): boolean {
  const value = (process.env.WEMWBS_LICENSED ?? "").trim().toLowerCase();
  return value === "1" || value === "true" || value === "yes";
}
