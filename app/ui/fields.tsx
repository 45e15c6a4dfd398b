// One copy of the markup of each kind of field the forms ask for, beside the one copy of each field's rule
// (app/forms/fields.ts): the input type, keyboard, width, spelling and autofill settings are written once here.
import { TextInput } from "./form";

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  error?: string;
}

/**
 * Whose details the field holds. The user's own (the public self-referral form): the browser may offer to fill them
 * in. Anyone else's (a person, a provider, a volunteer, a colleague): autofill is off, so a member of staff's own
 * details are never filled into someone else's record.
 */
interface Whose {
  own?: boolean;
}

/** A UK phone number: the telephone keypad on phones, 20 characters wide. */
export function PhoneInput({ own = false, ...field }: FieldProps & Whose) {
  return <TextInput {...field} type="tel" inputMode="tel" width={20} autoComplete={own ? "tel" : "off"} />;
}

/** An email address: the email keyboard, no spelling check. */
export function EmailInput({ own = false, ...field }: FieldProps & Whose) {
  return <TextInput {...field} type="email" spellCheck={false} autoComplete={own ? "email" : "off"} />;
}

/** A UK postcode, 10 characters wide. */
export function PostcodeInput({ own = false, ...field }: FieldProps & Whose) {
  return <TextInput {...field} width={10} autoComplete={own ? "postal-code" : "off"} />;
}

/** A whole number (an age, a capacity): the number keypad, 10 characters wide. */
export function WholeNumberInput(field: FieldProps) {
  return <TextInput {...field} width={10} inputMode="numeric" />;
}

/** A calendar date (`isoDate`, 'YYYY-MM-DD'): the browser's date picker, 10 characters wide. */
export function IsoDateInput(field: FieldProps) {
  return <TextInput {...field} type="date" width={10} />;
}

/** A time of day ('HH:MM'): the browser's time picker, 10 characters wide. */
export function TimeInput(field: FieldProps) {
  return <TextInput {...field} type="time" width={10} />;
}
