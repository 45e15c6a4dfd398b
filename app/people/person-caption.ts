import { formatIsoDate } from "~/ui/format";

/** Whose referral a page is about, as the caption above its heading: the person's name and date of birth. */
export function personCaption(name: string, dateOfBirth: string) {
  return `${name}, born ${formatIsoDate(dateOfBirth)}`;
}
