import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Administration – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, context, "users:manage");
  return { name: user.displayName };
}

export default function AdminHome() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Administration</h1>
      <p className="nhsuk-lede-text">Signed in as {name}.</p>
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
