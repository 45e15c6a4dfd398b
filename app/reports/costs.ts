// The service's cost for a period, as an administrator enters it: pounds on the page, pence in the database so
// sums are exact. Pure.
import { z } from "zod";
import { periodField, scopeField } from "./params";

/** Largest cost accepted: £999,999,999.99 (the column holds less than 10^11 pence). */
const MAX_COST_PENCE = 99_999_999_999;

/**
 * Pence from what someone typed as pounds: "12500", "12,500", "£12,500.50", " 12500.5 ". Null when it is not an
 * amount of money (letters, more than two decimal places, negative, commas in the wrong places).
 */
function parsePounds(input: string): number | null {
  const value = input.trim().replace(/^£\s*/, "");
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(value)) return null;
  const [whole, fraction = ""] = value.replace(/,/g, "").split(".");
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** "£12,500" or "£12,500.50": whole pounds print without pence. */
export function formatPounds(pence: number): string {
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return `£${pounds.toLocaleString("en-GB")}${rest ? `.${String(rest).padStart(2, "0")}` : ""}`;
}

export const costFormSchema = z.object({
  period: periodField,
  scope: scopeField,
  cost: z
    .string({ error: "Enter the cost in pounds" })
    .trim()
    .min(1, "Enter the cost in pounds")
    .max(30, "Enter the cost in pounds, like 12,500 or 12500.50")
    .transform((v, ctx) => {
      const pence = parsePounds(v);
      if (pence === null) {
        ctx.addIssue({ code: "custom", message: "Enter the cost in pounds, like 12,500 or 12500.50" });
        return z.NEVER;
      }
      if (pence === 0) {
        ctx.addIssue({ code: "custom", message: "The cost must be more than £0" });
        return z.NEVER;
      }
      if (pence > MAX_COST_PENCE) {
        ctx.addIssue({ code: "custom", message: "The cost must be less than £1,000,000,000" });
        return z.NEVER;
      }
      return pence;
    }),
  note: z
    .string()
    .trim()
    .max(500, "The note must be 500 characters or fewer")
    .optional()
    .transform((v) => (v ? v : undefined)),
});
