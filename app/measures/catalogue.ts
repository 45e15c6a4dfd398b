// Which instruments staff may offer. WEMWBS needs the organisation's licence from Warwick, so it is offered
// only when the deployment says the licence is held (see docs/decisions/0502-wemwbs-licence-setting.md).

import { instruments, type Instrument } from "./instruments";
import { labelOf } from "~/labels";

export function offeredInstruments(wemwbsLicensed: boolean): Instrument[] {
  return instruments.filter((i) => !i.licensed || wemwbsLicensed);
}

/** Short names for tables, charts and the caseload. */
export const shortNames: Record<string, string> = {
  ucla3: "UCLA-3",
  ons_loneliness: "ONS loneliness",
  ons4: "ONS4",
  swemwbs: "SWEMWBS",
  wemwbs: "WEMWBS",
  djg6: "De Jong Gierveld",
};

export function shortName(code: string): string {
  return labelOf(shortNames, code);
}
