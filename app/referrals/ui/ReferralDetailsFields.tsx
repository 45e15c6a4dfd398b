import type { FieldErrors } from "~/errors";
import { barriers, needs } from "~/referrals/codes";
import { SUPPORT_NOTES_MAX } from "~/referrals/referral-form";
import { Checkboxes } from "~/ui/choices";
import { Textarea } from "~/ui/form";

const options = (codes: Record<string, string>) => Object.entries(codes).map(([value, label]) => ({ value, label }));

/**
 * A referral's details as every referral form asks them: the needs and reasons for it, what might get in the way,
 * and notes for the provider. Used by the form that makes a referral and the one that changes it, so both ask the
 * same questions in the same words. `values` holds the ticked codes and the notes to show (the user's after a
 * refusal); `errors` the messages by field name (`needs`, `barriers`, `supportNotes`).
 */
export function ReferralDetailsFields({
  values,
  errors,
}: {
  values: { needs: readonly string[]; barriers: readonly string[]; supportNotes?: string };
  errors?: FieldErrors;
}) {
  return (
    <>
      <Checkboxes
        name="needs"
        legend="Needs and reasons for the referral"
        hint="Select all that apply."
        selected={[...values.needs]}
        error={errors?.needs}
        options={options(needs)}
      />
      <Checkboxes
        name="barriers"
        legend="What might get in the way? (optional)"
        hint="Select all that apply."
        selected={[...values.barriers]}
        error={errors?.barriers}
        options={options(barriers)}
      />
      <Textarea
        name="supportNotes"
        label="Notes for the provider (optional)"
        hint={`What would help them take part, for example “needs the Fox Connect bus”. Up to ${SUPPORT_NOTES_MAX.toLocaleString("en-GB")} characters.`}
        defaultValue={values.supportNotes}
        error={errors?.supportNotes}
      />
    </>
  );
}
