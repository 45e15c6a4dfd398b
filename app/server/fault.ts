// What a fault's 500 carries to the error page (see fault-references.server.ts). Shared with the browser.

/** The reference (the request id, as in the logs) of the request whose loader or action failed. */
export interface FaultData {
  fault: true;
  reference: string;
}

export function isFaultData(value: unknown): value is FaultData {
  return typeof value === "object" && value !== null && (value as { fault?: unknown }).fault === true;
}
