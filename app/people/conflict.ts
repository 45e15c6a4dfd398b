import { ethnicityLabels, sexes } from "./equality";
import { contactMethods } from "./person-form";
import { labelOf } from "~/labels";

// After a refused stale save: which details the saved record now holds differently from the user's form, so they
// can see what someone else changed without leaving the page.

const labels: [key: string, label: string][] = [
  ["givenName", "First name"],
  ["familyName", "Last name"],
  ["preferredName", "Preferred name"],
  ["dob", "Date of birth"],
  ["nhsNumber", "NHS number"],
  ["addressLine1", "Address line 1"],
  ["addressLine2", "Address line 2"],
  ["town", "Town or city"],
  ["postcode", "Postcode"],
  ["districtCode", "District"],
  ["phone", "Phone number"],
  ["email", "Email address"],
  ["preferredContact", "Preferred way to contact them"],
  ["communicationNeeds", "Communication needs"],
  ["accessNeeds", "Access needs"],
  ["gpPractice", "GP practice"],
  ["sex", "Sex"],
  ["ethnicity", "Ethnic group"],
  ["imdDecile", "IMD decile"],
  ["imdQuintile", "IMD quintile"],
  ["consentVolunteer", "Agrees to contact by a volunteer"],
  ["consentQuote", "Agrees to be quoted anonymously"],
];

const dob = (v: Record<string, string | undefined>) =>
  [v.dobDay, v.dobMonth, v.dobYear].map((p) => (p ?? "").trim()).join("/");

export function savedDifferences(
  saved: Record<string, string>,
  mine: Record<string, string | undefined>,
  districts: { code: string; name: string }[],
) {
  const shown = (key: string, v: string) => {
    if (!v) return "Not recorded";
    if (key === "districtCode") return districts.find((d) => d.code === v)?.name ?? v;
    if (key === "preferredContact") return labelOf(contactMethods, v);
    if (key === "sex") return labelOf(sexes, v);
    if (key === "ethnicity") return labelOf(ethnicityLabels, v);
    if (key === "consentVolunteer" || key === "consentQuote") return v === "yes" ? "Yes" : "No";
    return v;
  };
  return labels
    .filter(([key]) =>
      key === "dob" ? dob(saved) !== dob(mine) : (saved[key] ?? "").trim() !== (mine[key] ?? "").trim(),
    )
    .map(([key, label]) => ({
      label,
      saved: key === "dob" ? dob(saved).replace(/\//g, " ") : shown(key, saved[key] ?? ""),
    }));
}
