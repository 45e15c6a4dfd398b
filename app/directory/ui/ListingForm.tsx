import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary } from "~/ui/form";

/**
 * The frame of a directory listing's form, a provider's or an activity's: the error summary, the form with its hidden
 * fields, the questions (`children`) and the button that saves them.
 */
export function ListingForm({
  errors,
  hidden,
  submitLabel,
  children,
}: {
  errors?: Record<string, string>;
  hidden: Record<string, string>;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {children}
        <button className="nhsuk-button" type="submit">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
