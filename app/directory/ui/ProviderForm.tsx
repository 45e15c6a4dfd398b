import { Select, Textarea, TextInput } from "~/ui/form";
import { ListingForm } from "./ListingForm";
import { providerKinds } from "../options";
import { toOptions } from "~/ui/choices";
import { PhoneInput, EmailInput } from "~/ui/fields";

export function ProviderForm({
  values,
  errors,
  hidden,
  submitLabel,
}: {
  values: Record<string, string>;
  errors?: Record<string, string>;
  hidden: Record<string, string>;
  submitLabel: string;
}) {
  const e = errors ?? {};
  return (
    <ListingForm errors={errors} hidden={hidden} submitLabel={submitLabel}>
      <TextInput name="name" label="Name" defaultValue={values.name} error={e.name} />
      <Select
        name="kind"
        label="Kind of provider"
        placeholder="Select one"
        defaultValue={values.kind}
        error={e.kind}
        options={toOptions(providerKinds)}
      />
      <Textarea
        name="description"
        label="Description (optional)"
        rows={3}
        defaultValue={values.description}
        error={e.description}
      />
      <EmailInput name="email" label="Email (optional)" defaultValue={values.email} error={e.email} />
      <PhoneInput name="phone" label="Phone (optional)" defaultValue={values.phone} error={e.phone} />
      <TextInput name="website" label="Website (optional)" defaultValue={values.website} error={e.website} />
    </ListingForm>
  );
}
