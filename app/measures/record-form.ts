// The staff "record a measure" form: which referral, questionnaire, time point and date. The answers
// themselves are read by answers-form.ts against the chosen instrument. Shared by the route and its tests.

import { z } from "zod";
import { parseDateParts } from "~/forms/date-parts";
import { decodeTimePoint } from "./time-points";

export const recordMeasureSchema = z.object({
  idempotencyKey: z.uuid({ error: "This form has expired: reload the page and enter the answers again" }),
  referralId: z.uuid({ error: "Select the referral this measure belongs to" }),
  instrumentCode: z.string({ error: "Select a questionnaire" }).min(1, "Select a questionnaire"),
  timePoint: z
    .string({ error: "Select when in the referral this measure was taken" })
    .refine((v) => decodeTimePoint(v) !== null, "Select when in the referral this measure was taken"),
  administeredOnDay: z.string().optional(),
  administeredOnMonth: z.string().optional(),
  administeredOnYear: z.string().optional(),
});

export type RecordMeasureFields = z.infer<typeof recordMeasureSchema>;

const dateMessages = {
  missing: "Enter the date the questions were answered",
  incomplete: "The date the questions were answered must include a day, month and year",
  impossible: "The date the questions were answered must be a real date",
} as const;

export function readAdministeredOn(
  fields: Pick<RecordMeasureFields, "administeredOnDay" | "administeredOnMonth" | "administeredOnYear">,
) {
  const parsed = parseDateParts({
    day: fields.administeredOnDay,
    month: fields.administeredOnMonth,
    year: fields.administeredOnYear,
  });
  if (parsed.ok) return { ok: true as const, date: parsed.date };
  const problem = parsed.problem as keyof typeof dateMessages;
  return { ok: false as const, message: dateMessages[problem] ?? dateMessages.impossible };
}

export const enteredInErrorSchema = z.object({
  reason: z
    .string({ error: "Enter why this measure was entered in error" })
    .trim()
    .min(1, "Enter why this measure was entered in error")
    .max(500, "The reason must be 500 characters or fewer"),
});
