import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { londonToday } from "~/calendar";
import { listStaleListings } from "~/directory/stale.server";
import { formatIsoDate } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Administration – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, context, "users:manage");
  return { name: user.displayName, stale: await listStaleListings(londonToday()) };
}

export default function AdminHome() {
  const { name, stale } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Administration</h1>
      <p className="nhsuk-lede-text">Signed in as {name}.</p>
      <h2>Listings to check</h2>
      {stale.length === 0 ? (
        <p>Every active listing has been checked in the last six months.</p>
      ) : (
        <>
          <p>
            These listings have not been checked with their provider for six months. Check the details, then save the
            listing with today&apos;s date.
          </p>
          <ul className="nhsuk-list nhsuk-list--border">
            {stale.map((a) => (
              <li key={a.id}>
                <Link to={`/activities/${a.id}/edit`}>{a.name}</Link>{" "}
                <span className="app-muted">
                  ({a.provider}, last checked {formatIsoDate(a.lastCheckedOn)})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <ul className="nhsuk-grid-row nhsuk-card-group">
        <li className="nhsuk-grid-column-one-half nhsuk-card-group__item">
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to="/admin/users">
                  Users
                </Link>
              </h2>
              <p className="nhsuk-card__description">
                Add staff accounts, change roles, reset passwords, disable leavers.
              </p>
            </div>
          </div>
        </li>
        <li className="nhsuk-grid-column-one-half nhsuk-card-group__item">
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to="/providers">
                  Providers and activities
                </Link>
              </h2>
              <p className="nhsuk-card__description">
                Keep the directory current: listings not checked for six months are flagged.
              </p>
            </div>
          </div>
        </li>
        <li className="nhsuk-grid-column-one-half nhsuk-card-group__item">
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to="/admin/subject-access">
                  Subject access requests
                </Link>
              </h2>
              <p className="nhsuk-card__description">
                Export everything held about a person, and who has seen it, as a file and a page to print.
              </p>
            </div>
          </div>
        </li>
        <li className="nhsuk-grid-column-one-half nhsuk-card-group__item">
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to="/people/duplicates">
                  Duplicate records
                </Link>
              </h2>
              <p className="nhsuk-card__description">Compare and merge records that describe the same person.</p>
            </div>
          </div>
        </li>
        <li className="nhsuk-grid-column-one-half nhsuk-card-group__item">
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to="/admin/disclosure">
                  Small-number rule
                </Link>
              </h2>
              <p className="nhsuk-card__description">
                Choose how outcome figures protect small groups: NHS England&apos;s rule or cell-key perturbation.
              </p>
            </div>
          </div>
        </li>
        <li className="nhsuk-grid-column-one-half nhsuk-card-group__item">
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to="/admin/break-glass">
                  Break-glass access
                </Link>
              </h2>
              <p className="nhsuk-card__description">
                Review staff who joined a person’s care team by breaking glass, and the reasons they gave.
              </p>
            </div>
          </div>
        </li>
        <li className="nhsuk-grid-column-one-half nhsuk-card-group__item">
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to="/admin/audit">
                  Audit trail
                </Link>
              </h2>
              <p className="nhsuk-card__description">Who signed in, who looked at which record and what changed.</p>
            </div>
          </div>
        </li>
      </ul>
    </>
  );
}
