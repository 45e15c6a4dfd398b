import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A public statement (privacy, cookies, accessibility): one column under its heading, and, for the statements other
 * than the privacy notice, a link to it at the end.
 */
export function StatementPage({
  title,
  linkToPrivacy = false,
  children,
}: {
  title: string;
  linkToPrivacy?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{title}</h1>
        {children}
        {linkToPrivacy ? (
          <p>
            <Link to="/privacy">Privacy notice</Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
