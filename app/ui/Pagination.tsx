import { Link } from "@remix-run/react";

/**
 * NHS.UK previous and next links under a list that comes a page at a time; nothing when it fits on one page.
 * `href(n)` is the address of page `n`.
 */
export function Pagination({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (n: number) => string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label="Pagination">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {page > 1 ? <PageLink to={href(page - 1)} rel="prev" page={page - 1} pageCount={pageCount} /> : null}
        {page < pageCount ? <PageLink to={href(page + 1)} rel="next" page={page + 1} pageCount={pageCount} /> : null}
      </ul>
    </nav>
  );
}

function PageLink({ to, rel, page, pageCount }: { to: string; rel: "prev" | "next"; page: number; pageCount: number }) {
  return (
    <li className={rel === "prev" ? "nhsuk-pagination-item--previous" : "nhsuk-pagination-item--next"}>
      <Link className={`nhsuk-pagination__link nhsuk-pagination__link--${rel}`} to={to}>
        <span className="nhsuk-pagination__title">{rel === "prev" ? "Previous" : "Next"}</span>
        <span className="nhsuk-u-visually-hidden">:</span>{" "}
        <span className="nhsuk-pagination__page">
          Page {page} of {pageCount}
        </span>
      </Link>
    </li>
  );
}
