// The subject access search form: an NHS number, or a family name and date of birth. Posted, never in a URL.
import { z } from "zod";
import { withChecks } from "~/forms/checks";
import { parseDateParts } from "~/forms/date-parts";
import { dateParts, nhsNumber, optionalText } from "~/forms/fields";

const NOTHING_TO_FIND = "Enter the person's NHS number, or their family name and date of birth";

/**
 * `nhsNumber` (10 digits, checked; test numbers allowed, since a record may hold one), or `familyName` with the
 * date of birth typed as `dobDay`, `dobMonth`, `dobYear`. An NHS number alone is enough; otherwise both the
 * family name and a real date of birth are needed, each refused at its own field.
 */
export const subjectSearchSchema = withChecks(
  z.object({
    nhsNumber: nhsNumber({ testNumbers: true }),
    familyName: optionalText(100, "Family name"),
    ...dateParts("dob"),
  }),
  (v) => {
    if (v.nhsNumber) return {};
    const typedDob = Boolean(v.dobDay?.trim() || v.dobMonth?.trim() || v.dobYear?.trim());
    if (!v.familyName && !typedDob) return { nhsNumber: NOTHING_TO_FIND };
    const errors: Record<string, string> = {};
    if (!v.familyName) errors.familyName = "Enter the person's family name, or search by NHS number";
    const dob = parseDateParts({ day: v.dobDay, month: v.dobMonth, year: v.dobYear });
    if (!dob.ok) errors.dob = "Enter the person's date of birth as day, month and year, like 15 3 1948";
    return errors;
  },
);

/** The query a valid form asks for: by NHS number when one was given, else by family name and date of birth. */
export function subjectQueryOf(
  v: z.output<typeof subjectSearchSchema>,
): { nhsNumber: string } | { familyName: string; dateOfBirth: string } {
  if (v.nhsNumber) return { nhsNumber: v.nhsNumber };
  const dob = parseDateParts({ day: v.dobDay, month: v.dobMonth, year: v.dobYear });
  if (!dob.ok || !v.familyName) throw new Error("subjectQueryOf: the form was not checked");
  return { familyName: v.familyName, dateOfBirth: dob.date };
}
