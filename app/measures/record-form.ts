// The staff "record a measure" form: which referral, questionnaire, time point and date. The answers
// themselves are read by answers-form.ts against the chosen instrument. Shared by the route and its tests.

import { z } from "zod";
import { withChecks } from "~/forms/checks";
import { parseDateParts } from "~/forms/date-parts";
import { requiredText } from "~/forms/fields";
import { answerFields } from "./answers-form";
import type { Instrument } from "./instruments";
import { decodeTimePoint } from "./time-points";

const recordMeasureFields = {
  referralId: z.uuid({ error: "Select the referral this measure belongs to" }),
  instrumentCode: z.string({ error: "Select a questionnaire" }).min(1, "Select a questionnaire"),
  timePoint: z
    .string({ error: "Select when in the referral this measure was taken" })
    .refine((v) => decodeTimePoint(v) !== null, "Select when in the referral this measure was taken"),
  administeredOnDay: z.string().optional(),
  administeredOnMonth: z.string().optional(),
  administeredOnYear: z.string().optional(),
  idempotencyKey: z.uuid({ error: "This form has expired: reload the page and enter the answers again" }),
};

/**
 * The staff form for `instrument` (undefined when the posted questionnaire is not one offered): the referral, time
 * point and date, then one field per question (`answerFields`). Read the answers with `answersOf`.
 */
export function recordMeasureSchema(instrument: Instrument | undefined) {
  const shape = { ...recordMeasureFields, ...(instrument ? answerFields(instrument) : {}) };
  return withChecks(z.object(shape) as unknown as z.ZodObject<typeof recordMeasureFields>, (v) => {
    const errors: Record<string, string> = {};
    if (!instrument) errors.instrumentCode = "Select one of the questionnaires offered";
    const date = readAdministeredOn(v);
    if (!date.ok) errors.administeredOn = date.message;
    return errors;
  });
}

type RecordMeasureFields = z.output<z.ZodObject<typeof recordMeasureFields>>;

const dateMessages = {
  missing: "Enter the date the questions were answered",
  incomplete: "The date the questions were answered must include a day, month and year",
  impossible: "The date the questions were answered must be a real date",
} as const;

/** The date the questions were answered, from its three boxes, or why it is not a date. */
function readAdministeredOn(
  fields: Partial<Pick<RecordMeasureFields, "administeredOnDay" | "administeredOnMonth" | "administeredOnYear">>,
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

/** The date of a form whose schema has checked it, as 'YYYY-MM-DD'. Throws if it was not checked. */
export function checkedAdministeredOn(fields: Partial<RecordMeasureFields>): string {
  const date = readAdministeredOn(fields);
  if (!date.ok) throw new Error("checkedAdministeredOn needs a form whose schema checked the date");
  return date.date;
}

export const enteredInErrorSchema = z.object({
  reason: requiredText(500, "Enter why this measure was entered in error", "The reason"),
});
