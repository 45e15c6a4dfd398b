import { accessibilityFeatures, activityFormats, activityStatuses, referralModes, transportOptions } from "../options";
import { Select, Textarea, TextInput } from "~/ui/form";
import { ListingForm } from "./ListingForm";
import { Checkboxes, Radios, toOptions } from "~/ui/choices";
import { PhoneInput, EmailInput, PostcodeInput, WholeNumberInput } from "~/ui/fields";

export interface ActivityFormValues {
  [key: string]: string | string[] | undefined;
}

interface Props {
  values: ActivityFormValues;
  errors?: Record<string, string>;
  providers: { id: string; name: string }[];
  categories: { code: string; label: string }[];
  districts: { code: string; name: string }[];
  hidden: Record<string, string>;
  submitLabel: string;
}

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const arr = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The whole listing in one form, grouped as a prescriber reads it: what, where, when, who, how to refer. */
export function ActivityForm({ values, errors, providers, categories, districts, hidden, submitLabel }: Props) {
  const e = errors ?? {};
  return (
    <ListingForm errors={errors} hidden={hidden} submitLabel={submitLabel}>
      <h2>What it is</h2>
      <Select
        name="providerId"
        label="Provider"
        placeholder="Select the provider"
        defaultValue={str(values.providerId)}
        error={e.providerId}
        options={providers.map((p) => ({ value: p.id, label: p.name }))}
      />
      <TextInput name="name" label="Activity name" defaultValue={str(values.name)} error={e.name} />
      <Textarea
        name="description"
        label="Description"
        hint="What happens, in plain words a prescriber can read out."
        defaultValue={str(values.description)}
        error={e.description}
      />
      <Select
        name="categoryCode"
        label="Category"
        placeholder="Select a category"
        defaultValue={str(values.categoryCode)}
        error={e.categoryCode}
        options={categories.map((c) => ({ value: c.code, label: c.label }))}
      />
      <Radios
        name="format"
        legend="How it runs"
        value={str(values.format)}
        error={e.format}
        options={toOptions(activityFormats)}
      />
      <h2>Where</h2>
      <TextInput
        name="address"
        label="Venue address (optional)"
        hint="Leave empty for phone-based or online activities."
        defaultValue={str(values.address)}
        error={e.address}
      />
      <PostcodeInput
        name="postcode"
        label="Postcode (optional)"
        defaultValue={str(values.postcode)}
        error={e.postcode}
      />
      <Select
        name="districtCode"
        label="District (optional)"
        placeholder="Across the county"
        defaultValue={str(values.districtCode)}
        error={e.districtCode}
        options={districts.map((d) => ({ value: d.code, label: d.name }))}
      />
      <Checkboxes
        name="transport"
        legend="Getting there (optional)"
        selected={arr(values.transport)}
        error={e.transport}
        options={toOptions(transportOptions)}
      />
      <TextInput
        name="transportZones"
        label="On-demand bus zones (optional)"
        hint="Separate zones with commas, for example: Hinckley, Lutterworth"
        defaultValue={str(values.transportZones)}
        error={e.transportZones}
      />
      <h2>Who it suits</h2>
      <WholeNumberInput
        name="minAge"
        label="Minimum age (optional)"
        defaultValue={str(values.minAge)}
        error={e.minAge}
      />
      <WholeNumberInput
        name="maxAge"
        label="Maximum age (optional)"
        defaultValue={str(values.maxAge)}
        error={e.maxAge}
      />
      <Textarea
        name="eligibility"
        label="Who it suits (optional)"
        rows={3}
        hint="For example: women only, people living with dementia and their carers."
        defaultValue={str(values.eligibility)}
        error={e.eligibility}
      />
      <Checkboxes
        name="accessibility"
        legend="Accessibility (optional)"
        selected={arr(values.accessibility)}
        error={e.accessibility}
        options={toOptions(accessibilityFeatures)}
      />
      <WholeNumberInput
        name="capacity"
        label="Capacity (optional)"
        hint="How many people it can take. Leave empty if there is no limit."
        defaultValue={str(values.capacity)}
        error={e.capacity}
      />
      <Radios
        name="free"
        legend="Is it free?"
        inline
        value={str(values.free)}
        error={e.free}
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
      />
      <TextInput name="cost" label="Cost, if not free" defaultValue={str(values.cost)} error={e.cost} />
      <h2>Referrals and contact</h2>
      <Radios
        name="referralMode"
        legend="How people join"
        value={str(values.referralMode)}
        error={e.referralMode}
        options={toOptions(referralModes)}
      />
      <TextInput
        name="contactName"
        label="Contact name or role (optional)"
        defaultValue={str(values.contactName)}
        error={e.contactName}
      />
      <PhoneInput
        name="contactPhone"
        label="Contact phone (optional)"
        defaultValue={str(values.contactPhone)}
        error={e.contactPhone}
      />
      <EmailInput
        name="contactEmail"
        label="Contact email (optional)"
        defaultValue={str(values.contactEmail)}
        error={e.contactEmail}
      />
      <Select
        name="status"
        label="Status"
        defaultValue={str(values.status) ?? "active"}
        error={e.status}
        options={toOptions(activityStatuses)}
      />
      <TextInput
        name="lastCheckedOn"
        label="Listing last checked"
        hint="The date someone confirmed these details with the provider."
        type="date"
        width={10}
        defaultValue={str(values.lastCheckedOn)}
        error={e.lastCheckedOn}
      />
    </ListingForm>
  );
}
