import { formatIsoDate } from "~/ui/format";

/** Whose referral a page is about, above its heading: the person's name and date of birth. */
export function PersonCaption({ name, dateOfBirth }: { name: string; dateOfBirth: string }) {
  return (
    <span className="nhsuk-caption-l">
      {name}, born {formatIsoDate(dateOfBirth)}
    </span>
  );
}
