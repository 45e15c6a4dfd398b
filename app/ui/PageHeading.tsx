import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldErrors } from "~/errors";
import { ErrorSummary } from "./form";

/**
 * The top of a page: the back link, the error summary of the form last posted, any `notice` (what was just done or
 * saved), the caption naming whose or which record the page is about, and the page's heading (`children`).
 */
export function PageHeading({
  back,
  errors,
  notice,
  caption,
  children,
}: {
  back: { to: string; text: string };
  errors?: FieldErrors | null;
  notice?: ReactNode;
  caption: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <Link className="nhsuk-back-link" to={back.to}>
        {back.text}
      </Link>
      <ErrorSummary errors={errors} />
      {notice}
      <span className="nhsuk-caption-l">{caption}</span>
      <h1>{children}</h1>
    </>
  );
}
