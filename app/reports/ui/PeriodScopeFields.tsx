import { Select, type OptionGroup } from "~/ui/form";

/**
 * The two choices a report and a service cost are both for: a period (none chosen at first) and a scope (the whole
 * service at first, or a district, provider or activity), from `periodGroups` and `scopeGroups`.
 */
export function PeriodScopeFields({
  periods,
  scopes,
  errors,
  values,
  periodHint,
  scopeLabel,
}: {
  periods: OptionGroup[];
  scopes: OptionGroup[];
  errors?: Record<string, string>;
  values: Record<string, string>;
  periodHint?: string;
  scopeLabel: string;
}) {
  return (
    <>
      <Select
        name="period"
        label="Period"
        hint={periodHint}
        error={errors?.period}
        defaultValue={values.period}
        placeholder="Choose a period"
        groups={periods}
      />
      <Select
        name="scope"
        label={scopeLabel}
        error={errors?.scope}
        defaultValue={values.scope ?? "service"}
        options={[{ value: "service", label: "The whole service" }]}
        groups={scopes}
      />
    </>
  );
}
