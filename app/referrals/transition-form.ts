import { z } from "zod";
import { declinedBy, endReasons, referralStatuses } from "./lifecycle";

const REASON_MAX = 1000;

export const transitionSchema = z.object({
  to: z.enum(referralStatuses, { error: "Select what has happened" }),
  declinedBy: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.enum(declinedBy, { error: "Select who declined" }).optional()),
  endReason: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.enum(endReasons, { error: "Select why the referral ended" }).optional()),
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, `The reason must be ${REASON_MAX.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined)),
  version: z.coerce.number({ error: "Reload the page and try again" }).int().min(1),
});
