import { Radios, DateInput } from "~/ui/choices";
import { Select, TextInput, Textarea } from "~/ui/form";
import { ethnicityGroups, ETHNICITY_NOT_STATED, sexes } from "./equality";
import { consentKinds, contactMethods, lawfulBasisText } from "./person-form";
import { PhoneInput, EmailInput, PostcodeInput } from "~/ui/fields";

interface Props {
  values: Record<string, string>;
  errors?: Record<string, string>;
  districts: { code: string; name: string }[];
}

const yesNo = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/** The person form's fields, shared by "record a person" and "edit details". */
export function PersonFields({ values, errors = {}, districts }: Props) {
  return (
    <>
      <h2 className="nhsuk-heading-m">Who they are</h2>
      <TextInput
        name="givenName"
        label="First name"
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.givenName}
        error={errors.givenName}
      />
      <TextInput
        name="familyName"
        label="Last name"
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.familyName}
        error={errors.familyName}
      />
      <TextInput
        name="preferredName"
        label="Preferred name (optional)"
        hint="What they like to be called"
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.preferredName}
        error={errors.preferredName}
      />
      <DateInput
        name="dob"
        legend="Date of birth"
        hint="For example, 27 3 1947"
        value={{ day: values.dobDay, month: values.dobMonth, year: values.dobYear }}
        error={errors.dob}
      />
      <TextInput
        name="nhsNumber"
        label="NHS number (optional)"
        hint="10 digits, for example 943 476 5919"
        inputMode="numeric"
        width={10}
        autoComplete="off"
        defaultValue={values.nhsNumber}
        error={errors.nhsNumber}
      />

      <h2 className="nhsuk-heading-m">Where they live</h2>
      <TextInput
        name="addressLine1"
        label="Address line 1 (optional)"
        autoComplete="off"
        defaultValue={values.addressLine1}
        error={errors.addressLine1}
      />
      <TextInput
        name="addressLine2"
        label="Address line 2 (optional)"
        autoComplete="off"
        defaultValue={values.addressLine2}
        error={errors.addressLine2}
      />
      <TextInput
        name="town"
        label="Town or city (optional)"
        autoComplete="off"
        width={20}
        defaultValue={values.town}
        error={errors.town}
      />
      <PostcodeInput
        name="postcode"
        label="Postcode (optional)"
        defaultValue={values.postcode}
        error={errors.postcode}
      />
      <Select
        name="districtCode"
        label="District (optional)"
        placeholder="Not known"
        defaultValue={values.districtCode}
        error={errors.districtCode}
        options={districts.map((d) => ({ value: d.code, label: d.name }))}
      />

      <h2 className="nhsuk-heading-m">How to contact them</h2>
      <PhoneInput name="phone" label="Phone number (optional)" defaultValue={values.phone} error={errors.phone} />
      <EmailInput name="email" label="Email address (optional)" defaultValue={values.email} error={errors.email} />
      <Radios
        name="preferredContact"
        legend="Preferred way to contact them (optional)"
        value={values.preferredContact}
        error={errors.preferredContact}
        options={Object.entries(contactMethods).map(([value, label]) => ({ value, label }))}
      />
      <Textarea
        name="communicationNeeds"
        label="Communication needs (optional)"
        hint="For example, hard of hearing, prefers Gujarati, needs large print"
        rows={3}
        defaultValue={values.communicationNeeds}
        error={errors.communicationNeeds}
      />
      <Textarea
        name="accessNeeds"
        label="Access needs (optional)"
        hint="For example, uses a wheelchair, cannot manage stairs"
        rows={3}
        defaultValue={values.accessNeeds}
        error={errors.accessNeeds}
      />
      <TextInput
        name="gpPractice"
        label="GP practice (optional)"
        autoComplete="off"
        defaultValue={values.gpPractice}
        error={errors.gpPractice}
      />

      <h2 className="nhsuk-heading-m">Equality information</h2>
      <p>Used only in anonymous reports on who the service reaches. Each question is optional.</p>
      <Radios
        name="sex"
        legend="Sex (optional)"
        value={values.sex}
        error={errors.sex}
        options={Object.entries(sexes).map(([value, label]) => ({ value, label }))}
      />
      <Select
        name="ethnicity"
        label="Ethnic group (optional)"
        hint="Census 2021 categories. Ask them to choose; do not guess."
        placeholder="Not asked yet"
        defaultValue={values.ethnicity}
        error={errors.ethnicity}
        groups={ethnicityGroups.map((g) => ({
          label: g.group,
          options: Object.entries(g.options).map(([value, label]) => ({ value, label })),
        }))}
        after={[{ value: ETHNICITY_NOT_STATED, label: "Prefer not to say" }]}
      />
      <Select
        name="imdDecile"
        label="Index of Multiple Deprivation decile (optional)"
        hint="1 is the most deprived tenth of areas in England, 10 the least"
        placeholder="Not known"
        defaultValue={values.imdDecile}
        error={errors.imdDecile}
        options={Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
      />
      <Select
        name="imdQuintile"
        label="IMD quintile, if only that is known (optional)"
        hint="1 is the most deprived fifth; filled in for you from the decile"
        placeholder="Not known"
        defaultValue={values.imdQuintile}
        error={errors.imdQuintile}
        options={Array.from({ length: 5 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
      />

      <h2 className="nhsuk-heading-m">Lawful basis and consent</h2>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>{lawfulBasisText} No consent is needed to hold this record for their care.</p>
      </div>
      <Radios
        name="consentVolunteer"
        legend={`Do they agree to ${consentKinds.volunteer_contact.charAt(0).toLowerCase()}${consentKinds.volunteer_contact.slice(1)}?`}
        inline
        value={values.consentVolunteer}
        error={errors.consentVolunteer}
        options={yesNo}
      />
      <Radios
        name="consentQuote"
        legend="Do they agree that their words may be quoted anonymously in reports?"
        inline
        value={values.consentQuote}
        error={errors.consentQuote}
        options={yesNo}
      />
    </>
  );
}
