import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldErrors } from "~/errors";
import { ErrorSummary } from "./form";

/**
 * The top of a page: the back link, the error summary of the form last posted, any `notice` (what was just done or
 * saved, or a warning about what the form is about to do), the caption naming whose or which record the page is
 * about, and the page's heading (`children`). A page without a back link or a caption leaves it out.
 */
export function PageHeading({
  back,
  errors,
  notice,
  caption,
  children,
}: {
  back?: { to: string; text: string } | null;
  errors?: FieldErrors | null;
  notice?: ReactNode;
  caption?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      {back ? (
        <Link className="nhsuk-back-link" to={back.to}>
          {back.text}
        </Link>
      ) : null}
      <ErrorSummary errors={errors} />
      {notice}
      {caption == null ? null : <span className="nhsuk-caption-l">{caption}</span>}
      <h1>{children}</h1>
    </>
  );
}
